import { describe, expect, it } from 'vitest';
import type {
  NetworkError,
  RateLimitedError,
  TimeoutError,
} from '../../src/api/index.js';
import { ACME_KEY, MODES, failure, newOrganization, startContract } from './support.js';

interface Counters {
  organizationCreates: Record<string, Record<string, number>>;
}

describe.each(MODES)('rate limits and faults, %s mode', (mode) => {
  it('answers a burst past the limit with 429 and a Retry-After the client parses', async () => {
    const { acme } = await startContract(mode, {
      rateLimit: { ratePerSecond: 1, burst: 3 },
    });
    for (let i = 0; i < 3; i += 1) expect(await acme.listOrganizations()).toEqual([]);
    const error = (await failure(() => acme.listOrganizations())) as RateLimitedError;
    expect([error.kind, error.status, error.retryAfterMs]).toEqual([
      'rate-limited',
      429,
      1000,
    ]);
    expect(error.body).toEqual({ message: 'Too Many Requests' });
  });

  it('commits a create, then drops the answer: the client fails, the write is done', async () => {
    const { acme, control } = await startContract(mode);
    await control('PUT', '/faults', {
      global: { dropAfterCommitRate: 1, dropMode: 'reset' },
    });
    const error = (await failure(() =>
      acme.createOrganization(newOrganization(7)),
    )) as NetworkError;
    expect([error.kind, error.status, error.requestSent]).toEqual([
      'network',
      undefined,
      true,
    ]);

    await control('PUT', '/faults', { global: {} });
    const orgs = await acme.listOrganizations();
    expect(orgs.map((o) => o.users[0]?.external_id)).toEqual(['crm-7']);
    const counters = (await control('GET', '/counters')) as Counters;
    expect(counters.organizationCreates).toEqual({ acme: { 'crm-7': 1 } });
  });

  it('holds a committed answer until the client times out in hang mode', async () => {
    const { acme, client, control } = await startContract(mode);
    await control('PUT', '/faults', {
      global: { dropAfterCommitRate: 1, dropMode: 'hang', hangMs: 5_000 },
    });
    const impatient = client(ACME_KEY, 300);
    const error = (await failure(() =>
      impatient.createOrganization(newOrganization(8)),
    )) as TimeoutError;
    expect([error.kind, error.timeoutMs, error.requestSent]).toEqual([
      'timeout',
      300,
      true,
    ]);

    await control('PUT', '/faults', { global: {} });
    const orgs = await acme.listOrganizations();
    expect(orgs.map((o) => o.name)).toEqual(['Customer 8']);
  });

  it('answers injected server errors without doing the work', async () => {
    const { acme, control } = await startContract(mode);
    await control('PUT', '/faults', { global: { errorRate: 1, errorStatuses: [503] } });
    const error = await failure(() => acme.createOrganization(newOrganization(1)));
    expect([error.kind, error.status, error.body]).toEqual([
      'server',
      503,
      { message: 'Server Error' },
    ]);
    await control('PUT', '/faults', { global: {} });
    expect(await acme.listOrganizations()).toEqual([]);
  });

  it('resets the connection without doing the work', async () => {
    const { acme, control } = await startContract(mode);
    await control('PUT', '/faults', { global: { resetRate: 1 } });
    const error = await failure(() => acme.createOrganization(newOrganization(1)));
    expect([error.kind, error.requestSent]).toEqual(['network', true]);
    await control('PUT', '/faults', { global: {} });
    expect(await acme.listOrganizations()).toEqual([]);
  });
});
