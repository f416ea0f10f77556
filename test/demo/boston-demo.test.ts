/**
 * `npm run demo` as a partner runs it (the built demo, in a directory of its
 * own with the fixtures linked in): the Boston export is migrated through
 * faults with no organization or number created twice, and the next night's
 * run sends no write. The figures come from the emulator and the reports.
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/report/summary-json.js';
import { PROJECT_ROOT, finished } from '../support/cli.js';
import { normalise, readmeFence } from '../readme/readme-blocks.js';

const DEMO = join(PROJECT_ROOT, 'dist', 'demo', 'main.js');
let dir: string | undefined;

afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/**
 * What differs from one demo to the next: the port, run ids, and the figures
 * that depend on which requests the seeded faults happen to hit.
 */
function steady(text: string): string {
  return normalise(text).replace(
    /[\d,]+ (succeeded|adopted|requests|answers 502\/503|lost answers)/g,
    'N $1',
  );
}

/** The lines of `expected` other than `…`, in order, as lines of `actual`. */
function missingLines(expected: string, actual: string): string[] {
  const have = steady(actual).split('\n');
  let at = 0;
  const missing: string[] = [];
  for (const line of steady(expected).split('\n')) {
    if (line === '…') continue;
    const found = have.indexOf(line, at);
    if (found < 0) missing.push(line);
    else at = found + 1;
  }
  return missing;
}

function summaryOf(workDir: string, runId: string): RunSummary {
  const file = join(workDir, 'reports', runId, 'summary.json');
  return JSON.parse(readFileSync(file, 'utf8')) as RunSummary;
}

describe('npm run demo', () => {
  it('migrates the Boston export through faults, then finds nothing to change the next night', async () => {
    dir = mkdtempSync(join(tmpdir(), 'aa-sync-demo-'));
    symlinkSync(join(PROJECT_ROOT, 'fixtures'), join(dir, 'fixtures'));
    // One file for both streams keeps the order a terminal shows.
    const outputFile = join(dir, 'demo-output.txt');
    const fd = openSync(outputFile, 'w');
    const child = spawn(process.execPath, [DEMO], {
      cwd: dir,
      stdio: ['ignore', fd, fd],
    });
    const { code } = await finished(child);
    closeSync(fd);
    const output = readFileSync(outputFile, 'utf8');
    expect(code, output).toBe(0);

    const lines = output.split('\n');
    const runIds = [...output.matchAll(/^Report of (\S+): /gm)].map((m) => m[1]);
    expect(runIds).toHaveLength(2);
    const [migration, night] = runIds as [string, string];
    expect(
      lines.filter((line) => line.startsWith('Plan: ') || line.startsWith('No changes.')),
    ).toEqual([
      'Plan: 4,511 to create (2,214 organizations, 2,297 locations: 2,297 new phone numbers), ' +
        '0 to update, 0 to delete; 0 unchanged, 0 adopted, 0 conflicts, 0 drift, 423 rejected.',
      'No changes. 2,214 customers match the live state. 423 customers rejected by validation.',
    ]);
    expect(lines.filter((line) => line.startsWith('Run '))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Run ${migration} completed: 4,511 operations: \\d[\\d,]* succeeded, \\d+ adopted, 0 failed, 0 skipped, 0 not done\\.$`,
        ),
      ),
      `Run ${night} completed: nothing to change.`,
    ]);
    const summary = lines.slice(lines.indexOf('Summary'));
    expect(summary.slice(1, 3)).toEqual([
      '  Export:     2,637 customers: 2,214 imported, 423 rejected with their reasons',
      `              (reports/${migration}/rejected.csv: fix those rows and feed the file back)`,
    ]);
    expect(summary).toContain(
      "              created twice, by the emulator's count: 0 organizations, 0 locations",
    );
    expect(summary).toContain('  Next night: 1 request, 0 writes');

    // The README's excerpt of the demo's output is what the demo prints.
    expect(missingLines(readmeFence('demo-output'), output)).toEqual([]);

    const first = summaryOf(dir, migration);
    expect([
      first.exitCode,
      first.totals.customers,
      first.totals.rejectedCustomers,
    ]).toEqual([0, 2637, 423]);
    expect([first.counts.organization.created, first.counts.location.created]).toEqual([
      2214, 2297,
    ]);
    expect(first.totals.newPhoneNumbers).toBe(2297);
    const second = summaryOf(dir, night);
    expect([second.exitCode, second.totals.operations, second.totals.requests]).toEqual([
      0, 0, 1,
    ]);
    // The faults really happened: the migration needed more requests than operations.
    expect(first.totals.requests).toBeGreaterThan(first.totals.operations + 1);
    // Every run leaves its log file in the demo's state directory, owner-only.
    const logs = readdirSync(join(dir, '.aa-sync-demo', 'logs')).sort();
    expect(logs).toEqual([`${migration}.log`, `${night}.log`].sort());
    expect(statSync(join(dir, '.aa-sync-demo', 'logs', logs[0]!)).mode & 0o777).toBe(
      0o600,
    );
  }, 240_000);

  it('on Ctrl+C waits for aa-sync to stop, says the run cannot be resumed, and exits 130', async () => {
    // Another directory, without the fixtures: the demo finds them in the project.
    dir = mkdtempSync(join(tmpdir(), 'aa-sync-demo-int-'));
    const outputFile = join(dir, 'demo-output.txt');
    const fd = openSync(outputFile, 'w');
    // Its own process group, which a terminal's Ctrl+C signals as a whole.
    const child = spawn(process.execPath, [DEMO], {
      cwd: dir,
      stdio: ['ignore', fd, fd],
      detached: true,
    });
    const ended = finished(child);
    const output = (): string => readFileSync(outputFile, 'utf8');
    for (let waited = 0; !/ started run=/.test(output()); waited += 100) {
      if (waited > 60_000) throw new Error(`the run never started:\n${output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    process.kill(-(child.pid ?? 0), 'SIGINT');
    const { code } = await ended;
    closeSync(fd);
    const lines = output().trimEnd().split('\n');
    expect(code, output()).toBe(130);
    expect(lines.some((line) => / interrupted: \d[\d,]* operations: /.test(line))).toBe(
      true,
    );
    expect(lines.at(-1)).toBe(
      'The demo was interrupted. Its emulator stops with it, so the run above cannot be ' +
        'resumed here; `npm run demo` starts afresh.',
    );
    const fixtureFromDir = relative(
      dir,
      join(PROJECT_ROOT, 'fixtures/boston/customers.csv'),
    );
    expect(output()).toContain(`npx aa-sync apply ${fixtureFromDir} --map `);
  }, 120_000);
});
