import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { countVerdicts, parseRunAllArgs, renderIndex } from '../../bench/run-all.js';

describe('npm run bench', () => {
  it('runs the five parts in the order of the issue, or those --only names', () => {
    expect(parseRunAllArgs([])).toEqual([
      'plan',
      'executor',
      'checkpoint',
      'calls',
      'alternatives',
    ]);
    expect(parseRunAllArgs(['--only', 'calls, plan'])).toEqual(['plan', 'calls']);
    expect(() => parseRunAllArgs(['--only', 'plan,speed'])).toThrow(
      '--only takes plan, executor, checkpoint, calls, alternatives; got "speed"',
    );
  });

  it('indexes each part with its table, wall time and how it ended', () => {
    const index = renderIndex(
      [
        { name: 'plan', exitCode: 0, wallMs: 372_000, verdicts: { met: 1, missed: 2 } },
        { name: 'calls', exitCode: 1, wallMs: 61_000, verdicts: { met: 0, missed: 0 } },
      ],
      { date: '2026-12-05T04:00:00.000Z', loadAverage: [0.1, 0.5, 1] },
    );
    expect(index.split('\n')).toEqual([
      '# Benchmark results',
      '',
      `The latest \`npm run bench\`: 2026-12-05T04:00:00.000Z, Node ${process.version}, ` +
        `${availableParallelism()} CPUs, the parts one after another; load average when it ` +
        'began 0.1, 0.5, 1. Each table names its targets and says which are met; *done* ' +
        'means the part ran to its end and its correctness checks passed.',
      '',
      '| part | table | targets | wall time | ended |',
      '| --- | --- | --- | ---: | --- |',
      '| Input and planning at 10k, 100k and 1M customers | [plan.md](plan.md) | 1 met, **2 missed** | 6.2 min | done |',
      '| Calls per job: migration and no-change nightly | [calls.md](calls.md) | – | 1.0 min | **failed** (exit 1) |',
      '',
      'Not run by `npm run bench`: [gate.md](gate.md) (`npm run bench:gate`, the request ' +
        'gate alone), with the date it ran. Crashes, faults, load and hostile input are ' +
        '`npm run torture`: [docs/reliability.md](../../docs/reliability.md).',
      '',
    ]);
  });

  it('counts the verdicts of a table, bold in a cell or after a colon', () => {
    expect(
      countVerdicts(
        [
          '| reader at 50 MiB/s | 61.6 MiB/s | **met** |',
          '| plan in 10 s | 13.99 s | **missed** |',
          '- 25/s `--rate 25`: 0 429s (≤ 0): met',
          '- migration: 0 duplicates (target 0): missed',
          'the word met in a sentence is no verdict',
        ].join('\n'),
      ),
    ).toEqual({ met: 2, missed: 2 });
  });
});
