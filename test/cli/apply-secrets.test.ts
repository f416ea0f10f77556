/**
 * The API key never lands in the checkpoint, in what the commands print or in
 * `status --json`, even after a run with failures and debug logging; the
 * state directory and the checkpoint files are the owner's alone.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finished } from '../support/cli.js';
import { workDir, writeInput } from './support/e2e.js';
import {
  CANARY_KEY,
  STATE_DIR,
  runBuilt,
  runIdOf,
  setFaults,
  spawnBuilt,
  startApi,
  statusById,
  statusOf,
  waitForRequests,
} from './support/apply-cli.js';

/** Customer 002's area code passes our checks but the API refuses it (premium 900). */
const EXPORT =
  'customer_id,org_name,owner_external_id,owner_email,owner_name,location_name,location_address,location_area_code\n' +
  '001,Shop 1,own-001,o1@shop.example,Owner 1,Store 1,1 High St,617\n' +
  '002,Shop 2,own-002,o2@shop.example,Owner 2,Store 2,2 High St,900\n' +
  '003,Shop 3,own-003,o3@shop.example,Owner 3,Store 3,3 High St,508\n';

interface StateFile {
  name: string;
  mode: number;
  bytes: Buffer;
}

/**
 * Every file of the state directory (the run logs under `logs/` too) with its
 * permission bits and content; a directory's name ends in `/`, its bytes empty.
 */
function stateFiles(): StateFile[] {
  const dir = join(workDir(), STATE_DIR);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((name) => {
      const stats = statSync(join(dir, name));
      const folder = stats.isDirectory();
      return {
        name: folder ? `${name}/` : name,
        mode: stats.mode & 0o777,
        bytes: folder ? Buffer.alloc(0) : readFileSync(join(dir, name)),
      };
    });
}

/** Owner-only: 0700 for a directory, 0600 for a file. */
function ownerOnly(file: StateFile): number {
  return file.name.endsWith('/') ? 0o700 : 0o600;
}

function stateDirMode(): number {
  return statSync(join(workDir(), STATE_DIR)).mode & 0o777;
}

/** The checkpoint's files and the run logs hold neither the key nor its UTF-16 form. */
function expectNoKeyIn(files: StateFile[]): void {
  for (const file of files) {
    expect(file.bytes.includes(Buffer.from(CANARY_KEY, 'utf8')), file.name).toBe(false);
    expect(file.bytes.includes(Buffer.from(CANARY_KEY, 'utf16le')), file.name).toBe(
      false,
    );
  }
}

describe('the API key and the state directory after apply', () => {
  it('keeps the key out of the checkpoint, the output and status --json, with owner-only files', async () => {
    const api = await startApi();
    writeInput('customers.csv', EXPORT);
    await setFaults(api, { latencyMs: 150 });
    const child = spawnBuilt(
      ['apply', 'customers.csv', '--yes', '--log-level', 'debug', '--rate', '20'],
      api.env,
    );
    const running = finished(child);
    await waitForRequests(
      api,
      (e) => e.some((x) => x.method === 'POST'),
      'a first write',
    );

    // While the run holds the database open, its -wal and -shm exist too.
    const during = stateFiles();
    expect(during.map((f) => f.name)).toEqual(
      expect.arrayContaining(['checkpoint.sqlite', 'checkpoint.sqlite-wal']),
    );
    expect(stateDirMode()).toBe(0o700);
    for (const file of during) {
      expect([file.name, file.mode]).toEqual([file.name, ownerOnly(file)]);
    }
    expectNoKeyIn(during);

    const result = await running;
    expect(result.code).toBe(5);
    const runId = runIdOf(result);
    expect(`${result.stdout}${result.stderr}`).not.toContain(CANARY_KEY);
    const status = await statusOf(api, runId);
    expect(statusById(status)['002/location:create:store 2']).toBe('failed');
    const views = await Promise.all([
      runBuilt(['status', runId, '--json'], api.env),
      runBuilt(['status', runId], api.env),
      runBuilt(['runs', '--json'], api.env),
    ]);
    for (const view of views) {
      expect(view.code).toBe(0);
      expect(`${view.stdout}${view.stderr}`).not.toContain(CANARY_KEY);
    }

    const after = stateFiles();
    expect(after.map((f) => f.name)).toEqual(
      expect.arrayContaining(['checkpoint.sqlite', 'logs/', `logs/${runId}.log`]),
    );
    expect(stateDirMode()).toBe(0o700);
    for (const file of after) {
      expect([file.name, file.mode]).toEqual([file.name, ownerOnly(file)]);
    }
    expectNoKeyIn(after);
  });
});
