import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { finished, freePort, runCli, spawnCli } from '../support/cli.js';
import type { ChildProcess } from 'node:child_process';

let child: ChildProcess | undefined;

afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

/** Reads the first line the child prints on standard output. */
function firstLine(process: ChildProcess): Promise<string> {
  return new Promise((resolve) => {
    let buffer = '';
    process.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const end = buffer.indexOf('\n');
      if (end >= 0) resolve(buffer.slice(0, end));
    });
  });
}

describe('aa-sync emulator', () => {
  it('refuses an unknown flag with the usage exit code (64) before listening', async () => {
    const result = await runCli(['emulator', '--port', '0', '--bogus']);
    expect(result).toEqual({
      code: 64,
      stdout: '',
      stderr:
        'aa-sync: Unknown argument: bogus\nRun `aa-sync emulator --help` for usage.\n',
    });
  });

  it('names the flag, the range and the value of a bad number', async () => {
    const result = await runCli(['emulator', '--error-rate', '1.5']);
    expect([result.code, result.stderr]).toEqual([
      64,
      'aa-sync: --error-rate must be a number from 0 to 1; got "1.5"\n',
    ]);
  });

  it('says which port is taken and exits with the I/O code', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const result = await runCli(['emulator', '--port', String(port)]);
      expect([result.code, result.stderr]).toEqual([
        9,
        `aa-sync: cannot listen on 127.0.0.1:${port} (EADDRINUSE); ` +
          'pick another --port, or --port 0 for a free one\n',
      ]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('prints its details as JSON, serves the keys given, and stops on SIGINT', async () => {
    const port = await freePort();
    child = spawnCli([
      'emulator',
      '--port',
      String(port),
      '--key',
      'acme:sk_test_cli_acme',
      '--rate',
      '5',
      '--burst',
      '7',
      '--control-token',
      'ctl-token-1',
      '--json',
    ]);
    const exited = finished(child);
    const details = JSON.parse(await firstLine(child));
    expect(details).toEqual({
      url: `http://127.0.0.1:${port}`,
      baseUrl: `http://127.0.0.1:${port}/api/v1`,
      controlToken: 'ctl-token-1',
      partners: [{ id: 'acme', keys: 1 }],
      rateLimit: { ratePerSecond: 5, burst: 7 },
      strict: false,
      stateFile: null,
      seed: null,
    });
    const answer = await fetch(`${details.baseUrl}/organizations`, {
      headers: { 'X-API-KEY': 'sk_test_cli_acme' },
    });
    expect([answer.status, await answer.json()]).toEqual([200, []]);

    child.kill('SIGINT');
    const result = await exited;
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('sk_test_cli_acme');
  });
});

describe('aa-sync emulator, refusing bad command lines', () => {
  const usage = 'Run `aa-sync emulator --help` for usage.';
  it.each([
    [['--port'], 64, `aa-sync: Not enough arguments following: port\n${usage}\n`],
    [
      ['--port', '0x10'],
      64,
      'aa-sync: --port must be a whole number from 0 to 65535; got "0x10"\n',
    ],
    [
      ['--port', '4011', '--port', '4012'],
      64,
      'aa-sync: --port was given 2 times; give it once\n',
    ],
    [
      ['--activation-delay-ms', '1e20'],
      64,
      'aa-sync: --activation-delay-ms must be a whole number from 0 to 3600000; got "1e20"\n',
    ],
    [
      ['--key', 'a:sk_same_key', '--key', 'b:sk_same_key'],
      64,
      'aa-sync: --key number 2 repeats a key given before it\n',
    ],
    [
      ['--key', 'a:ключ'],
      64,
      'aa-sync: --key number 1: a key is visible ASCII without spaces (an HTTP header)\n',
    ],
    [
      ['--faults-file', 'test/cli/fixtures/faults.json', '--error-rate', '0.1'],
      64,
      'aa-sync: --faults-file sets every fault; drop --error-rate or put it in the file\n',
    ],
    [
      ['--faults-file', 'test/cli/no-such-faults.json'],
      9,
      "aa-sync: --faults-file test/cli/no-such-faults.json: ENOENT: no such file or directory, open 'test/cli/no-such-faults.json'\n",
    ],
    [
      ['--seed', 'test/cli/no-such-seed.json'],
      9,
      "aa-sync: --seed: cannot read seed file test/cli/no-such-seed.json: ENOENT: no such file or directory, open 'test/cli/no-such-seed.json'\n",
    ],
    [
      ['--state-file', 'test/cli/no-such-dir/state.db'],
      9,
      "aa-sync: cannot create --state-file test/cli/no-such-dir/state.db: ENOENT: no such file or directory, open 'test/cli/no-such-dir/state.db'; point --state-file at a new file in an existing, writable directory, or at a file this emulator made\n",
    ],
    [
      ['--host', '999.1.1.1'],
      64,
      'aa-sync: --host must be an IP address or a host name such as 127.0.0.1, ::1 or localhost; got "999.1.1.1"\n',
    ],
    [
      ['--faults-file', 'test/cli/fixtures/faults-unknown-label.json'],
      64,
      'aa-sync: --faults-file perKey has settings for "nokey#1", which no key has; use a key label (known labels: demo#1)\n',
    ],
    [
      ['--seed', 'a.json', '--seed', 'b.json'],
      64,
      'aa-sync: --seed was given 2 times; give it once\n',
    ],
    [
      ['--faults-file', 'test/cli/fixtures/faults-not-object.json'],
      64,
      'aa-sync: --faults-file test/cli/fixtures/faults-not-object.json: must hold a JSON object {"global": {...}, "perKey": {...}}\n',
    ],
    [
      ['--rate', '99999999999'],
      64,
      'aa-sync: --rate must be a number from 0.001 to 1000000; got "99999999999"\n',
    ],
    [
      ['--strict=maybe'],
      64,
      'aa-sync: --strict is on or off: give --strict or --no-strict; got "maybe"\n',
    ],
  ])('emulator %j exits %i', async (args, code, stderr) => {
    const port = args.includes('--port') ? [] : ['--port', '0'];
    const result = await runCli(['emulator', ...port, ...args]);
    expect(result).toEqual({ code, stdout: '', stderr });
  });
});

describe('aa-sync emulator with a seed', () => {
  it('names every partner it serves, from the flags and the seed, with its key count', async () => {
    child = spawnCli([
      'emulator',
      '--port',
      '0',
      '--seed',
      'test/cli/fixtures/seed-two-partners.json',
      '--key',
      'demo:sk_test_flag_demo',
      '--json',
    ]);
    const exited = finished(child);
    const details = JSON.parse(await firstLine(child));
    expect(details.partners).toEqual([
      { id: 'beta', keys: 1 },
      { id: 'demo', keys: 2 },
    ]);
    expect(details.seed).toEqual({
      loaded: true,
      counts: { partners: 2, organizations: 1, users: 1, locations: 0 },
    });
    child.kill('SIGINT');
    expect((await exited).code).toBe(0);
  });
});
