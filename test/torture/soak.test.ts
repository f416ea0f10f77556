import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TortureResult } from '../../bench/torture/part.js';
import { soakPart } from '../../bench/torture/soak.js';

/** The quick soak takes about 15 s on 2 busy CPUs; the bound leaves room for a slow one. */
const SOAK_TIMEOUT_MS = 120_000;

function figure(result: TortureResult, label: string): number | string | undefined {
  return result.figures.find((item) => item.label === label)?.value;
}

describe('the fault soak (quick)', () => {
  let workDir = '';

  beforeEach(() => {
    workDir = mkdtempSync(join(tmpdir(), 'aa-sync-soak-test-'));
  });

  afterEach(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  it(
    'completes its run through 5xx, dropped answers, a 429 burst, a latency spike, ' +
      'two restarts and a refused port, with nothing lost and nothing doubled',
    async () => {
      const result = await soakPart.run({ quick: true, workDir, log: () => undefined });

      expect(result.part).toBe('soak');
      expect(result.checks.filter((item) => !item.ok)).toEqual([]);
      expect(result.checks.map((item) => [item.label, item.actual])).toEqual([
        ['a command of the run exited 0 (the run is done)', 'true'],
        ['invocations that did not end by themselves', '0'],
        ['faults of the timetable left out (run already done)', '0'],
        ['emulator restarts (SIGTERM / SIGKILL)', '1 / 1'],
        ['port refused as long as planned', 'true'],
        ['operations over every run', '160'],
        ['operations lost (not succeeded or adopted)', '0'],
        ['duplicates in the emulator state', '0'],
        ['creates the emulator counted twice for one key', '0'],
        ['desired entities missing from the emulator', '0'],
        ['organizations / users / locations in the emulator', '40 / 80 / 80'],
        ['a fresh `plan --detailed-exitcode` exits', '0'],
        ['checkpoint PRAGMA integrity_check', 'ok'],
      ]);
      expect(figure(result, 'customers')).toBe(40);
      expect(figure(result, 'operations')).toBe(160);
      expect(figure(result, '429 bursts')).toBe(1);
      expect(figure(result, 'latency spikes')).toBe(1);
      expect(figure(result, 'emulator restarts (SIGTERM / SIGKILL)')).toBe('1 / 1');
      expect(figure(result, 'duplicates')).toBe(0);
      expect(figure(result, 'lost operations')).toBe(0);
    },
    SOAK_TIMEOUT_MS,
  );
});
