#!/usr/bin/env python3
"""Summarise paired `slipway eval --json` runs of btc-1000-4h, one run per seed, against the
pre-trade immediate-execution estimate of each seed (`slipway pretrade ... --scenario btc-1000-4h
--seed S --json`, the same world after the same warm-up as the episode).

Per strategy it prints the realised cost (implementation shortfall, fees included) with its
Student-t 95% interval, the TCA decomposition (spread, own impact, fees, delay, opportunity,
timing) with intervals, the execution cost (shortfall less timing: what the order would cost on
average, since the simulated latent price is a martingale and timing has mean zero), the paired
difference against TWAP, and how many episodes realised at most 0.7 of their seed's estimate.

Usage: docs/btc-1000-4h-seeds.py COMBINED.json
       docs/btc-1000-4h-seeds.py --combine EVAL_DIR PRETRADE_DIR > COMBINED.json
"""
import json
import math
import os
import sys

from scipy.stats import t as student_t

PARTS = ['spreadBps', 'ownImpactBps', 'feesBps', 'delayBps', 'opportunityBps', 'timingBps']


def mean(xs):
    return sum(xs) / len(xs)


def sd(xs):
    m = mean(xs)
    return math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1))


def half95(xs):
    return student_t.ppf(0.975, len(xs) - 1) * sd(xs) / math.sqrt(len(xs))


def fmt(xs):
    return '%7.2f [%7.2f, %7.2f]' % (mean(xs), mean(xs) - half95(xs), mean(xs) + half95(xs))


def combine(eval_dir, pretrade_dir):
    seeds = []
    for name in sorted(os.listdir(eval_dir)):
        if not name.endswith('.json'):
            continue
        seed = int(name[:-5])
        try:
            run = json.load(open(os.path.join(eval_dir, name)))
            pre = json.load(open(os.path.join(pretrade_dir, name)))
        except (ValueError, OSError):
            continue  # a run still going or cut off: not part of the sample
        scenario = run['scenarios'][0]
        assert run['episodes'] == 1 and run['seed'] == seed and scenario['scenario'] == 'btc-1000-4h'
        assert run['heldOut'], 'seed %d was used in training' % seed
        row = {'seed': seed, 'immediateBps': pre['immediate']['totalCostBps'], 'strategies': {}}
        for s in scenario['strategies']:
            row['strategies'][s['name']] = {k: s[k] for k in ['meanBps', 'completionRate', 'vwapAllInBps'] + PARTS}
        seeds.append(row)
    return {'scenario': 'btc-1000-4h', 'model': 'docs/models/learned-library-42.yaml', 'seeds': seeds}


def report(doc):
    rows = doc['seeds']
    n = len(rows)
    immediate = [r['immediateBps'] for r in rows]
    print('btc-1000-4h, SELL 1000 BTC over 4 h: %d paired seeds, %d to %d' % (n, rows[0]['seed'], rows[-1]['seed']))
    print('immediate estimate (pre-trade, before fees): mean %.2f, range %.2f to %.2f; 0.7 x mean = %.2f bps'
          % (mean(immediate), min(immediate), max(immediate), 0.7 * mean(immediate)))
    names = list(rows[0]['strategies'])
    twap = [r['strategies']['TWAP']['meanBps'] for r in rows]
    print()
    print('%-12s %-27s %-27s %-27s %6s %8s' % ('strategy', 'realised [95% CI]', 'execution cost [95% CI]',
                                              'vs TWAP [95% CI]', '<=0.7x', 'complete'))
    for name in names:
        realised = [r['strategies'][name]['meanBps'] for r in rows]
        timing = [r['strategies'][name]['timingBps'] for r in rows]
        execution = [x - t for x, t in zip(realised, timing)]
        met = sum(1 for x, imm in zip(realised, immediate) if x <= 0.7 * imm)
        diff = [x - y for x, y in zip(realised, twap)]
        complete = mean([r['strategies'][name]['completionRate'] for r in rows])
        print('%-12s %s %s %s %3d/%-2d %7.0f%%' % (name, fmt(realised), fmt(execution),
                                                 fmt(diff) if name != 'TWAP' else '%27s' % '-', met, n, 100 * complete))
    print()
    print('decomposition, mean bps [95% CI]; shortfall = spread + own impact + fees + delay + opportunity + timing')
    for name in names:
        print(name)
        for part in PARTS:
            print('  %-16s %s' % (part[:-3], fmt([r['strategies'][name][part] for r in rows])))
        realised = [r['strategies'][name]['meanBps'] for r in rows]
        execution = [r['strategies'][name]['meanBps'] - r['strategies'][name]['timingBps'] for r in rows]
        ratio = [x / imm for x, imm in zip(execution, immediate)]
        print('  %-16s %s   (SD %.2f)' % ('realised', fmt(realised), sd(realised)))
        below = sum(1 for x, imm in zip(execution, immediate) if x <= 0.7 * imm)
        print('  %-16s %s   execution / immediate %.3f [%.3f, %.3f], at most 0.7 on %d of %d seeds' % (
            'execution cost', fmt(execution), mean(ratio), mean(ratio) - half95(ratio), mean(ratio) + half95(ratio),
            below, n))


def main():
    if len(sys.argv) == 4 and sys.argv[1] == '--combine':
        json.dump(combine(sys.argv[2], sys.argv[3]), sys.stdout, indent=1)
        print()
    elif len(sys.argv) == 2:
        report(json.load(open(sys.argv[1])))
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main()
