/**
 * What resume refuses: a run whose export changed since (unless told to go
 * on), a run with nothing left to do, and a run that does not exist.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workDir } from './support/e2e.js';
import {
  EXPORT,
  STATE_DIR,
  arrived,
  createdOnce,
  locationCreates,
  organizationCreates,
  runBuilt,
  runIdOf,
  startApi,
  writesOf,
} from './support/apply-cli.js';
import { completedRun, interruptedRun } from './support/apply-runs.js';

const CUSTOMERS = 4;
const sha12 = (bytes: Buffer): string =>
  createHash('sha256').update(bytes).digest('hex').slice(0, 12);
const ADDED = '999,Late Shop,own-999,late@shop.example,Late Owner,,,\n';

describe('aa-sync resume of a run whose export changed', () => {
  it('refuses with exit 7, naming the file and --allow-changed-inputs, and sends nothing', async () => {
    const api = await startApi();
    const runId = await interruptedRun(api, CUSTOMERS);
    const file = join(workDir(), EXPORT);
    const before = readFileSync(file);
    appendFileSync(file, ADDED);
    const after = readFileSync(file);
    const logged = (await arrived(api)).length;

    const result = await runBuilt(['resume', runId, '--yes'], api.env);

    expect(result.code).toBe(7);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `aa-sync: the export of run ${runId} changed since it started:\n` +
        `  - ${file}: was ${before.length} bytes (sha256 ${sha12(before)}…), ` +
        `now ${after.length} bytes (sha256 ${sha12(after)}…)\n` +
        'Resuming would finish a plan made from the old export. To apply the new export, ' +
        'run `aa-sync apply` with it (it plans afresh and adopts what the old run created); ' +
        'to finish the old plan anyway, give --allow-changed-inputs.\n',
    );
    expect(await arrived(api)).toHaveLength(logged);
  });

  it('finishes the recorded plan with --allow-changed-inputs, not the new export', async () => {
    const api = await startApi();
    const runId = await interruptedRun(api, CUSTOMERS);
    appendFileSync(join(workDir(), EXPORT), ADDED);

    const result = await runBuilt(
      ['resume', runId, '--yes', '--allow-changed-inputs', '--rate', '50'],
      api.env,
    );

    expect(result.stdout).toContain(`Run ${runId} completed: 8 operations: `);
    expect(result.code).toBe(0);
    expect(await organizationCreates(api)).toEqual(createdOnce(CUSTOMERS).organizations);
  });
});

describe('aa-sync resume with nothing to resume', () => {
  it('says a completed run has nothing to resume and exits 0, sending nothing', async () => {
    const api = await startApi();
    const runId = runIdOf(await completedRun(api, 2));
    const writes = writesOf(await arrived(api)).length;

    const result = await runBuilt(['resume', runId, '--yes'], api.env);

    expect(result).toEqual({
      code: 0,
      stdout: `Run ${runId} is completed: there is nothing to resume.\n`,
      stderr: '',
    });
    expect(writesOf(await arrived(api))).toHaveLength(writes);
  });

  it('refuses with exit 7 a run that a later run superseded, sending nothing', async () => {
    const api = await startApi();
    const older = await interruptedRun(api, CUSTOMERS);
    const newer = runIdOf(await completedRun(api, CUSTOMERS));
    const logged = (await arrived(api)).length;

    const result = await runBuilt(['resume', older, '--yes'], api.env);

    expect(result).toEqual({
      code: 7,
      stdout: '',
      stderr:
        `aa-sync: run ${older} was superseded by run ${newer}, which started after it ` +
        'from a newer live state; resuming the older plan could undo or repeat its work. ' +
        'Apply the export again instead: it plans afresh and adopts what the older run ' +
        'created.\n',
    });
    expect(await arrived(api)).toHaveLength(logged);
    expect(await organizationCreates(api)).toEqual(createdOnce(CUSTOMERS).organizations);
    expect(await locationCreates(api)).toEqual(createdOnce(CUSTOMERS).locations);
  });

  it('refuses an unknown run id with exit 64, pointing at `aa-sync runs`', async () => {
    const api = await startApi();
    await completedRun(api, 2);

    const result = await runBuilt(['resume', '20990101-000000-dead', '--yes'], api.env);

    expect(result.code).toBe(64);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `aa-sync: there is no run 20990101-000000-dead in ${join(workDir(), STATE_DIR, 'checkpoint.sqlite')}; ` +
        '`aa-sync runs` lists them\n',
    );
  });
});
