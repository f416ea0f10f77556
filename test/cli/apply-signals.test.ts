/**
 * SIGINT during a slow apply: the first lets the requests in flight finish and
 * ends the run as resumable; a second one right after exits at once. Either
 * way resume finishes the run without creating anything twice.
 */
import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { CliResult } from '../support/cli.js';
import { finished } from '../support/cli.js';
import type { ApplyApi } from './support/apply-cli.js';
import {
  arrived,
  createdOnce,
  line,
  locationCreates,
  organizationCreates,
  runBuilt,
  runIdOf,
  setFaults,
  spawnBuilt,
  startApi,
  statusOf,
  stderrShows,
  waitForRequests,
  writeCustomers,
  writesOf,
} from './support/apply-cli.js';

const CUSTOMERS = 6;
/** Every request takes this long, so that some are in flight when the signal comes. */
const LATENCY_MS = 2_500;
/** After the run starts, time for its first requests to leave. */
const SETTLE_MS = 300;

interface Started {
  child: ChildProcess;
  result: Promise<CliResult>;
  runId: string;
}

/** A slow apply whose run has started and has requests in flight. */
async function slowApply(api: ApplyApi): Promise<Started> {
  writeCustomers(CUSTOMERS);
  const child = spawnBuilt(['apply', 'customers.csv', '--yes'], api.env);
  const result = finished(child);
  const runLine = new Promise<string>((resolve) => {
    let text = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const match = /run (\S+) started/.exec(text);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
  });
  await stderrShows(child, ' started');
  await setFaults(api, { latencyMs: LATENCY_MS });
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  return { child, result, runId: await runLine };
}

/** Resume with no latency; expects it to complete with every create done once. */
async function expectResumeCompletes(api: ApplyApi, runId: string): Promise<void> {
  await setFaults(api, {});
  const resumed = await runBuilt(['resume', runId, '--yes', '--rate', '50'], api.env);
  expect(resumed.stdout).toContain(`Run ${runId} completed: 12 operations: `);
  expect(resumed.code).toBe(0);
  const once = createdOnce(CUSTOMERS);
  expect(await organizationCreates(api)).toEqual(once.organizations);
  expect(await locationCreates(api)).toEqual(once.locations);
}

describe('SIGINT during apply', () => {
  it('finishes the requests in flight, exits 6 as interrupted, and resume completes', async () => {
    const api = await startApi();
    const { child, result, runId } = await slowApply(api);
    child.kill('SIGINT');
    const ended = await result;

    expect(ended.code).toBe(6);
    expect(ended.stderr).toContain(
      'aa-sync: SIGINT: finishing the requests in flight, then stopping (send it again to exit at once)\n',
    );
    expect(ended.stdout).toContain(`Run ${runId} interrupted: 12 operations: `);
    expect(ended.stdout).toContain(
      'The run was interrupted; nothing was left half-recorded.\n' +
        `Continue with \`aa-sync resume ${runId} --state-dir state\``,
    );
    const status = await statusOf(api, runId);
    expect(status.run.status).toBe('interrupted');
    // The requests in flight were answered and recorded: none is left in flight.
    expect(status.run.counts['in-flight']).toBe(0);
    expect(status.run.counts.succeeded).toBeGreaterThan(0);
    await expectResumeCompletes(api, runId);
  });

  it('sends no request that was still waiting for its turn when the signal came', async () => {
    const api = await startApi();
    writeCustomers(CUSTOMERS);
    // One request every two seconds: the rest of the first operations wait in the gate.
    const child = spawnBuilt(
      ['apply', 'customers.csv', '--yes', '--rate', '0.5'],
      api.env,
    );
    const result = finished(child);
    await waitForRequests(api, (all) => writesOf(all).length === 1, 'the first write');
    child.kill('SIGINT');
    const ended = await result;

    expect(ended.code).toBe(6);
    expect(writesOf(await arrived(api)).map(line)).toEqual(['POST /organizations 201']);
    const status = await statusOf(api, runIdOf(ended));
    expect(status.run.counts).toMatchObject({
      succeeded: 1,
      'in-flight': 0,
      pending: 11,
    });
  });

  it('ends as interrupted (exit 6), not killed, on a SIGINT sent as the run starts', async () => {
    const api = await startApi();
    writeCustomers(CUSTOMERS);
    const child = spawnBuilt(['apply', 'customers.csv', '--yes'], api.env);
    const result = finished(child);
    // Logged by the run just recorded, before it sends anything.
    await stderrShows(child, ' started');
    child.kill('SIGINT');
    const ended = await result;

    expect({ code: ended.code, signal: child.signalCode }).toEqual({
      code: 6,
      signal: null,
    });
  });

  it('exits at once with 6 on a second SIGINT right after the first', async () => {
    const api = await startApi();
    const { child, result, runId } = await slowApply(api);
    child.kill('SIGINT');
    await stderrShows(child, 'aa-sync: SIGINT: finishing the requests in flight');
    child.kill('SIGINT');
    const ended = await result;

    expect(ended.code).toBe(6);
    // It did not wait for the slow answers: what was on the wire is still in flight.
    expect((await statusOf(api, runId)).run.counts['in-flight']).toBeGreaterThan(0);
    expect(ended.stderr).toContain(
      'aa-sync: second SIGINT: exiting now; resume will look up what was in flight\n',
    );
    await expectResumeCompletes(api, runId);
  });
});
