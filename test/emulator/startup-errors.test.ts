import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EmulatorConfigError,
  SeedError,
  StateFileError,
  startEmulator,
} from '../../src/emulator/index.js';
import type { EmulatorOptions } from '../../src/emulator/index.js';
import { hostError } from '../../src/emulator/startup.js';
import { closeAll, startTest } from './support.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aa-emulator-startup-'));
});

afterEach(async () => {
  await closeAll();
  rmSync(dir, { recursive: true, force: true });
});

/** The rejection of `startEmulator(options)`, which must not start anything. */
async function startupError(options: EmulatorOptions): Promise<Error> {
  const error: unknown = await startEmulator(options).then(
    async (emu) => {
      await emu.close();
      return new Error('started although it should not have');
    },
    (reason: unknown) => reason,
  );
  return error as Error;
}

const SECRET = 'sk_test_secret_value';

describe('startEmulator option errors', () => {
  it.each<[string, EmulatorOptions, string, string]>([
    [
      'an invalid IPv4 host',
      { host: '999.1.1.1' },
      'host',
      'host must be an IP address or a host name such as 127.0.0.1, ::1 or localhost; got "999.1.1.1"',
    ],
    [
      'a key with a space',
      { partners: [{ id: 'a', keys: ['sk_ok', `${SECRET} x`] }] },
      'partners[0].keys[1]',
      'partners[0].keys[1] must be 1 to 256 visible ASCII characters (0x21-0x7e); got a string of 22 characters (not shown)',
    ],
    [
      'a key repeated within one partner',
      { partners: [{ id: 'a', keys: [SECRET, SECRET] }] },
      'partners[0].keys[1]',
      'partners[0].keys[1] is the same key as partners[0].keys[0]; every key must be distinct',
    ],
    [
      'an activation delay beyond an hour',
      { activationDelayMs: 3_600_001 },
      'activationDelayMs',
      'activationDelayMs must be an integer from 0 to 3600000; got 3600001',
    ],
    [
      'a fault latency beyond an hour',
      { faults: { latencyMs: 2 ** 31 } },
      'faults.latencyMs',
      'faults.latencyMs must be a number of ms from 0 to 3600000; got 2147483648',
    ],
    [
      'a rate beyond the bound',
      { rateLimit: { ratePerSecond: 2_000_000, burst: 1 } },
      'rateLimit.ratePerSecond',
      'rateLimit.ratePerSecond must be a number greater than 0 and at most 1000000; got 2000000',
    ],
    [
      'a control token with a space',
      { controlToken: `${SECRET} x` },
      'controlToken',
      'controlToken must be 1 to 256 visible ASCII characters (0x21-0x7e) when given; got a string of 22 characters',
    ],
    [
      'faultsByKey for a raw key instead of a label',
      { faultsByKey: { [SECRET]: { errorRate: 1 } } },
      'faultsByKey',
      'faultsByKey has settings for an unknown label of 20 characters, which no key has; use a key label (known labels: demo#1)',
    ],
    [
      'faultsByKey for a label no key has',
      { faultsByKey: { 'demo#2': { errorRate: 1 } } },
      'faultsByKey',
      'faultsByKey has settings for "demo#2", which no key has; use a key label (known labels: demo#1)',
    ],
  ])(
    'refuses %s with an EmulatorConfigError naming the option',
    async (_, options, option, message) => {
      const error = await startupError({ rateLimit: null, ...options });
      expect(error).toBeInstanceOf(EmulatorConfigError);
      expect(error).toMatchObject({ option, message });
      expect(error.message).not.toContain(SECRET);
    },
  );

  it('accepts faultsByKey for a key label that only the seed adds', async () => {
    const seed = { partners: [{ id: 'acme', keys: ['sk_acme'] }], organizations: [] };
    const faultsByKey = { 'acme#1': { errorRate: 1, errorStatuses: [503] as const } };
    const t = await startTest({ seed, faultsByKey });
    expect((await t.api('GET', '/users', undefined, 'sk_acme')).status).toBe(503);
    expect((await t.api('GET', '/users')).status).toBe(200);
  });

  it('turns a bind error on an unusable address into an EmulatorConfigError for host', () => {
    const bindError = Object.assign(new Error('listen EADDRNOTAVAIL'), {
      code: 'EADDRNOTAVAIL',
    });
    const error = hostError(bindError, '192.0.2.1');
    expect(error).toBeInstanceOf(EmulatorConfigError);
    expect(error).toMatchObject({
      option: 'host',
      message:
        'host must be an address of this machine such as 127.0.0.1 or ::1; cannot listen on "192.0.2.1" (EADDRNOTAVAIL)',
      cause: bindError,
    });
    const busy = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });
    expect(hostError(busy, '127.0.0.1')).toBe(busy);
  });
});

describe('startEmulator state file and seed errors', () => {
  it.each<[string, () => string, RegExp]>([
    [
      'a missing directory',
      () => join(dir, 'missing', 'state.db'),
      /^cannot create stateFile .*state\.db: ENOENT.*; point stateFile at a new file/,
    ],
    [
      'a file that is not SQLite',
      () => {
        const path = join(dir, 'junk.db');
        writeFileSync(path, 'not sqlite at all, just text that is long enough');
        return path;
      },
      /^cannot use stateFile .*junk\.db: file is not a database; point stateFile/,
    ],
    [
      'a database of another program',
      () => {
        const path = join(dir, 'other.db');
        const db = new BetterSqlite3(path);
        db.exec('CREATE TABLE other (x)');
        db.close();
        return path;
      },
      /^stateFile .*other\.db is not an emulator state file \(schema version 0, 1 existing tables\); point stateFile at a new or emulator-made file$/,
    ],
  ])(
    'refuses %s with a StateFileError keeping the cause',
    async (_, makePath, message) => {
      const path = makePath();
      const error = await startupError({ stateFile: path });
      expect(error).toBeInstanceOf(StateFileError);
      expect(error).toMatchObject({ path });
      expect(error.message).toMatch(message);
      expect(error.cause).toBeInstanceOf(Error);
    },
  );

  it('refuses a key shared by two seed partners with a SeedError', async () => {
    const seed = {
      partners: [
        { id: 'x', keys: [SECRET] },
        { id: 'y', keys: [SECRET] },
      ],
      organizations: [],
    };
    const error = await startupError({ seed });
    expect(error).toBeInstanceOf(SeedError);
    expect((error as SeedError).problems).toEqual([
      'partners[1].keys[0]: is the same key as partners[0].keys[0]; every key must be distinct',
    ]);
  });

  it('refuses a seed key that belongs to a configured partner with a SeedError', async () => {
    const seed = { partners: [{ id: 'x', keys: ['sk_test_demo'] }], organizations: [] };
    const error = await startupError({ seed });
    expect(error).toBeInstanceOf(SeedError);
    expect((error as SeedError).problems).toEqual([
      'partners[0].keys[0]: this key of partner "x" is already a key of partner "demo"',
    ]);
  });
});
