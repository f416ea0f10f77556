/**
 * The API key never reaches the terminal, even when it is typed where it does
 * not belong: inside the base URL, or as the name of the key's variable.
 */
import { describe, expect, it } from 'vitest';
import { aaSync, writeInput } from './support/e2e.js';
import { KEY, expectNoKey } from './support/plan-seed.js';

const EXPORT = 'customer_id,org_name,owner_external_id,owner_email\n1,A,o1,a@a.example\n';
const URL_RULE =
  'the base URL must not carry a user name, password, query or fragment (the key goes ' +
  'in ANSWERING_AGENT_API_KEY); give only scheme, host and path, such as ' +
  'https://answeringagent.com/api/v1';

describe('aa-sync plan and a key in the wrong place', () => {
  it.each([
    [`https://${KEY}@127.0.0.1:9/api/v1`],
    [`https://user:${KEY}@127.0.0.1:9/api/v1`],
    [`https://127.0.0.1:9/api/v1?key=${KEY}`],
    [`https://127.0.0.1:9/api/v1#${KEY}`],
  ])('refuses the base URL %s without echoing it', async (baseUrl) => {
    const result = await aaSync(
      ['plan', writeInput('a.csv', EXPORT), '--base-url', baseUrl],
      {
        ANSWERING_AGENT_API_KEY: KEY,
      },
    );
    expect(result).toEqual({
      code: 64,
      stdout: '',
      stderr: `aa-sync: --base-url: ${URL_RULE}\n`,
    });
  });

  it('does not echo an --api-key-env value that looks like a key rather than a name', async () => {
    const result = await aaSync([
      'plan',
      writeInput('a.csv', EXPORT),
      '--api-key-env',
      KEY,
    ]);
    expect(result).toEqual({
      code: 64,
      stdout: '',
      stderr:
        'aa-sync: --api-key-env names the environment variable that holds the key (such ' +
        'as ANSWERING_AGENT_API_KEY), not the key itself, and this looks like a key: put ' +
        'the key in that variable, and give its name\n',
    });
    expectNoKey(result);
  });

  it('masks the key in any failure message once it has been read', async () => {
    const result = await aaSync(
      [
        'plan',
        writeInput('a.csv', EXPORT),
        '--base-url',
        `https://127.0.0.1:9/${KEY}/v1`,
        '--max-retry-ms',
        '0',
      ],
      { ANSWERING_AGENT_API_KEY: KEY },
    );
    expect(result.code).toBe(11);
    expect(result.stderr).toContain('https://127.0.0.1:9/[REDACTED]/v1');
    expectNoKey(result);
  });
});
