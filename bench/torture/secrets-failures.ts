/**
 * The failure paths, each with the canary key in the environment: an
 * unreachable API, a server that echoes the key back in every way it can, a
 * revoked key, a config file holding the key itself, a damaged checkpoint,
 * folders that cannot be written, and a bug (a fault injected into the
 * process) whose message quotes the key. Exports: `driveFailures`,
 * `driveRevokedKey`.
 */
import {
  closeSync,
  copyFileSync,
  cpSync,
  openSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DIST_ENTRY } from '../lib/crash-process.js';
import { expect } from './secrets-commands.js';
import type { CommandPlan } from './secrets-commands.js';
import { ECHO_MODES, startEchoServer } from './secrets-echo-server.js';
import type { EchoMode } from './secrets-echo-server.js';

const EXIT = {
  ok: 0,
  internal: 1,
  input: 3,
  auth: 4,
  partial: 5,
  io: 9,
  unavailable: 11,
  usage: 64,
};

/** What `apply` and `plan` must end with against each misbehaviour. */
const ECHO_EXITS: Record<EchoMode, { plan: number; apply: number }> = {
  'error-500': { plan: EXIT.unavailable, apply: EXIT.unavailable },
  'refused-401': { plan: EXIT.auth, apply: EXIT.auth },
  'refused-403': { plan: EXIT.ok, apply: EXIT.partial },
  'invalid-422': { plan: EXIT.ok, apply: EXIT.partial },
  'throttled-429': { plan: EXIT.unavailable, apply: EXIT.unavailable },
  'wrong-shape': { plan: EXIT.unavailable, apply: EXIT.unavailable },
  'not-json': { plan: EXIT.unavailable, apply: EXIT.unavailable },
  'hostile-422': { plan: EXIT.ok, apply: EXIT.partial },
};

/** A failing call gives up at once: these paths are about messages, not retries. */
const QUICK_GIVE_UP = ['--max-retry-ms', '200'];

/** `secretInputs`: a folder outside the scan, for the files that hold the key on purpose. */
export async function driveFailures(
  plan: CommandPlan,
  secretInputs: string,
): Promise<{ internalErrorShown: boolean }> {
  const input = [plan.exportFile, '--max-invalid', '5'];
  const closed = ['--base-url', `http://127.0.0.1:${await closedPort()}/api/v1`];
  // Two lanes at once, each with a state directory of its own (one run holds one).
  const [, internalErrorShown] = await Promise.all([
    driveEchoServer(plan, input),
    (async () => {
      await expect(plan, 'plan, API unreachable', EXIT.unavailable, [
        'plan',
        ...input,
        ...closed,
        ...QUICK_GIVE_UP,
      ]);
      await expect(plan, 'apply, API unreachable', EXIT.unavailable, [
        'apply',
        ...input,
        '--yes',
        ...closed,
        ...QUICK_GIVE_UP,
      ]);
      await driveKeyInConfig(plan, secretInputs);
      await driveBrokenFiles(plan, input);
      return driveInjectedBug(plan, input, secretInputs);
    })(),
  ]);
  return { internalErrorShown };
}

async function driveEchoServer(plan: CommandPlan, input: string[]): Promise<void> {
  const server = await startEchoServer();
  try {
    const api = [
      '--base-url',
      server.baseUrl,
      '--state-dir',
      'state-echo',
      ...QUICK_GIVE_UP,
    ];
    for (const mode of ECHO_MODES) {
      server.setMode(mode);
      // plan reads as apply does; the quick campaign lets apply stand for both.
      if (!plan.quick) {
        await expect(plan, `plan, server ${mode}`, ECHO_EXITS[mode].plan, [
          'plan',
          ...input,
          ...api,
          '--log-level',
          'debug',
        ]);
      }
      await expect(plan, `apply, server ${mode}`, ECHO_EXITS[mode].apply, [
        'apply',
        ...input,
        '--yes',
        ...api,
        '--max-outage-ms',
        '1000',
        '--log-level',
        'debug',
        '--log-format',
        'json',
      ]);
    }
  } finally {
    await server.close();
  }
}

