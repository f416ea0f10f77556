import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateExport, parseCommandLine } from '../../bench/generate-export.js';
import type { GenerateOptions } from '../../bench/generate-export.js';
import { loadSeedFile, startEmulator } from '../../src/emulator/index.js';
import { CANONICAL_FIELDS } from '../../src/input/fields.js';

const run = promisify(execFile);
const NOT_GEOGRAPHIC = ['800', '833', '844', '855', '866', '877', '888', '900'];

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aa-bench-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

type Row = Record<(typeof CANONICAL_FIELDS)[number], string>;

function parseCsv(path: string): { header: string[]; rows: Row[] } {
  const parsed = Papa.parse<Row>(readFileSync(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  return { header: parsed.meta.fields ?? [], rows: parsed.data };
}

function options(name: string, extra: Partial<GenerateOptions> = {}): GenerateOptions {
  return { customers: 50, seed: 7, out: join(dir, `${name}.csv`), ...extra };
}

/** Rows grouped by customer id, in file order. */
function byCustomer(rows: Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows)
    groups.set(row.customer_id, [...(groups.get(row.customer_id) ?? []), row]);
  return groups;
}

describe('the export generator', () => {
  it('writes identical bytes for the same seed and other bytes for another', async () => {
    const seedFile = (name: string) => ({
      path: join(dir, `${name}.json`),
      fraction: 0.5,
    });
    await generateExport(options('a', { emulatorSeed: seedFile('a') }));
    await generateExport(options('b', { emulatorSeed: seedFile('b') }));
    await generateExport(options('c', { seed: 8 }));
    const read = (name: string) => readFileSync(join(dir, name));
    expect(read('a.csv').equals(read('b.csv'))).toBe(true);
    expect(read('a.json').equals(read('b.json'))).toBe(true);
    expect(read('a.csv').equals(read('c.csv'))).toBe(false);
  });

  it('writes 50 customers in exactly the rows it reports, under the canonical header', async () => {
    const result = await generateExport(options('export'));
    const { header, rows } = parseCsv(join(dir, 'export.csv'));
    expect(header).toEqual([...CANONICAL_FIELDS]);
    expect(result).toEqual({
      customers: 50,
      rows: 112,
      seeded: 0,
      renamed: 0,
      readdressed: 0,
    });
    expect(rows.length).toBe(112);
    expect(byCustomer(rows).size).toBe(50);
  });

  it('gives each customer 1-3 locations and 0-2 users, a location and a user sharing a row', async () => {
    await generateExport(options('export'));
    const groups = [...byCustomer(parseCsv(join(dir, 'export.csv')).rows).values()];
    for (const rows of groups) {
      const locations = rows.filter((row) => row.location_name !== '').length;
      const users = rows.filter((row) => row.user_external_id !== '').length;
      expect(locations).toBeGreaterThanOrEqual(1);
      expect(locations).toBeLessThanOrEqual(3);
      expect(users).toBeLessThanOrEqual(2);
      expect(rows.length).toBe(Math.max(locations, users));
      expect(new Set(rows.map((row) => row.org_name)).size).toBe(1);
    }
    const shared = groups
      .flat()
      .filter((r) => r.location_name !== '' && r.user_email !== '');
    expect(shared.length).toBeGreaterThan(0);
  });

  it('uses only valid geographic area codes', async () => {
    await generateExport(options('export', { customers: 500 }));
    const codes = parseCsv(join(dir, 'export.csv'))
      .rows.map((row) => row.location_area_code)
      .filter((code) => code !== '');
    expect(codes.length).toBeGreaterThan(500);
    const invalid = codes.filter(
      (code) =>
        !/^[2-9]\d\d$/.test(code) ||
        code.slice(1) === '11' ||
        NOT_GEOGRAPHIC.includes(code),
    );
    expect(invalid).toEqual([]);
  });

  it('exercises CSV quoting with commas, quotes and accents, on example domains', async () => {
    await generateExport(options('export'));
    const text = readFileSync(join(dir, 'export.csv'), 'utf8');
    const { rows } = parseCsv(join(dir, 'export.csv'));
    const values = rows.flatMap((row) => Object.values(row));
    expect(values.some((value) => value.includes(','))).toBe(true);
    expect(values.some((value) => value.includes('"'))).toBe(true);
    expect(values.some((value) => /[^ -~]/.test(value))).toBe(true);
    expect(text).toContain('""');
    const emails = rows
      .flatMap((row) => [row.owner_email, row.user_email])
      .filter(Boolean);
    expect(
      emails.filter((email) => !/^[a-z.\d]+@example\.(com|org)$/.test(email)),
    ).toEqual([]);
  });

  it('writes an emulator seed that a real emulator loads, with the planned differences', async () => {
    const seedPath = join(dir, 'seed.json');
    const result = await generateExport(
      options('export', { emulatorSeed: { path: seedPath, fraction: 0.5 } }),
    );
    expect([result.seeded, result.renamed, result.readdressed]).toEqual([25, 2, 1]);
    const seeded = [...byCustomer(parseCsv(join(dir, 'export.csv')).rows).values()].slice(
      0,
      25,
    );
    const people = seeded.reduce(
      (n, rows) => n + 1 + rows.filter((row) => row.user_external_id !== '').length,
      0,
    );
    const locations = seeded.reduce(
      (n, rows) => n + rows.filter((row) => row.location_name !== '').length,
      0,
    );
    const seed = loadSeedFile(seedPath);
    const addresses = seed.organizations.map((org) => org.locations?.[0]?.address);
    const exported = seeded.map((rows) => rows[0]?.location_address);
    expect(addresses.flatMap((a, i) => (a === exported[i] ? [] : [[i, a]]))).toEqual([
      [11, '1 Old Mill Rd, Springfield'],
    ]);
    const emulator = await startEmulator({ seed, rateLimit: null });
    try {
      expect(emulator.seed).toEqual({
        loaded: true,
        counts: { partners: 1, organizations: 25, users: people, locations },
      });
      const answer = await fetch(`${emulator.baseUrl}/organizations`, {
        headers: { 'X-API-KEY': 'sk_test_demo' },
      });
      const live = (await answer.json()) as { name: string }[];
      const renamed = live
        .map((org, i) => [org.name, seeded[i]?.[0]?.org_name])
        .filter(([liveName, exported]) => liveName !== exported);
      expect(renamed).toEqual([
        [`${seeded[3]?.[0]?.org_name} (old name)`, seeded[3]?.[0]?.org_name],
        [`${seeded[23]?.[0]?.org_name} (old name)`, seeded[23]?.[0]?.org_name],
      ]);
    } finally {
      await emulator.close();
    }
  });

  it('gives seeded locations unique numbers in their area codes', async () => {
    const seedPath = join(dir, 'seed.json');
    await generateExport(
      options('export', { emulatorSeed: { path: seedPath, fraction: 1 } }),
    );
    const seed = loadSeedFile(seedPath);
    const locations = seed.organizations.flatMap((org) => org.locations ?? []);
    const numbers = locations.map((location) => location.phone_number ?? '');
    expect(new Set(numbers).size).toBe(locations.length);
    const rows = parseCsv(join(dir, 'export.csv')).rows.filter(
      (r) => r.location_name !== '',
    );
    expect(numbers.map((number) => number.slice(2, 5))).toEqual(
      rows.map((row) => row.location_area_code),
    );
    expect(numbers.filter((n) => !/^\+1[2-9]\d\d[2-9](?!11)\d{6}$/.test(n))).toEqual([]);
  });
});

describe('the generator command line', () => {
  it('reads every flag, with seed 1 and fraction 0.5 by default', () => {
    expect(parseCommandLine(['--customers', '10', '--out', 'x.csv'])).toEqual({
      customers: 10,
      seed: 1,
      out: 'x.csv',
    });
    expect(
      parseCommandLine([
        '--customers=3',
        '--out=x',
        '--seed=9',
        '--emulator-seed=s.json',
      ]),
    ).toEqual({
      customers: 3,
      seed: 9,
      out: 'x',
      emulatorSeed: { path: 's.json', fraction: 0.5 },
    });
  });

  it('names the flag that is wrong', () => {
    expect(() => parseCommandLine(['--out', 'x'])).toThrow(
      '--customers must be a whole number, got nothing',
    );
    expect(() => parseCommandLine(['--customers', '0', '--out', 'x'])).toThrow(
      'customers must be from 1 to 2000000, got 0',
    );
    expect(() =>
      parseCommandLine(['--customers', '5', '--out', 'x', '--seed-fraction', '0.2']),
    ).toThrow('--seed-fraction needs --emulator-seed FILE');
    expect(() =>
      parseCommandLine([
        '--customers=5',
        '--out=x',
        '--emulator-seed=s',
        '--seed-fraction=2',
      ]),
    ).toThrow('the seed fraction must be from 0 to 1, got 2');
  });

  it('writes the same file as the function, and exits 64 on a bad flag', async () => {
    const script = join(process.cwd(), 'bench', 'generate-export.ts');
    const out = join(dir, 'cli.csv');
    const done = await run(process.execPath, [
      '--import',
      'tsx',
      script,
      '--customers',
      '50',
      '--seed',
      '7',
      '--out',
      out,
    ]);
    expect(done.stdout).toBe(`wrote 50 customers (112 rows) to ${out}\n`);
    await generateExport(options('direct'));
    expect(readFileSync(out).equals(readFileSync(join(dir, 'direct.csv')))).toBe(true);
    const failed = await run(process.execPath, [
      '--import',
      'tsx',
      script,
      '--out',
      out,
    ]).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect([failed.code, failed.stderr.split('\n')[0]]).toEqual([
      64,
      '--customers must be a whole number, got nothing',
    ]);
  });
});
