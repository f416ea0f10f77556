/**
 * Runs for the run store's tests: a real plan of two customers (four
 * operations), the run that applies it, many synthetic operations for the
 * size test, and a checkpoint opened and closed around a test's body.
 */
import { join } from 'node:path';
import { createRun } from '../../src/checkpoint/index.js';
import type {
  Checkpoint,
  NewOperation,
  NewRun,
  RunRecord,
} from '../../src/checkpoint/index.js';
import type { CreateOrganizationOp, Plan } from '../../src/plan/plan-types.js';
import { INPUTS, customer, plan } from '../plan/support.js';
import { open, tempDir } from './support.js';

export const ENV = 'https://api.example.com/api/v1';
export const T0 = '2025-03-02T09:15:00.000Z';
export const T1 = '2025-03-02T09:15:01.000Z';
export const T2 = '2025-03-02T09:15:02.000Z';
export const T3 = '2025-03-02T09:15:03.000Z';

/** The operation ids of `samplePlan`, in plan order. */
export const OPS = {
  orgA: 'a/organization:create',
  userA: 'a/user:create:a-1',
  locationA: 'a/location:create:main',
  orgB: 'b/organization:create',
} as const;

/** Customer a (an organization, a user, a location) and customer b (an organization). */
export function samplePlan(): Plan {
  return plan(
    [
      customer('a', {
        users: [{ externalId: 'a-1', role: 'user' }],
        locations: [{ name: 'Main', areaCode: '617' }],
      }),
      customer('b'),
    ],
    [],
  );
}

/** The plan's operations numbered in plan order. */
export function operationsOf(runPlan: Plan): NewOperation[] {
  return runPlan.tenants
    .flatMap((tenant) => tenant.operations)
    .map((operation, seq) => ({ seq, operation }));
}

/** A run of `samplePlan` started at T0. */
export function newRun(id: string, fields: Partial<NewRun> = {}): NewRun {
  return {
    id,
    command: 'apply',
    environment: ENV,
    baseUrl: `${ENV}/`,
    inputs: INPUTS,
    options: { rate: 10, burst: 5, concurrency: 4 },
    plan: samplePlan(),
    parentRunId: null,
    customers: 2,
    startedAt: T0,
    ...fields,
  };
}

/** `count` organization creates, one per tenant, numbered from 0. */
export function manyOperations(count: number): NewOperation[] {
  return Array.from({ length: count }, (_, seq): NewOperation => {
    const key = `c-${String(seq).padStart(6, '0')}`;
    const operation: CreateOrganizationOp = {
      id: `${key}/organization:create`,
      tenant: key,
      kind: 'create-organization',
      dependsOn: [],
      source: { file: 'customers.csv', line: seq + 2 },
      body: {
        name: `${key} Inc`,
        owner: { external_id: `${key}-owner`, email: `${key}-owner@example.com` },
      },
    };
    return { seq, operation };
  });
}

/** The test's state directory. */
export const stateDir = (): string => join(tempDir(), 'state');

/** Runs `fn` on a freshly opened checkpoint of the test's state directory, then closes it. */
export function withCheckpoint<T>(fn: (checkpoint: Checkpoint) => T): T {
  const checkpoint = open(stateDir());
  try {
    return fn(checkpoint);
  } finally {
    checkpoint.close();
  }
}

/** Starts a run of `samplePlan` with all its operations pending. */
export function startSample(checkpoint: Checkpoint, id = 'run-1'): void {
  const run = newRun(id);
  createRun(checkpoint, run, operationsOf(run.plan));
}

/** Operation counts: the given ones, 0 for every other status. */
export const counts = (partial: Partial<RunRecord['counts']>): RunRecord['counts'] => ({
  pending: 0,
  'in-flight': 0,
  succeeded: 0,
  adopted: 0,
  failed: 0,
  skipped: 0,
  ...partial,
});
