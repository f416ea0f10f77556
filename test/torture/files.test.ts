/**
 * The quick version of the torture campaign's `files` part: owner-only files
 * under umask 000, and unwritable folders, a full disk and damaged
 * checkpoints each failing with exit 9, the path named and nothing lost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { filesPart } from '../../bench/torture/files.js';
import { nobodyCanRun } from '../../bench/torture/files-broken.js';

const workDir = mkdtempSync(join(tmpdir(), 'aa-sync-torture-files-'));

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('torture part files (quick)', () => {
  it('keeps every file owner-only and fails cleanly on every broken folder and file', async () => {
    const result = await filesPart.run({ quick: true, workDir, log: () => undefined });
    const failing = result.checks.filter((item) => !item.ok);
    expect(failing).toEqual([]);
    const figures = Object.fromEntries(
      result.figures.map((item) => [item.label, item.value]),
    );
    expect({
      violations: figures['mode violations'],
      sideFiles: figures['side files seen in flight'],
      unwritable: figures['unwritable-folder cases'],
      damaged: figures['damaged-checkpoint cases'],
      changed: figures['damaged files changed or lost'],
    }).toEqual({
      violations: 0,
      sideFiles: 'checkpoint.sqlite-wal, checkpoint.sqlite-shm',
      // The other-user case needs a project folder the user nobody may enter.
      unwritable: nobodyCanRun() ? 5 : 4,
      damaged: 18,
      changed: 0,
    });
  }, 180_000);
});
