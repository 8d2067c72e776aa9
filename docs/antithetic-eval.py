#!/usr/bin/env python3
"""Summarise `slipway eval --antithetic --json` runs: the library over several runs of consecutive seeds,
and btc-1000-4h against each world's own pre-trade immediate estimate.

Library (one or more eval JSON files with the same scenarios and strategies, seeds in any order):
    docs/antithetic-eval.py library RUN.json [RUN.json ...]
  Per scenario and pooled, over antithetic pairs (the pair's average is the sample): mean, SD, CVaR 95
  over episodes, the paired difference against TWAP and ADAPTIVE_AC with Student-t 95% intervals, the
  ratio mean(X) / mean(TWAP) and mean(X) / mean(ADAPTIVE_AC) with 95% delta-method intervals, the
  correlation of shortfall between the two worlds of a pair, completion. The seven scenarios of one
  seed share the latent price's random draws, so the pooled figures are also given clustered by seed:
  the sample is a seed's average over the scenarios (n = seeds).

btc-1000-4h (one eval JSON with --episodes N --antithetic, and a directory of pretrade JSONs named
SEED.json and SEED-mirror.json, as `slipway pretrade ... --scenario btc-1000-4h --seed S [--mirror] --json`):
    docs/antithetic-eval.py btc RUN.json PRETRADE_DIR
  Per strategy: realised cost (shortfall, fees included) over pairs, each world's immediate estimate,
  the ratio mean(realised) / mean(immediate) with its delta-method interval, the execution cost
  (realised - timing), and the episodes at or under 0.7 of their own world's estimate.
"""
import json
import math
import os
import sys

from scipy.stats import t as student_t


def mean(xs):
    return sum(xs) / len(xs)


def sd(xs):
    m = mean(xs)
    return math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1))


def half95(xs):
    return student_t.ppf(0.975, len(xs) - 1) * sd(xs) / math.sqrt(len(xs))


def ratio(xs, ys):
    """mean(x) / mean(y) and its delta-method 95% half-width (residuals x - R y, t with n - 1 df)."""
    r = mean(xs) / mean(ys)
    residual = [x - r * y for x, y in zip(xs, ys)]
    return r, student_t.ppf(0.975, len(xs) - 1) * sd(residual) / (math.sqrt(len(xs)) * abs(mean(ys)))


def corr(xs, ys):
    mx, my = mean(xs), mean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy)


def cvar95(xs):
    tail = max(1, math.ceil(0.05 * len(xs)))
    return mean(sorted(xs)[-tail:])


def ci(xs):
    return '%+.2f [%+.2f, %+.2f]' % (mean(xs), mean(xs) - half95(xs), mean(xs) + half95(xs))


def rci(xs, ys):
    r, h = ratio(xs, ys)
    return '%.3f [%.3f, %.3f]' % (r, r - h, r + h)


def load_library(paths):
    """{scenario: {strategy: {seed: (world, mirror, worldTiming, mirrorTiming, worldCompletion?)}}}"""
    data = {}
    names = None
    for path in paths:
        run = json.load(open(path))
        assert run.get('antithetic'), '%s is not an antithetic run' % path
        assert run.get('heldOut', True), '%s: seeds were used in training' % path
        for sc in run['scenarios']:
            n = sc['antitheticPairs']
            for s in sc['strategies']:
                eps = s['shortfallBps']
                timing = s['episodeTimingBps']
                assert len(eps) == 2 * n
                for i in range(n):
                    data.setdefault(sc['scenario'], {}).setdefault(s['name'], {})[run['seed'] + i] = (
                        eps[2 * i], eps[2 * i + 1], timing[2 * i], timing[2 * i + 1], s['completionRate'])
            run_names = [s['name'] for s in sc['strategies']]
            assert names is None or names == run_names
            names = run_names
    return data, names


def table(title, samples, episodes, world, mirror, completion, names):
    """samples[name] = list of pair means; episodes[name] = every episode; world/mirror[name] per pair."""
    n = len(samples['TWAP'])
    print('%s: %d %s' % (title, n, 'samples'))
    print('  %-12s %8s %7s %8s %23s %23s %22s %22s %7s %6s' % ('strategy', 'mean', 'SD', 'CVaR95', 'vs TWAP [95% CI]',
          'vs ADAPTIVE_AC [95% CI]', 'mean/TWAP [95% CI]', 'mean/ADAPTIVE_AC', 'corr', 'compl'))
    for name in names:
        x = samples[name]
        vs_twap = [a - b for a, b in zip(x, samples['TWAP'])]
        vs_ac = [a - b for a, b in zip(x, samples['ADAPTIVE_AC'])] if 'ADAPTIVE_AC' in samples else None
        print('  %-12s %8.2f %7.2f %8.2f %23s %23s %22s %22s %7s %5.0f%%' % (
            name, mean(x), sd(x), cvar95(episodes[name]),
            '-' if name == 'TWAP' else ci(vs_twap),
            '-' if vs_ac is None or name == 'ADAPTIVE_AC' else ci(vs_ac),
            '-' if name == 'TWAP' else rci(x, samples['TWAP']),
            '-' if vs_ac is None or name == 'ADAPTIVE_AC' else rci(x, samples['ADAPTIVE_AC']),
            '%.3f' % corr(world[name], mirror[name]) if world is not None else '-', 100 * completion[name]))
    print()


