import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseRunAllArgs, renderIndex } from '../../bench/run-all.js';

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
        { name: 'plan', exitCode: 0, wallMs: 372_000 },
        { name: 'calls', exitCode: 1, wallMs: 61_000 },
      ],
      '2026-12-05T04:00:00.000Z',
    );
    expect(index.split('\n')).toEqual([
      '# Benchmark results',
      '',
      `The latest \`npm run bench\`: 2026-12-05T04:00:00.000Z, Node ${process.version}, ` +
        `${availableParallelism()} CPUs, the parts one after another with nothing else ` +
        'running. Each table names its targets and says which are met.',
      '',
      '| part | table | wall time | ended |',
      '| --- | --- | ---: | --- |',
      '| Input and planning at 10k, 100k and 1M customers | [plan.md](plan.md) | 6.2 min | done |',
      '| Calls per job: migration and no-change nightly | [calls.md](calls.md) | 1.0 min | **failed** (exit 1) |',
      '',
    ]);
  });
});
