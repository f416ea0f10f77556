import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TIMEOUT_MS,
  MAX_CONNECTIONS,
  MAX_TIMEOUT_MS,
  PartnerApiClient,
} from '../../src/api/index.js';
import type { PartnerApiClientOptions } from '../../src/api/index.js';

const VALID: PartnerApiClientOptions = {
  baseUrl: 'https://answeringagent.com/api/v1',
  apiKey: 'sk_live_optionsKey05',
};
const URL_RULE =
  'baseUrl must be an absolute http: or https: URL without credentials, query or fragment, such as https://answeringagent.com/api/v1';
const KEY_RULE = 'apiKey must be a non-empty string of visible ASCII characters';

/** Builds a client and closes it at once; the constructor is what is tested. */
async function construct(
  options: Partial<Record<keyof PartnerApiClientOptions, unknown>>,
) {
  const client = new PartnerApiClient({
    ...VALID,
    ...options,
  } as PartnerApiClientOptions);
  await client.close();
  return client;
}

describe('option defaults', () => {
  it('defaults timeoutMs to 30 000 ms', async () => {
    const client = await construct({});

    expect(DEFAULT_TIMEOUT_MS).toBe(30_000);
    expect(client.timeoutMs).toBe(30_000);
  });

  it.each([
    ['https://answeringagent.com/api/v1', 'https://answeringagent.com/api/v1'],
    ['https://answeringagent.com/api/v1/', 'https://answeringagent.com/api/v1'],
    ['http://127.0.0.1:4010/api/v1', 'http://127.0.0.1:4010/api/v1'],
    ['http://[::1]:4010/', 'http://[::1]:4010'],
  ])('normalises base URL %s to %s', async (baseUrl, expected) => {
    expect((await construct({ baseUrl })).baseUrl).toBe(expected);
  });
});

describe('option validation', () => {
  it('rejects options that are not an object', () => {
    expect(
      () => new PartnerApiClient(undefined as unknown as PartnerApiClientOptions),
    ).toThrow(
      new TypeError('PartnerApiClient options must be an object (got undefined)'),
    );
  });

  it.each([
    ['not a url', '"not a url"'],
    ['ftp://answeringagent.com/api/v1', '"ftp://answeringagent.com/api/v1"'],
    ['/api/v1', '"/api/v1"'],
    [
      'https://answeringagent.com/api/v1?env=live',
      '"https://answeringagent.com/api/v1?env=live"',
    ],
    ['https://answeringagent.com/api/v1#top', '"https://answeringagent.com/api/v1#top"'],
    [42, '42'],
  ])('rejects baseUrl %j', async (baseUrl, got) => {
    await expect(construct({ baseUrl })).rejects.toThrow(
      new TypeError(`${URL_RULE} (got ${got})`),
    );
  });

  it('masks the password of a baseUrl rejected for its credentials', async () => {
    const baseUrl = 'https://partner:hunter2@answeringagent.com/api/v1';

    await expect(construct({ baseUrl })).rejects.toThrow(
      new TypeError(`${URL_RULE} (got "https://partner:***@answeringagent.com/api/v1")`),
    );
  });

  it.each([
    ['', 'an empty string'],
    [
      'sk live',
      'a string of 7 characters including whitespace, control or non-ASCII characters',
    ],
    [
      'sk_live_\n',
      'a string of 9 characters including whitespace, control or non-ASCII characters',
    ],
    [undefined, 'undefined'],
    [12345, '12345'],
  ])('rejects apiKey %j without echoing it', async (apiKey, got) => {
    await expect(construct({ apiKey })).rejects.toThrow(
      new TypeError(`${KEY_RULE} (got ${got})`),
    );
  });

  it.each([
    [0, RangeError, '0'],
    [-1, RangeError, '-1'],
    [1.5, RangeError, '1.5'],
    [Number.NaN, RangeError, 'NaN'],
    [MAX_TIMEOUT_MS + 1, RangeError, '2147483648'],
    ['200', TypeError, '"200"'],
  ])('rejects timeoutMs %j', async (timeoutMs, errorClass, got) => {
    await expect(construct({ timeoutMs })).rejects.toThrow(
      new errorClass(`timeoutMs must be an integer from 1 to 2147483647 (got ${got})`),
    );
  });

  it.each([
    [0, '0'],
    [MAX_CONNECTIONS + 1, '257'],
    [2.5, '2.5'],
  ])('rejects connections %j', async (connections, got) => {
    await expect(construct({ connections })).rejects.toThrow(
      new RangeError(`connections must be an integer from 1 to 256 (got ${got})`),
    );
  });

  it.each([
    ['', '""'],
    [' aa-sync', '" aa-sync"'],
    ['aa-sync\r\nX-Injected: 1', '"aa-sync\\r\\nX-Injected: 1"'],
    [7, '7'],
  ])('rejects userAgent %j', async (userAgent, got) => {
    await expect(construct({ userAgent })).rejects.toThrow(
      new TypeError(
        `userAgent must be a non-empty string of printable ASCII characters (got ${got})`,
      ),
    );
  });

  it('rejects an onExchange that is not a function', async () => {
    await expect(construct({ onExchange: 'log' })).rejects.toThrow(
      new TypeError('onExchange must be a function (got "log")'),
    );
  });

  it('accepts the boundaries of every numeric range', async () => {
    const client = await construct({
      timeoutMs: MAX_TIMEOUT_MS,
      connections: MAX_CONNECTIONS,
    });
    const smallest = await construct({ timeoutMs: 1, connections: 1 });

    expect([client.timeoutMs, smallest.timeoutMs]).toStrictEqual([MAX_TIMEOUT_MS, 1]);
  });
});
