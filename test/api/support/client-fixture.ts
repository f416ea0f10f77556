/**
 * One test server and one client of it for a whole test file: started before
 * the file's tests, closed after them, and its records emptied before each test.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { PartnerApiClient } from '../../../src/api/index.js';
import type { Exchange, PartnerApiClientOptions } from '../../../src/api/index.js';
import { startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

export interface ClientFixture {
  /** Set before the first test runs. */
  server: TestServer;
  client: PartnerApiClient;
  /** What the client's `onExchange` observer received during the current test. */
  exchanges: Exchange[];
}

type FixtureOptions = Omit<PartnerApiClientOptions, 'baseUrl' | 'onExchange'>;

export function useClientFixture(options: FixtureOptions): ClientFixture {
  const fixture = { exchanges: [] as Exchange[] } as ClientFixture;
  beforeAll(async () => {
    fixture.server = await startTestServer();
    fixture.client = new PartnerApiClient({
      ...options,
      baseUrl: fixture.server.baseUrl,
      onExchange: (exchange) => fixture.exchanges.push(exchange),
    });
  });
  afterAll(async () => {
    await fixture.client.close();
    await fixture.server.close();
  });
  beforeEach(() => {
    fixture.server.requests.length = 0;
    fixture.exchanges.length = 0;
  });
  return fixture;
}
