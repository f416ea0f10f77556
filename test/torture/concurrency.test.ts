/**
 * The concurrency part in its short version: six pairs of the built aa-sync
 * started together on one state directory (`npm run build` first), three lock
 * holders challenged and then SIGKILLed, and the two planted lock rows of a
 * reused and of a live pid.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { concurrencyPart } from '../../bench/torture/concurrency.js';
import type { TortureResult } from '../../bench/torture/part.js';

/** About 20 s on 2 idle CPUs; a busy machine takes longer. */
const CONCURRENCY_TIMEOUT_MS = 180_000;

function figure(result: TortureResult, label: string): number | string | undefined {
  return result.figures.find((item) => item.label === label)?.value;
}

describe('two runs on one state directory (quick)', () => {
  let workDir = '';

  beforeEach(() => {
    workDir = mkdtempSync(join(tmpdir(), 'aa-sync-concurrency-test-'));
  });

  afterEach(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  it(
    'lets one writer run and stops the other with exit 8, lets readers run beside ' +
      'it, never robs a live holder and is never blocked by a dead one',
    async () => {
      const result = await concurrencyPart.run({
        quick: true,
        workDir,
        log: () => undefined,
      });

      expect(result.part).toBe('concurrency');
      expect(result.checks.map((item) => [item.label, item.actual, item.ok])).toEqual([
        ['writing pairs without exactly one exit 0 and one exit 8', '0', true],
        ["losers' messages not naming directory, holder and what to do", '0', true],
        ['requests sent by losers', '0', true],
        ['run rows recorded by losers', '0', true],
        ['reader pairs where a command did not exit 0', '0', true],
        ['readers started mid-run that did not exit 0 before it ended', '0', true],
        ['live holders robbed (challenger not exiting 8, or holder gone)', '0', true],
        ['runs blocked or failing after their holder was killed', '0', true],
        ['lock rows left after a case ended', '0', true],
        ['duplicate creates', '0', true],
        ['cases ending short of the desired state', '0', true],
        ['lock of a reused pid taken over (exit 0)', 'true', true],
        ['lock of a live non-aa-sync pid kept (exit 8, holder named)', 'true', true],
      ]);
      expect(figure(result, 'pairs started together')).toBe(6);
      expect(figure(result, 'losers (writing pairs)')).toBe(4);
      expect(figure(result, 'killed holders')).toBe(3);
      expect(figure(result, 'blocked runs after a holder died')).toBe(0);
    },
    CONCURRENCY_TIMEOUT_MS,
  );
});
