#!/usr/bin/env python3
"""Independent check of eval's CVaR 95 comparison against TWAP, from `slipway eval --json` output.

    docs/cvar-bootstrap-check.py RUN.json [RUN.json ...] [--resamples N] [--seed S]

Several files with the same scenarios and strategies and different seeds (e.g. a run split in halves)
are joined by seed. Per scenario and pooled it recomputes, from the per-episode shortfalls:
  - CVaR 95 per strategy (mean of the worst ceil(5%) episodes) and CVaR95(X) - CVaR95(TWAP), which
    must equal eval's cvar95Bps and cvar95VsTwapBps when one file holds every seed;
  - the paired percentile bootstrap interval with numpy's generator instead of eval's SplittableRandom,
    resampling the same units (a seed; with --antithetic its world and mirror together; pooled, a seed
    with its episodes in every scenario). The endpoints then agree with eval's within the bootstrap's
    own Monte Carlo noise (about 0.1 bps at 2,000 resamples on the library), not to the digit.
"""
import json
import math
import sys

import numpy as np


def cvar95(xs):
    xs = np.sort(np.asarray(xs))
    tail = max(1, math.ceil(0.05 * len(xs)))
    return xs[-tail:].mean()


def bootstrap(x, y, unit, resamples, rng):
    """Percentile 95% intervals of CVaR95(x) - CVaR95(y) and CVaR95(x) / CVaR95(y), resampling units."""
    x, y, unit = np.asarray(x), np.asarray(y), np.asarray(unit)
    units = unit.max() + 1
    members = [np.flatnonzero(unit == u) for u in range(units)]
    diff, ratio = np.empty(resamples), np.empty(resamples)
    for r in range(resamples):
        idx = np.concatenate([members[u] for u in rng.integers(0, units, units)])
        cx, cy = cvar95(x[idx]), cvar95(y[idx])
        diff[r], ratio[r] = cx - cy, cx / cy if cy > 0 else np.nan
    return np.percentile(diff, [2.5, 97.5]), np.percentile(ratio, [2.5, 97.5])


def main(argv):
    resamples, seed, paths = 2000, 1, []
    it = iter(argv)
    for a in it:
        if a == '--resamples':
            resamples = int(next(it))
        elif a == '--seed':
            seed = int(next(it))
        else:
            paths.append(a)
    rng = np.random.default_rng(seed)
    # episodes[scenario][strategy][seed] = [world, mirror] or [episode]; reported[scenario][strategy] = eval's figures
    episodes, reported, names, worlds = {}, {}, None, None
    for path in paths:
        run = json.load(open(path))
        worlds = 2 if run.get('antithetic') else 1
        for sc in run['scenarios']:
            for s in sc['strategies']:
                e = s['shortfallBps']
                for i in range(run['episodes']):
                    episodes.setdefault(sc['scenario'], {}).setdefault(s['name'], {})[run['seed'] + i] = \
                        e[worlds * i: worlds * i + worlds]
                if len(paths) == 1:
                    reported.setdefault(sc['scenario'], {})[s['name']] = s
            names = [s['name'] for s in sc['strategies']]
        if len(paths) == 1:
            for s in run['pooled']['strategies']:
                reported.setdefault(None, {})[s['name']] = s
    scenarios = list(episodes)
    seeds = sorted(episodes[scenarios[0]]['TWAP'])
    print('seeds %d..%d, %s, scenarios %s; %d resamples (numpy, seed %d)' % (
        seeds[0], seeds[-1], 'antithetic pairs' if worlds == 2 else 'single worlds', ' '.join(scenarios),
        resamples, seed))
    blocks = [(sc, [sc]) for sc in scenarios] + ([(None, scenarios)] if len(scenarios) > 1 else [])
    for block, members in blocks:
        unit = [k for _ in members for k, s in enumerate(seeds) for _w in range(worlds)]
        cost = {n: [v for sc in members for s in seeds for v in episodes[sc][n][s]] for n in names}
        print('\n%s: %d episodes, %d units' % (block or 'Pooled (a seed with all its scenarios is a unit)',
                                               len(unit), len(seeds)))
        print('  %-12s %8s %26s %24s %26s' % ('strategy', 'CVaR95', 'CVaR95 - TWAP [95% CI]', 'CVaR95 / TWAP [95% CI]',
                                             'eval: diff [95% CI]'))
        for n in names:
            c, t = cvar95(cost[n]), cvar95(cost['TWAP'])
            (lo, hi), (rlo, rhi) = bootstrap(cost[n], cost['TWAP'], unit, resamples, rng)
            ev = reported.get(block, {}).get(n)
            evs = '-' if ev is None else '%+.2f [%+.2f, %+.2f]' % (
                ev['cvar95VsTwapBps'], ev['cvar95VsTwapCi95LowBps'], ev['cvar95VsTwapCi95HighBps'])
            if ev is not None:
                assert abs(ev['cvar95Bps'] - c) < 2e-6, (block, n, ev['cvar95Bps'], c)
                assert abs(ev['cvar95VsTwapBps'] - (c - t)) < 4e-6, (block, n)
            print('  %-12s %8.2f %26s %24s %26s' % (
                n, c, '-' if n == 'TWAP' else '%+.2f [%+.2f, %+.2f]' % (c - t, lo, hi),
                '-' if n == 'TWAP' else '%.3f [%.3f, %.3f]' % (c / t, rlo, rhi), '-' if n == 'TWAP' else evs))


if __name__ == '__main__':
    main(sys.argv[1:])
