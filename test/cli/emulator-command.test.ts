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
  it('refuses an unknown flag with exit code 2 before listening', async () => {
    const result = await runCli(['emulator', '--port', '0', '--bogus']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'aa-sync: Unknown argument: bogus\nRun `aa-sync --help` for usage.\n',
    });
  });

  it('names the flag, the range and the value of a bad number', async () => {
    const result = await runCli(['emulator', '--error-rate', '1.5']);
    expect([result.code, result.stderr]).toEqual([
      2,
      'aa-sync: --error-rate must be a number from 0 to 1; got 1.5\n',
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
