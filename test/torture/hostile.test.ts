/**
 * The short version of the hostile-input torture part: each case of the
 * corpus marked `quick` in test/fixtures/hostile/cases.json goes through the
 * built `aa-sync apply` (so `npm run build` first) against an emulator, and
 * must end with exactly its exit code and message, without a request.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostileCase } from '../../bench/torture/hostile-cases.js';
import {
  casesFor,
  HOSTILE_CASES,
  HOSTILE_INPUTS,
} from '../../bench/torture/hostile-cases.js';
import type { CaseOutcome } from '../../bench/torture/hostile.js';
import { runHostile } from '../../bench/torture/hostile.js';
import type { TortureResult } from '../../bench/torture/part.js';

/** Some 33 children at 3 at a time; a loaded 2-core machine may need a minute. */
const RUN_TIMEOUT_MS = 120_000;
const QUICK_CASES = casesFor(true);

let workDir = '';
let result: TortureResult;
let outcomes: CaseOutcome[] = [];

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'aa-sync-hostile-'));
  ({ result, outcomes } = await runHostile({ quick: true, workDir, log: () => {} }));
}, RUN_TIMEOUT_MS);

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

function applyOf(entry: HostileCase) {
  const outcome = outcomes.find((candidate) => candidate.entry.id === entry.id);
  return outcome?.commands.find((command) => command.run.command === 'apply');
}

function figure(label: string): number | string | undefined {
  return result.figures.find((item) => item.label === label)?.value;
}

describe('the hostile corpus', () => {
  it('lists every case, and only those, in the README table', () => {
    const readme = readFileSync(join(HOSTILE_INPUTS, '..', 'README.md'), 'utf8');
    const rows = readme.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.map((line) => /^\| `([^`]+)`/u.exec(line)?.[1])).toEqual(
      HOSTILE_CASES.map((entry) => entry.file),
    );
  });

  it('names each committed input once and every case a different input or flags', () => {
    const committed = HOSTILE_CASES.filter((entry) => entry.generate === undefined);
    for (const entry of committed) {
      expect(existsSync(join(HOSTILE_INPUTS, entry.file)), entry.file).toBe(true);
    }
    const keys = HOSTILE_CASES.map(
      (entry) => `${entry.file} ${(entry.args ?? []).join(' ')}`,
    );
    expect(new Set(keys).size).toBe(HOSTILE_CASES.length);
    expect(HOSTILE_CASES.length).toBe(107);
  });
});

describe('hostile input through aa-sync apply', () => {
  it.each(QUICK_CASES.map((entry) => [entry.description, entry] as const))(
    '%s',
    (_, entry) => {
      const outcome = applyOf(entry);
      expect({
        exit: outcome?.run.exit,
        stdout: outcome?.run.stdout,
        stderr: outcome?.run.stderr,
        leftBehind: outcome?.leftovers.unexpected,
      }).toEqual({ exit: entry.exit, stdout: '', stderr: entry.stderr, leftBehind: [] });
    },
  );

  it('sends the emulator no request over all the cases', () => {
    expect(figure('API requests seen')).toBe(0);
    expect(result.checks.find((item) => item.label.startsWith('API requests'))).toEqual({
      label: 'API requests seen by the emulator',
      expected: '0',
      actual: '0',
      ok: true,
    });
  });

  it('passes every check of the part, with the quick settings’ figures', () => {
    expect(result.checks.filter((item) => !item.ok)).toEqual([]);
    expect(result.checks.map((item) => `${item.label}: ${item.actual}`)).toEqual([
      `apply: exit code and message exactly as expected: ${QUICK_CASES.length} of ${QUICK_CASES.length}`,
      'API requests seen by the emulator: 0',
      'crashes (exit 1, stack trace, signal, hang): 0',
      'outputs with a raw control character: 0',
      'refused commands that left more than a refused command leaves: 0',
      'outputs or files holding the canary key: 0',
    ]);
    expect(figure('cases')).toBe(33);
    expect(figure('kinds of attack')).toBe(16);
    expect(figure('commands run')).toBe(33);
    expect(figure('crashes')).toBe(0);
    expect(figure('distinct exit codes seen')).toBe('3, 9, 64');
  });
});
