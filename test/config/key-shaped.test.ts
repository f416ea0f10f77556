/**
 * A key pasted where a profile name, a field name or a variable name belongs
 * never shows in the message that refuses it.
 */
import { describe, expect, it } from 'vitest';
import { resolveApiTarget } from '../../src/cli/api-flags.js';
import { errorOf, settingsOf, writeConfig } from './support.js';

const PASTED = 'sk_live_pastedKey0123456789';

describe('a key pasted into the settings', () => {
  it('as a profile name: the profile is refused without naming it', () => {
    writeConfig('aa-sync.config.yaml', 'profiles:\n  production:\n    rate: 5\n');
    expect(errorOf(() => settingsOf({ profile: PASTED }))).toEqual({
      message:
        '--profile a value shaped like an API key (not shown): aa-sync.config.yaml has no ' +
        'such profile (its profiles: "production")',
      exitCode: 64,
    });
  });

  it('as a field name of a profile: the path hides it', () => {
    writeConfig('aa-sync.config.yaml', `profiles:\n  production:\n    ${PASTED}: 5\n`);
    const { message } = errorOf(() => settingsOf({ profile: 'production' }));
    expect(message).toContain(
      'profiles.production[a value shaped like an API key (not shown)] is not a setting',
    );
    expect(message).not.toContain(PASTED);
  });

  it('as --api-key-env: says it takes the name of a variable, not the key', () => {
    const settings = settingsOf({ apiKeyEnv: PASTED });
    const { message, exitCode } = errorOf(() =>
      resolveApiTarget({ playground: false, settings }, {}),
    );
    expect([message, exitCode]).toEqual([
      '--api-key-env names the environment variable that holds the key (such as ' +
        'ANSWERING_AGENT_API_KEY), not the key itself, and this looks like a key: put the ' +
        'key in that variable, and give its name',
      64,
    ]);
  });
});