def library(paths):
    data, names = load_library(paths)
    scenarios = list(data)
    seeds = sorted(data[scenarios[0]]['TWAP'])
    print('seeds %d..%d (%d pairs per scenario), scenarios %s' % (seeds[0], seeds[-1], len(seeds), ' '.join(scenarios)))
    print('CVaR 95 over episodes; mean, SD, intervals over pair averages; corr = shortfall of world against mirror\n')
    pooled = {k: {name: [] for name in names} for k in ['samples', 'episodes', 'world', 'mirror']}
    completion_all = {name: [] for name in names}
    for sc in scenarios:
        samples, episodes, world, mirror, completion = {}, {}, {}, {}, {}
        for name in names:
            rows = [data[sc][name][seed] for seed in seeds]
            samples[name] = [0.5 * (r[0] + r[1]) for r in rows]
            episodes[name] = [v for r in rows for v in r[:2]]
            world[name] = [r[0] for r in rows]
            mirror[name] = [r[1] for r in rows]
            # Each run's completion rate covers its own seeds; weighted by them, the share of complete episodes.
            completion[name] = mean([r[4] for r in rows])
            completion_all[name].append(completion[name])
            for k, v in [('samples', samples), ('episodes', episodes), ('world', world), ('mirror', mirror)]:
                pooled[k][name] += v[name]
        table('Scenario %s' % sc, samples, episodes, world, mirror, completion, names)
    worst = {name: mean(completion_all[name]) for name in names}
    table('Pooled, scenario x seed pairs as samples (as eval prints it)', pooled['samples'], pooled['episodes'],
          pooled['world'], pooled['mirror'], worst, names)
    clustered = {name: [mean([0.5 * (data[sc][name][seed][0] + data[sc][name][seed][1]) for sc in scenarios])
                        for seed in seeds] for name in names}
    table('Pooled, clustered by seed (a seed\'s mean over the %d scenarios is the sample)' % len(scenarios),
          clustered, pooled['episodes'], None, None, worst, names)
    timing = {name: [(data[sc][name][seed][2], data[sc][name][seed][3]) for sc in scenarios for seed in seeds]
              for name in names}
    print('timing, correlation of world against mirror over all pairs: ' +
          ', '.join('%s %.3f' % (name, corr([a for a, _ in timing[name]], [b for _, b in timing[name]])) for name in names))
    print('episode SD of shortfall against SD of pair averages, per scenario (mean over scenarios): ' + ', '.join(
        '%s %.2f / %.2f' % (name, mean([sd([v for seed in seeds for v in data[sc][name][seed][:2]]) for sc in scenarios]),
                            mean([sd([0.5 * (data[sc][name][seed][0] + data[sc][name][seed][1]) for seed in seeds])
                                  for sc in scenarios])) for name in names))


def btc(path, pretrade_dir):
    run = json.load(open(path))
    assert run.get('antithetic') and run['heldOut']
    sc = run['scenarios'][0]
    assert sc['scenario'] == 'btc-1000-4h'
    n = sc['antitheticPairs']
    seeds = [run['seed'] + i for i in range(n)]
    est = []
    for seed in seeds:
        world = json.load(open(os.path.join(pretrade_dir, '%d.json' % seed)))
        mirror = json.load(open(os.path.join(pretrade_dir, '%d-mirror.json' % seed)))
        assert world['seed'] == seed and mirror['seed'] == seed and mirror.get('mirror') and 'mirror' not in world
        est += [world['immediate']['totalCostBps'], mirror['immediate']['totalCostBps']]
    est_pairs = [0.5 * (est[2 * i] + est[2 * i + 1]) for i in range(n)]
    print('btc-1000-4h, SELL 1000 BTC over 4 h: %d antithetic pairs, seeds %d..%d' % (n, seeds[0], seeds[-1]))
    print('immediate estimate, each world its own (pre-trade after the warm-up, before fees): mean %.2f, range %.2f..%.2f;'
          ' world against mirror differ by %.2f bps on average' % (
              mean(est), min(est), max(est), mean([abs(est[2 * i] - est[2 * i + 1]) for i in range(n)])))
    print()
    twap = None
    print('  %-12s %22s %7s %7s %22s %22s %22s %7s %7s' % ('strategy', 'realised [95% CI]', 'SD', 'corr',
          'realised/immediate', 'execution cost', 'vs TWAP', '<=0.7x', 'compl'))
    for s in sc['strategies']:
        eps = s['shortfallBps']
        timing = s['episodeTimingBps']
        pairs = [0.5 * (eps[2 * i] + eps[2 * i + 1]) for i in range(n)]
        execution = [0.5 * (eps[2 * i] - timing[2 * i] + eps[2 * i + 1] - timing[2 * i + 1]) for i in range(n)]
        if s['name'] == 'TWAP':
            twap = pairs
        met = sum(1 for x, e in zip(eps, est) if x <= 0.7 * e)
        print('  %-12s %22s %7.2f %7.3f %22s %22s %22s %4d/%d %6.0f%%' % (
            s['name'], ci(pairs).replace('+', ''), sd(pairs), corr(eps[0::2], eps[1::2]), rci(pairs, est_pairs),
            ci(execution).replace('+', ''), '-' if s['name'] == 'TWAP' else ci([a - b for a, b in zip(pairs, twap)]),
            met, 2 * n, 100 * s['completionRate']))


if __name__ == '__main__':
    if len(sys.argv) >= 3 and sys.argv[1] == 'library':
        library(sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == 'btc':
        btc(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
