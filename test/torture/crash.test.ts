/**
 * The crash part in its short version: fourteen SIGKILLs aimed at every phase of
 * real apply and resume runs (the built command line, so `npm run build`
 * first), against an emulator that commits then drops answers. It replaced
 * the 50-kill test/execute/crash-resume.test.ts: the same properties, plus
 * where each kill landed, in a fraction of its time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crashPart } from '../../bench/torture/crash.js';
import type { TortureResult } from '../../bench/torture/part.js';

/** 13 s on 2 CPUs, over 20 s when they are busy; the bound leaves room. */
const CRASH_TIMEOUT_MS = 120_000;

function figure(result: TortureResult, label: string): number | string | undefined {
  return result.figures.find((item) => item.label === label)?.value;
}

describe('the crash campaign (quick)', () => {
  let workDir = '';

  beforeEach(() => {
    workDir = mkdtempSync(join(tmpdir(), 'aa-sync-crash-test-'));
  });

  afterEach(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  it(
    'survives kills in every phase of a run, some between a create and its record, ' +
      'with no duplicate, no lost operation and a sound checkpoint after each',
    async () => {
      const result = await crashPart.run({ quick: true, workDir, log: () => undefined });

      expect(result.part).toBe('crash');
      expect(result.checks.filter((item) => !item.ok)).toEqual([]);
      const window = "kills between a create's send and its record";
      expect(
        result.checks.map((item) => [
          item.label,
          item.expected,
          item.label === window ? '' : item.actual,
        ]),
      ).toEqual([
        ['kills', '14', '14'],
        [window, 'at least 3', ''],
        ['phases of a run without a kill', 'none', 'none'],
        ['kills after which integrity_check was not ok', '0', '0'],
        ['duplicate creates', '0', '0'],
        ['lost operations', '0', '0'],
        ['rounds not ending by themselves with exit 0', '0', '0'],
        ['rounds whose end differs from the desired state', '0', '0'],
      ]);
      expect(figure(result, 'kills (SIGKILL)')).toBe(14);
      expect(figure(result, 'organizations, users, locations the export asks for')).toBe(
        '24, 46, 41',
      );
    },
    CRASH_TIMEOUT_MS,
  );
});
