/**
 * Off a terminal the writing commands never prompt: without --yes they stop
 * before any request, as do apply calls that name both or neither of export
 * files and a saved plan.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workDir } from './support/e2e.js';
import {
  arrived,
  runBuilt,
  startApi,
  STATE_DIR,
  writeCustomers,
} from './support/apply-cli.js';

const needsYes = (command: string): string =>
  `aa-sync: ${command} writes to the Partner API and is not on a terminal, so it cannot ` +
  'ask for confirmation: give --yes (for cron and scripts), or run it in a terminal to ' +
  'review the plan first\n';

describe('the writing commands off a terminal', () => {
  it.each([
    ['apply', ['apply', 'customers.csv']],
    ['resume', ['resume']],
    ['resume', ['resume', '20261204-194650-1b3c']],
    ['retry-failed', ['retry-failed', '20261204-194650-1b3c']],
  ])(
    '%s without --yes exits 64 naming --yes and sends no request',
    async (command, args) => {
      const api = await startApi();
      writeCustomers(2);
      const result = await runBuilt(args, api.env);
      expect(result).toEqual({ code: 64, stdout: '', stderr: needsYes(command) });
      expect(await arrived(api)).toEqual([]);
      expect(existsSync(join(workDir(), STATE_DIR))).toBe(false);
    },
  );
});

describe('apply with both or neither of export files and --plan', () => {
  it('refuses export files together with --plan: exit 64, no request', async () => {
    const api = await startApi();
    writeCustomers(2);
    const result = await runBuilt(
      ['apply', 'customers.csv', '--plan', 'plan.json', '--yes'],
      api.env,
    );
    expect(result).toEqual({
      code: 64,
      stdout: '',
      stderr: 'aa-sync: give export files or --plan FILE, not both\n',
    });
    expect(await arrived(api)).toEqual([]);
  });

  it('refuses neither export files nor --plan: exit 64, no request', async () => {
    const api = await startApi();
    const result = await runBuilt(['apply', '--yes'], api.env);
    expect(result).toEqual({
      code: 64,
      stdout: '',
      stderr: 'aa-sync: name the export files to apply, or give --plan FILE\n',
    });
    expect(await arrived(api)).toEqual([]);
  });
});
