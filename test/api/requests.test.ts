import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { useClientFixture } from './support/client-fixture.js';
import { DEFAULT_USER_AGENT, PartnerApiClient } from '../../src/api/index.js';
import { BASE_PATH, reply, startTestServer, waitFor } from './support/test-server.js';

const API_KEY = 'sk_live_requestsTestKey02';
const PACKAGE_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

const fx = useClientFixture({ apiKey: API_KEY });

beforeEach(() => {
  fx.server.requests.length = 0;
  fx.server.handle((_request, response) => reply(response, 200, []));
});

function sentUrls(): string[] {
  return fx.server.requests.map((request) => `${request.method} ${request.url}`);
}

describe('connections', () => {
  it('reuses one keep-alive connection for 20 sequential requests', async () => {
    const fresh = new PartnerApiClient({ baseUrl: fx.server.baseUrl, apiKey: API_KEY });
    const before = fx.server.connectionCount();

    for (let i = 0; i < 20; i += 1) await fresh.listOrganizations();
    await fresh.close();

    expect(fx.server.requests).toHaveLength(20);
    expect(fx.server.connectionCount() - before).toBe(1);
  });

  it('close() hangs up every connection it opened and may be called twice', async () => {
    const own = await startTestServer((_request, response) => reply(response, 200, []));
    const fresh = new PartnerApiClient({ baseUrl: own.baseUrl, apiKey: API_KEY });
    await Promise.all([fresh.listUsers(), fresh.listUsers(), fresh.listUsers()]);
    const openBeforeClose = own.openSocketCount();

    await fresh.close();
    await fresh.close();

    expect(openBeforeClose).toBe(3);
    expect(await waitFor(() => own.openSocketCount() === 0, 1000)).toBe(true);
    await own.close();
  });
});

describe('request building', () => {
  it('sends aa-sync/<package version> as the default User-Agent', async () => {
    await fx.client.listUsers();

    expect(DEFAULT_USER_AGENT).toBe(`aa-sync/${PACKAGE_VERSION}`);
    expect(fx.server.requests[0]!.headers['user-agent']).toBe(
      `aa-sync/${PACKAGE_VERSION}`,
    );
  });

  it('sends the userAgent option instead of the default', async () => {
    const custom = new PartnerApiClient({
      baseUrl: fx.server.baseUrl,
      apiKey: API_KEY,
      userAgent: 'aa-sync/0.1.0 (run 7f3a)',
    });
    await custom.listUsers();
    await custom.close();

    expect(fx.server.requests[0]!.headers['user-agent']).toBe('aa-sync/0.1.0 (run 7f3a)');
  });

  it('treats a base URL with a trailing slash like one without', async () => {
    const slashed = new PartnerApiClient({
      baseUrl: `${fx.server.baseUrl}/`,
      apiKey: API_KEY,
    });
    await slashed.listLocations();
    await slashed.close();

    expect(slashed.baseUrl).toBe(fx.server.baseUrl);
    expect(sentUrls()).toStrictEqual([`GET ${BASE_PATH}/locations`]);
  });

  it('URL-encodes external ids in paths', async () => {
    fx.server.handle((_request, response) => reply(response, 200, {}));

    await fx.client.getUser('crm/48 21?x=1#é');
    await fx.client.getEmbedToken('a%2Fb');

    expect(sentUrls()).toStrictEqual([
      `GET ${BASE_PATH}/users/crm%2F48%2021%3Fx%3D1%23%C3%A9`,
      `GET ${BASE_PATH}/users/a%252Fb/embed-token`,
    ]);
  });

  it('omits the organization_id query of createUser when the body has none', async () => {
    fx.server.handle((_request, response) => reply(response, 201, {}));
    const person = { external_id: 'crm-1', email: 'a@example.com' };

    await fx.client.createUser({ ...person, team_name: 'Harbor Cafe' });
    await fx.client.createUser({ ...person, organization_id: null });

    expect(sentUrls()).toStrictEqual([
      `POST ${BASE_PATH}/users`,
      `POST ${BASE_PATH}/users`,
    ]);
  });
});

describe('argument checks', () => {
  it.each([
    [0, 'organizationId must be a positive safe integer (got 0)'],
    [-1, 'organizationId must be a positive safe integer (got -1)'],
    [1.5, 'organizationId must be a positive safe integer (got 1.5)'],
    [Number.NaN, 'organizationId must be a positive safe integer (got NaN)'],
    [2 ** 53, 'organizationId must be a positive safe integer (got 9007199254740992)'],
    ['42', 'organizationId must be a positive safe integer (got "42")'],
  ])('throws a TypeError for organization id %s without sending', (id, message) => {
    expect(() => fx.client.getOrganization(id as number)).toThrow(new TypeError(message));
    expect(fx.server.requests).toHaveLength(0);
  });

  it('names the parameter whose id is invalid', () => {
    expect(() => fx.client.deleteLocation(0)).toThrow(
      new TypeError('locationId must be a positive safe integer (got 0)'),
    );
    expect(() => fx.client.listUsers({ organizationId: -3 })).toThrow(
      new TypeError('organizationId must be a positive safe integer (got -3)'),
    );
    const user = { external_id: 'crm-1', email: 'a@example.com', organization_id: 0 };
    expect(() => fx.client.createUser(user)).toThrow(
      new TypeError('body.organization_id must be a positive safe integer (got 0)'),
    );
    expect(fx.server.requests).toHaveLength(0);
  });

  it.each([
    ['', 'externalId must be a non-empty string other than . and .. (got "")'],
    ['.', 'externalId must be a non-empty string other than . and .. (got ".")'],
    ['..', 'externalId must be a non-empty string other than . and .. (got "..")'],
    [7, 'externalId must be a non-empty string other than . and .. (got 7)'],
  ])('throws a TypeError for external id %j without sending', (externalId, message) => {
    expect(() => fx.client.deleteUserUnverified(externalId as string)).toThrow(
      new TypeError(message),
    );
    expect(fx.server.requests).toHaveLength(0);
  });
});

describe('DELETE answers', () => {
  it('resolves with undefined for a 204 with an empty body', async () => {
    fx.server.handle((_request, response) => reply(response, 204));

    await expect(fx.client.deleteLocation(5150)).resolves.toBeUndefined();
    await expect(fx.client.invalidateEmbedToken('crm-1')).resolves.toBeUndefined();
  });

  it('resolves with undefined for a 200 with an empty body', async () => {
    fx.server.handle((_request, response) => reply(response, 200, ''));

    await expect(fx.client.deleteOrganization(42)).resolves.toBeUndefined();
  });

  it('resolves with the parsed body of a 200', async () => {
    fx.server.handle((_request, response) =>
      reply(response, 200, { deleted: true, id: 42 }),
    );

    await expect(fx.client.deleteOrganization(42)).resolves.toStrictEqual({
      deleted: true,
      id: 42,
    });
  });
});
