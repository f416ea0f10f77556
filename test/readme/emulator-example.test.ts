import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AA_SYNC,
  PROJECT_ROOT,
  finished,
  freePort,
  waitForHttp,
} from '../support/cli.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { normalise, readmeBlock } from './readme-blocks.js';

const run = promisify(execFile);
const README_PORT = '4010';
let background: ChildProcess | undefined;

afterEach(() => {
  background?.kill('SIGKILL');
  background = undefined;
});

describe('README: the emulator answering curl', () => {
  it('prints what the README shows, command by command', async () => {
    const port = String(await freePort());
    const [start, ...steps] = readmeBlock('emulator-curl');
    expect(start?.command).toBe(`npx aa-sync emulator --port ${README_PORT} &`);
    expect(steps).toHaveLength(7);

    const startCommand = start!.command
      .replace('npx aa-sync', AA_SYNC)
      .replace(/ &$/, '');
    background = spawn(
      'bash',
      ['-c', `exec ${startCommand.replace(README_PORT, port)}`],
      {
        cwd: PROJECT_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = finished(background);
    await waitForHttp(`http://127.0.0.1:${port}/_emulator/health`);

    for (const step of steps) {
      const { stdout } = await run('bash', [
        '-c',
        step.command.replaceAll(README_PORT, port),
      ]);
      expect({ command: step.command, output: normalise(stdout) }).toEqual({
        command: step.command,
        output: normalise(step.expected),
      });
    }

    background.kill('SIGINT');
    const result = await exited;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`API:         http://127.0.0.1:${port}/api/v1`);
  });
});
