import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  forgetOrganization,
  loadPlanMemory,
  recordInputSize,
  recordLastApplied,
  rememberOrganization,
} from '../../src/checkpoint/index.js';
import type { Checkpoint } from '../../src/checkpoint/index.js';
import { EMPTY_MEMORY } from '../../src/plan/memory.js';
import { open, tempDir } from './support.js';

const PLAYGROUND = 'https://playground.example.com/api/v1';
const PRODUCTION = 'https://api.example.com/api/v1';
const T1 = '2025-03-02T09:15:00.000Z';
const T2 = '2025-03-03T09:15:00.000Z';
const T3 = '2025-03-04T09:15:00.000Z';

const stateDir = (): string => join(tempDir(), 'state');

/** Runs `fn` on a freshly opened checkpoint of the test's state directory, then closes it. */
function withCheckpoint<T>(fn: (checkpoint: Checkpoint) => T): T {
  const checkpoint = open(stateDir());
  try {
    return fn(checkpoint);
  } finally {
    checkpoint.close();
  }
}

function mapRow(checkpoint: Checkpoint, key: string): unknown {
  return checkpoint.db
    .prepare('SELECT * FROM organization_map WHERE customer_key = ?')
    .get(key);
}

describe('planning memory', () => {
  it('is empty in a new checkpoint', () => {
    expect(withCheckpoint((c) => loadPlanMemory(c, PRODUCTION))).toEqual(EMPTY_MEMORY);
  });

  it('comes back after a reopen, in customer-key order, null apart from absent', () => {
    withCheckpoint((c) => {
      rememberOrganization(c, PRODUCTION, 'c-2', 1_000_002, 'run-1', T1);
      rememberOrganization(c, PRODUCTION, 'c-10', 1_000_010, 'run-1', T1);
      rememberOrganization(c, PRODUCTION, 'c-1', 1_000_001, 'run-1', T1);
      recordLastApplied(c, PRODUCTION, 'c-2', { description: 'Two chairs, "one" desk' });
      recordLastApplied(c, PRODUCTION, 'c-1', { description: null });
      recordLastApplied(c, PRODUCTION, 'c-10', {});
      recordInputSize(c, PRODUCTION, 'run-1', 3, T1);
    });
    const memory = withCheckpoint((c) => loadPlanMemory(c, PRODUCTION));
    expect([...memory.organizations]).toEqual([
      ['c-1', 1_000_001],
      ['c-10', 1_000_010],
      ['c-2', 1_000_002],
    ]);
    expect([...memory.lastApplied]).toEqual([
      ['c-1', { description: null }],
      ['c-2', { description: 'Two chairs, "one" desk' }],
    ]);
    expect(Object.hasOwn(memory.lastApplied.get('c-1') ?? {}, 'description')).toBe(true);
    expect(memory.lastApplied.has('c-10')).toBe(false);
    expect(memory.previousInputCustomers).toBe(3);
  });

  it('keeps the first run of a mapping until the key moves to another organization', () => {
    const rows = withCheckpoint((c) => {
      rememberOrganization(c, PRODUCTION, 'c-1', 1_000_001, 'run-1', T1);
      rememberOrganization(c, PRODUCTION, 'c-1', 1_000_001, 'run-2', T2);
      const same = mapRow(c, 'c-1');
      rememberOrganization(c, PRODUCTION, 'c-1', 1_000_009, 'run-3', T3);
      return [same, mapRow(c, 'c-1')];
    });
    const row = (
      organization_id: number,
      first_seen_run: string,
      updated_at: string,
    ) => ({
      environment: PRODUCTION,
      customer_key: 'c-1',
      organization_id,
      first_seen_run,
      updated_at,
    });
    expect(rows).toEqual([row(1_000_001, 'run-1', T2), row(1_000_009, 'run-3', T3)]);
  });

  it('overwrites a field given again and keeps a field left out', () => {
    const memory = withCheckpoint((c) => {
      recordLastApplied(c, PRODUCTION, 'c-1', { description: 'old' });
      recordLastApplied(c, PRODUCTION, 'c-2', { description: 'kept' });
      recordLastApplied(c, PRODUCTION, 'c-1', { description: null });
      recordLastApplied(c, PRODUCTION, 'c-2', {});
      return loadPlanMemory(c, PRODUCTION);
    });
    expect([...memory.lastApplied]).toEqual([
      ['c-1', { description: null }],
      ['c-2', { description: 'kept' }],
    ]);
  });

  it('forgets a deleted organization together with its last applied values', () => {
    const [forgotten, again, memory] = withCheckpoint((c) => {
      rememberOrganization(c, PRODUCTION, 'c-1', 1_000_001, 'run-1', T1);
      rememberOrganization(c, PRODUCTION, 'c-2', 1_000_002, 'run-1', T1);
      recordLastApplied(c, PRODUCTION, 'c-1', { description: 'gone' });
      recordLastApplied(c, PRODUCTION, 'c-2', { description: 'stays' });
      return [
        forgetOrganization(c, PRODUCTION, 'c-1'),
        forgetOrganization(c, PRODUCTION, 'c-1'),
        loadPlanMemory(c, PRODUCTION),
      ] as const;
    });
    expect([forgotten, again]).toEqual([true, false]);
    expect([...memory.organizations]).toEqual([['c-2', 1_000_002]]);
    expect([...memory.lastApplied]).toEqual([['c-2', { description: 'stays' }]]);
  });
});