/** A profile holding the key itself is refused without showing it. */
async function driveKeyInConfig(plan: CommandPlan, secretInputs: string): Promise<void> {
  const file = join(secretInputs, 'key-in-config.json');
  const config = {
    profiles: { leaky: { apiKeyEnv: 'AA_LEAKY', apiKey: plan.session.canary } },
  };
  writeFileSync(file, JSON.stringify(config));
  await expect(plan, 'config, key written in the config file', EXIT.usage, [
    'config',
    '--config',
    file,
  ]);
}

/** A damaged checkpoint and report or state folders under a regular file. */
async function driveBrokenFiles(plan: CommandPlan, input: string[]): Promise<void> {
  const api = ['--base-url', plan.emulator.baseUrl];
  const damaged = join(plan.session.cwd, 'damaged-state');
  cpSync(join(plan.session.cwd, '.aa-sync'), damaged, { recursive: true });
  const fd = openSync(join(damaged, 'checkpoint.sqlite'), 'r+');
  // Page 1 holds the header and the schema: garbage there is found at once.
  writeSync(fd, Buffer.alloc(2048, 0xa5), 0, 2048, 100);
  closeSync(fd);
  await expect(plan, 'runs, damaged checkpoint', EXIT.io, [
    'runs',
    '--state-dir',
    damaged,
  ]);
  await expect(plan, 'apply, damaged checkpoint', EXIT.io, [
    'apply',
    ...input,
    '--yes',
    ...api,
    '--state-dir',
    damaged,
  ]);
  const file = join(plan.session.cwd, 'a-regular-file');
  copyFileSync(join(plan.session.cwd, plan.exportFile), file);
  await expect(plan, 'plan, report dir under a file', EXIT.io, [
    'plan',
    ...input,
    ...api,
    '--report-dir',
    join(file, 'reports'),
  ]);
  await expect(plan, 'apply, state dir under a file', EXIT.io, [
    'apply',
    ...input,
    '--yes',
    ...api,
    '--state-dir',
    join(file, 'state'),
  ]);
}

/**
 * A bug made on purpose: node loads a module first that breaks the
 * checkpoint's INSERT of a run with an error quoting the key, as a careless
 * message could. The command must say it is a bug, and mask the key.
 */
async function driveInjectedBug(
  plan: CommandPlan,
  input: string[],
  secretInputs: string,
): Promise<boolean> {
  const preload = join(secretInputs, 'inject-bug.mjs');
  writeFileSync(preload, injectedBugModule());
  const api = ['--base-url', plan.emulator.baseUrl];
  const output = await expect(
    plan,
    'apply, injected bug',
    EXIT.internal,
    ['apply', ...input, '--yes', ...api],
    ['--import', preload],
  );
  return output.includes('aa-sync hit an internal error');
}

function injectedBugModule(): string {
  return [
    "import { createRequire } from 'node:module';",
    `const require = createRequire(${JSON.stringify(DIST_ENTRY)});`,
    "const Database = require('better-sqlite3');",
    'const prepare = Database.prototype.prepare;',
    'Database.prototype.prepare = function (sql) {',
    '  if (/INSERT INTO runs/.test(sql)) {',
    '    const key = process.env.ANSWERING_AGENT_API_KEY ?? process.env.AA_CANARY_FLAG_KEY ?? process.env.AA_CANARY_PROFILE_KEY;',
    '    throw new TypeError(`injected fault: a bug whose message quotes the key ${key}`);',
    '  }',
    '  return prepare.call(this, sql);',
    '};',
    '',
  ].join('\n');
}

/** Revokes the canary in the emulator: plan and apply meet 401. Last, since it is for good. */
export async function driveRevokedKey(plan: CommandPlan): Promise<void> {
  await plan.emulator.control('POST', '/keys/revoke', { key: plan.session.canary });
  const api = ['--base-url', plan.emulator.baseUrl];
  const input = [plan.exportFile, '--max-invalid', '5'];
  await expect(plan, 'plan, revoked key', EXIT.auth, ['plan', ...input, ...api]);
  await expect(plan, 'apply, revoked key', EXIT.auth, [
    'apply',
    ...input,
    '--yes',
    ...api,
  ]);
}

/** A loopback port nothing listens on (free a moment ago). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
