import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { closeAll, createOrg, startTest } from './support.js';

let dir: string;
let stateFile: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aa-emulator-'));
  stateFile = join(dir, 'state.db');
});

afterEach(async () => {
  await closeAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('state file', () => {
  it('keeps every committed write across close and reopen, and ids continue', async () => {
    const first = await startTest({ stateFile });
    const org = await createOrg(first, 1);
    const loc = (
      await first.api('POST', '/locations', {
        organization_id: org,
        name: 'L',
        area_code: '415',
      })
    ).body.id;
    await first.api('DELETE', `/organizations/${await createOrg(first, 2)}`);
    const before = (await first.api('GET', '/organizations')).body;
    await first.emu.close();

    const second = await startTest({ stateFile });
    expect((await second.api('GET', '/organizations')).body).toEqual(before);
    expect((await second.api('GET', `/locations/${loc}`)).body.phone_number).toMatch(
      /^\+1415/,
    );
    expect(await createOrg(second, 3)).toBe(org + 2);
  });

  it('creates the file with mode 0600 and records the schema version', async () => {
    const t = await startTest({ stateFile });
    await t.emu.close();
    expect(statSync(stateFile).mode & 0o777).toBe(0o600);
    // A closed database has checkpointed its write-ahead log away.
    expect(existsSync(`${stateFile}-wal`)).toBe(false);
    const db = new BetterSqlite3(stateFile, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(2);
    } finally {
      db.close();
    }
  });

  it('refuses a file that is not an emulator state file', async () => {
    const db = new BetterSqlite3(stateFile);
    db.exec('CREATE TABLE other (x)');
    db.close();
    await expect(startEmulator({ stateFile })).rejects.toThrow(
      `stateFile ${stateFile} is not an emulator state file (schema version 0, 1 existing tables)`,
    );
    writeFileSync(
      join(dir, 'junk.db'),
      'not sqlite at all, just text that is long enough',
    );
    await expect(startEmulator({ stateFile: join(dir, 'junk.db') })).rejects.toThrow(
      /^cannot use stateFile .*junk\.db: file is not a database/,
    );
  });

  it('loads seed data only into an empty store, so a restart with the same seed keeps one copy', async () => {
    const seed = {
      partners: [{ id: 'acme', keys: ['sk_acme'] }],
      organizations: [
        { partner: 'acme', name: 'S', owner: { external_id: 'o', email: 'o@x.io' } },
      ],
    };
    const first = await startTest({ stateFile, seed });
    await first.emu.close();
    const second = await startTest({ stateFile, seed });
    expect(
      (await second.api('GET', '/organizations', undefined, 'sk_acme')).body,
    ).toHaveLength(1);
  });
});