describe('environments', () => {
  it('keep their own organizations, values and input sizes', () => {
    const [playground, production] = withCheckpoint((c) => {
      rememberOrganization(c, PLAYGROUND, 'c-1', 1_000_001, 'run-1', T1);
      rememberOrganization(c, PRODUCTION, 'c-1', 4_242, 'run-2', T2);
      recordLastApplied(c, PLAYGROUND, 'c-1', { description: 'test' });
      recordInputSize(c, PLAYGROUND, 'run-1', 10, T1);
      recordInputSize(c, PRODUCTION, 'run-2', 12_000, T2);
      return [loadPlanMemory(c, PLAYGROUND), loadPlanMemory(c, PRODUCTION)];
    });
    expect(playground).toEqual({
      organizations: new Map([['c-1', 1_000_001]]),
      lastApplied: new Map([['c-1', { description: 'test' }]]),
      previousInputCustomers: 10,
    });
    expect(production).toEqual({
      organizations: new Map([['c-1', 4_242]]),
      lastApplied: new Map(),
      previousInputCustomers: 12_000,
    });
  });

  it('forget a key in one environment only', () => {
    const memory = withCheckpoint((c) => {
      rememberOrganization(c, PLAYGROUND, 'c-1', 1_000_001, 'run-1', T1);
      rememberOrganization(c, PRODUCTION, 'c-1', 4_242, 'run-2', T2);
      forgetOrganization(c, PLAYGROUND, 'c-1');
      return [loadPlanMemory(c, PLAYGROUND), loadPlanMemory(c, PRODUCTION)];
    });
    expect(memory.map((m) => [...m.organizations])).toEqual([[], [['c-1', 4_242]]]);
  });
});

describe('previousInputCustomers', () => {
  it('is the size of the latest recorded completed run', () => {
    const sizes = withCheckpoint((c) => {
      recordInputSize(c, PRODUCTION, 'run-1', 1_000, T1);
      const afterOne = loadPlanMemory(c, PRODUCTION).previousInputCustomers;
      recordInputSize(c, PRODUCTION, 'run-2', 950, T2);
      return [afterOne, loadPlanMemory(c, PRODUCTION).previousInputCustomers];
    });
    expect(sizes).toEqual([1_000, 950]);
  });

  it('follows the order of recording, not a clock that was set back', () => {
    const latest = withCheckpoint((c) => {
      recordInputSize(c, PRODUCTION, 'run-1', 1_000, T3);
      recordInputSize(c, PRODUCTION, 'run-2', 990, T1);
      return loadPlanMemory(c, PRODUCTION).previousInputCustomers;
    });
    expect(latest).toBe(990);
  });

  it('takes a run recorded again (resumed and completed) as the latest', () => {
    const latest = withCheckpoint((c) => {
      recordInputSize(c, PRODUCTION, 'run-1', 1_000, T1);
      recordInputSize(c, PRODUCTION, 'run-2', 990, T2);
      recordInputSize(c, PRODUCTION, 'run-1', 1_005, T3);
      return [
        loadPlanMemory(c, PRODUCTION).previousInputCustomers,
        c.db.prepare('SELECT count(*) FROM input_history').pluck().get(),
      ];
    });
    expect(latest).toEqual([1_005, 2]);
  });

  it('refuses a size that is not a count', () => {
    withCheckpoint((c) => {
      expect(() => recordInputSize(c, PRODUCTION, 'run-1', -1, T1)).toThrow(
        'customers must be a count (an integer >= 0), got -1',
      );
      expect(() => recordInputSize(c, PRODUCTION, 'run-1', 2.5, T1)).toThrow(
        'customers must be a count (an integer >= 0), got 2.5',
      );
      expect(loadPlanMemory(c, PRODUCTION).previousInputCustomers).toBe(null);
    });
  });
});

describe('stored values', () => {
  it('refuses a last applied value of the wrong type with the customer named', () => {
    const message = withCheckpoint((c) => {
      c.db
        .prepare("INSERT INTO last_applied VALUES (?, 'c-7', 'description', '42')")
        .run(PRODUCTION);
      try {
        loadPlanMemory(c, PRODUCTION);
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    });
    expect(message).toBe(
      `checkpoint ${join(stateDir(), 'checkpoint.sqlite')} holds an unexpected last ` +
        'applied description (42) for customer c-7; move the checkpoint aside to start over',
    );
  });

  it('skips a field that this version does not know', () => {
    const memory = withCheckpoint((c) => {
      c.db
        .prepare("INSERT INTO last_applied VALUES (?, 'c-7', 'color', '\"blue\"')")
        .run(PRODUCTION);
      return loadPlanMemory(c, PRODUCTION);
    });
    expect([...memory.lastApplied]).toEqual([]);
  });
});
