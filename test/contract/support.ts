/**
 * Contract test support: the project's own client driving the emulator over
 * real HTTP on loopback, in the emulator's default and strict modes.
 */
import { afterEach } from 'vitest';
import { PartnerApiClient } from '../../src/api/index.js';
import type { AnyApiError } from '../../src/api/index.js';
import { startEmulator } from '../../src/emulator/index.js';
import type { EmulatorOptions, RunningEmulator } from '../../src/emulator/index.js';

export const MODES = ['default', 'strict'] as const;
export type Mode = (typeof MODES)[number];

export const ACME_KEY = 'sk_test_acme_contract_1';
export const ACME_SECOND_KEY = 'sk_test_acme_contract_2';
export const BETA_KEY = 'sk_test_beta_contract_1';

/** Field sets of the reference's resources (§3), and what default mode adds (U20). */
export const FIELDS = {
  organization: ['created_at', 'id', 'name', 'phone_numbers', 'updated_at', 'users'],
  organizationDefault: [
    'created_at',
    'description',
    'id',
    'name',
    'phone_numbers',
    'updated_at',
    'users',
  ],
  user: [
    'created_at',
    'email',
    'external_id',
    'id',
    'name',
    'organizations',
    'updated_at',
  ],
  location: [
    'address',
    'created_at',
    'google_place_id',
    'id',
    'name',
    'phone_number',
    'status',
    'updated_at',
  ],
} as const;

export const orgFields = (mode: Mode): readonly string[] =>
  mode === 'strict' ? FIELDS.organization : FIELDS.organizationDefault;

export const keysOf = (value: object): string[] => Object.keys(value).sort();

export interface Contract {
  emulator: RunningEmulator;
  acme: PartnerApiClient;
  beta: PartnerApiClient;
  client: (key: string, timeoutMs?: number) => PartnerApiClient;
  control: (method: string, path: string, body?: unknown) => Promise<unknown>;
}

const open: { emulator: RunningEmulator; clients: PartnerApiClient[] }[] = [];

afterEach(async () => {
  for (const { emulator, clients } of open.splice(0)) {
    await Promise.all(clients.map((c) => c.close()));
    await emulator.close();
  }
});

/** Starts an emulator with partners acme (two keys) and beta; no rate limit unless asked. */
export async function startContract(
  mode: Mode,
  options: EmulatorOptions = {},
): Promise<Contract> {
  const emulator = await startEmulator({
    partners: [
      { id: 'acme', keys: [ACME_KEY, ACME_SECOND_KEY] },
      { id: 'beta', keys: [BETA_KEY] },
    ],
    strict: mode === 'strict',
    rateLimit: null,
    ...options,
  });
  const clients: PartnerApiClient[] = [];
  open.push({ emulator, clients });
  const client = (apiKey: string, timeoutMs?: number): PartnerApiClient => {
    const made = new PartnerApiClient({
      baseUrl: emulator.baseUrl,
      apiKey,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
    clients.push(made);
    return made;
  };
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${emulator.url}/_emulator${path}`, {
      method,
      headers: {
        'X-Emulator-Token': emulator.controlToken,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${text}`);
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  };
  return { emulator, acme: client(ACME_KEY), beta: client(BETA_KEY), client, control };
}

/** Runs `call`, which must fail, and returns the typed error it failed with. */
export async function failure(call: () => Promise<unknown>): Promise<AnyApiError> {
  try {
    await call();
  } catch (error) {
    return error as AnyApiError;
  }
  throw new Error('expected the call to fail');
}

/** A `POST /organizations` body for customer `n`. */
export function newOrganization(n: number | string, description: string | null = null) {
  return {
    name: `Customer ${n}`,
    description,
    owner: {
      external_id: `crm-${n}`,
      email: `owner${n}@example.com`,
      name: `Owner ${n}`,
    },
  };
}
