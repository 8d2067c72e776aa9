#!/usr/bin/env python3
"""Combine two `slipway eval --json` runs made on the same scenarios, episodes and seeds into one
paired table. Episodes are deterministic from the seed, so a strategy run in both files must give
the same per-episode shortfalls; the script checks that to the last digit (it is the check that the
runs are paired) and then computes, per scenario and pooled, what eval prints: mean, SD, CVaR 95,
the paired difference against TWAP and against ADAPTIVE_AC with Student-t 95% intervals.

Usage: docs/combine-eval.py A.json B.json [NAME=NEWNAME@B ...]
       a rename such as LEARNED=LEARNED_DEPTH_OFF@A gives file A's LEARNED another name.
"""
import json
import math
import sys

from scipy.stats import t as student_t


def cvar95(xs):
    s = sorted(xs)
    tail = max(1, math.ceil(0.05 * len(s)))
    return sum(s[-tail:]) / tail


def mean(xs):
    return sum(xs) / len(xs)


def sd(xs):
    m = mean(xs)
    return math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1))


def half95(xs):
    return student_t.ppf(0.975, len(xs) - 1) * sd(xs) / math.sqrt(len(xs))


def strategies(doc, tag, renames):
    out = {}
    for sc in doc['scenarios']:
        for s in sc['strategies']:
            name = renames.get((s['name'], tag), s['name'])
            out.setdefault(name, {})[sc['scenario']] = s
    return out


def main():
    a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
    renames = {}
    for arg in sys.argv[3:]:
        old, rest = arg.split('=')
        new, tag = rest.split('@')
        renames[(old, tag)] = new
    if (a['seed'], a['episodes']) != (b['seed'], b['episodes']):
        sys.exit('the runs are not on the same seeds')
    sa, sb = strategies(a, 'A', renames), strategies(b, 'B', renames)
    merged = dict(sa)
    for name, per in sb.items():
        if name in merged:
            for scenario, s in per.items():
                if merged[name][scenario]['shortfallBps'] != s['shortfallBps']:
                    sys.exit(f'{name} on {scenario} differs between the runs: not paired')
            print(f'{name}: identical per-episode shortfalls in both runs')
        else:
            merged[name] = per
    scenarios = [sc['scenario'] for sc in a['scenarios']]
    fields = ['feesBps', 'ownImpactBps', 'timingBps', 'impactTimingBps', 'spreadBps', 'vwapAllInBps', 'passiveShare',
              'completionRate']

    def table(title, pick):
        print(f'\n{title}')
        twap = pick('TWAP')
        ac = pick('ADAPTIVE_AC') if 'ADAPTIVE_AC' in merged else None
        print(f"  {'strategy':18} {'mean':>7} {'SD':>6} {'CVaR95':>7} {'vs TWAP [95% CI]':>24} {'vs TWAP%':>8} "
              f"{'vs ADAPTIVE_AC [95% CI]':>24} " + ' '.join(f'{f[:-3] if f.endswith("Bps") else f:>9}' for f in fields))
        for name in merged:
            x = pick(name)
            d = [p - q for p, q in zip(x, twap)]
            vs = '-' if name == 'TWAP' else f'{mean(d):+.2f} [{mean(d) - half95(d):+.2f}, {mean(d) + half95(d):+.2f}]'
            rel = '-' if name == 'TWAP' else f'{-100 * mean(d) / mean(twap):+.1f}%'
            if ac is None or name == 'ADAPTIVE_AC':
                vac = '-'
            else:
                e = [p - q for p, q in zip(x, ac)]
                vac = f'{mean(e):+.2f} [{mean(e) - half95(e):+.2f}, {mean(e) + half95(e):+.2f}]'
            extra = []
            for f in fields:
                vals = [merged[name][sc].get(f) for sc in scenarios if pick.scenarios is None or sc in pick.scenarios]
                vals = [v for v in vals if v is not None]
                extra.append(f'{mean(vals):9.2f}' if vals else f'{"n/a":>9}')
            print(f'  {name:18} {mean(x):7.2f} {sd(x):6.2f} {cvar95(x):7.2f} {vs:>24} {rel:>8} {vac:>24} ' + ' '.join(extra))

    def picker(chosen):
        def pick(name):
            return [v for sc in scenarios if sc in chosen for v in merged[name][sc]['shortfallBps']]
        pick.scenarios = chosen
        return pick

    for sc in scenarios:
        table(f'Scenario {sc}', picker([sc]))
    table(f'Pooled over {len(scenarios)} scenarios ({len(scenarios) * a["episodes"]} paired episodes); '
          'fee/impact/timing columns are means of the scenario means', picker(scenarios))
    rest = [sc for sc in scenarios if sc != 'flash-dip']
    if len(rest) < len(scenarios):
        table('Pooled without flash-dip', picker(rest))


if __name__ == '__main__':
    main()
