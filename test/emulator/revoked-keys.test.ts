import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_KEY, closeAll, startTest } from './support.js';

let dir: string;
let stateFile: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aa-emulator-revoked-'));
  stateFile = join(dir, 'state.db');
});

afterEach(async () => {
  await closeAll();
  rmSync(dir, { recursive: true, force: true });
});

const partners = [{ id: 'demo', keys: [DEMO_KEY, 'sk_test_other'] }];

describe('revoked keys', () => {
  it('stay revoked (401) after a restart on the same state file', async () => {
    const first = await startTest({ stateFile, partners });
    const revoked = await first.control('POST', '/keys/revoke', { key: DEMO_KEY });
    expect(revoked.body).toEqual({ label: 'demo#1', revoked: true });
    await first.emu.close();

    const second = await startTest({ stateFile, partners });
    expect((await second.api('GET', '/users')).status).toBe(401);
    expect((await second.api('GET', '/users', undefined, 'sk_test_other')).status).toBe(
      200,
    );
    expect(second.emu.partners()).toEqual([{ id: 'demo', keys: 1 }]);
    const added = await second.control('POST', '/keys', {
      partner: 'demo',
      key: DEMO_KEY,
    });
    expect(added.status).toBe(409);
  });

  it('are stored as SHA-256 hashes, never as the key', async () => {
    const t = await startTest({ stateFile, partners });
    await t.control('POST', '/keys/revoke', { key: DEMO_KEY });
    await t.emu.close();
    const db = new BetterSqlite3(stateFile, { readonly: true });
    try {
      const rows = db.prepare('SELECT key_hash FROM revoked_keys').all();
      // sha256('sk_test_demo'), computed independently.
      const expected = '5d48f1024f38b44ad9ddc03dc12b2a8287c7ec690065dcef384cb1fd1753626d';
      expect(rows).toEqual([{ key_hash: expected }]);
    } finally {
      db.close();
    }
  });

  it('work on a state file made by schema version 1, which is upgraded in place', async () => {
    const first = await startTest({ stateFile, partners });
    await first.emu.close();
    const db = new BetterSqlite3(stateFile);
    db.exec('DROP TABLE revoked_keys');
    db.pragma('user_version = 1');
    db.close();
    const second = await startTest({ stateFile, partners });
    await second.control('POST', '/keys/revoke', { key: DEMO_KEY });
    await second.emu.close();
    const third = await startTest({ stateFile, partners });
    expect((await third.api('GET', '/users')).status).toBe(401);
  });

  it('are forgotten by an in-memory emulator when it restarts', async () => {
    const first = await startTest({ partners });
    await first.control('POST', '/keys/revoke', { key: DEMO_KEY });
    expect((await first.api('GET', '/users')).status).toBe(401);
    await first.emu.close();
    const second = await startTest({ partners });
    expect((await second.api('GET', '/users')).status).toBe(200);
  });
});

describe('RunningEmulator partners() and seed', () => {
  const seed = {
    partners: [{ id: 'acme', keys: ['sk_acme_1', 'sk_acme_2'] }],
    organizations: [
      { partner: 'acme', name: 'S', owner: { external_id: 'o', email: 'o@x.io' } },
    ],
  };

  it('lists option and seed partners by id with their usable keys', async () => {
    const t = await startTest({ seed, partners: [{ id: 'zeta', keys: ['sk_z'] }] });
    await t.control('POST', '/keys/revoke', { key: 'sk_acme_2' });
    await t.control('POST', '/keys', { partner: 'zeta', key: 'sk_z2' });
    expect(t.emu.partners()).toEqual([
      { id: 'acme', keys: 1 },
      { id: 'zeta', keys: 2 },
    ]);
  });

  it('reports the seed as loaded with counts, then as skipped on a state file with data', async () => {
    const first = await startTest({ stateFile, seed });
    expect(first.emu.seed).toEqual({
      loaded: true,
      counts: { partners: 1, organizations: 1, users: 1, locations: 0 },
    });
    await first.emu.close();
    const second = await startTest({ stateFile, seed });
    expect(second.emu.seed).toEqual({
      loaded: false,
      reason: 'the state file already holds data; the seed was not loaded',
    });
    const third = await startTest();
    expect(third.emu.seed).toBeUndefined();
  });
});
