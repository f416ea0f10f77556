/**
 * Runs in given states, made through the built command line, for the tests of
 * resume, retry-failed, runs and status.
 */
import { expect } from 'vitest';
import { finished } from '../../support/cli.js';
import type { CliResult } from '../../support/cli.js';
import type { ApplyApi } from './apply-cli.js';
import {
  runBuilt,
  runIdOf,
  spawnBuilt,
  waitForRequests,
  writeCustomers,
} from './apply-cli.js';

/**
 * An apply of `customers` customers stopped by SIGINT after its first write:
 * exit 6, most operations still pending. Returns the run id. (The signal waits
 * for a write: one sent as the run starts can kill the process, see
 * apply-signals.test.ts.)
 */
export async function interruptedRun(api: ApplyApi, customers: number): Promise<string> {
  writeCustomers(customers);
  const child = spawnBuilt(['apply', 'customers.csv', '--yes'], api.env);
  const result = finished(child);
  await waitForRequests(
    api,
    (entries) => entries.some((e) => e.method === 'POST'),
    'a first write',
  );
  child.kill('SIGINT');
  const ended = await result;
  expect(ended.code).toBe(6);
  return runIdOf(ended);
}

/**
 * An apply of `customers` customers that completed (exit 0). Give at least 2:
 * a lone customer's location is never sent (see apply-dependents.test.ts).
 */
export async function completedRun(api: ApplyApi, customers: number): Promise<CliResult> {
  writeCustomers(customers);
  const result = await runBuilt(
    ['apply', 'customers.csv', '--yes', '--rate', '50'],
    api.env,
  );
  expect(result.code).toBe(0);
  return result;
}
