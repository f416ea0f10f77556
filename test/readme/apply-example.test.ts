import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AA_SYNC,
  PROJECT_ROOT,
  finished,
  freePort,
  waitForHttp,
} from '../support/cli.js';
import { normalise, readmeBlock } from './readme-blocks.js';

const run = promisify(execFile);
const README_PORT = '4010';
let workDir: string;
let background: ChildProcess | undefined;

beforeEach(() => {
  workDir = mkdtempSync(join(tmpdir(), 'aa-sync-readme-apply-'));
  symlinkSync(join(PROJECT_ROOT, 'fixtures'), join(workDir, 'fixtures'));
});

afterEach(() => {
  background?.kill('SIGKILL');
  background = undefined;
  rmSync(workDir, { recursive: true, force: true });
});

describe('README: apply', () => {
  it('applies once, then finds nothing to change, as the README shows', async () => {
    const port = String(await freePort());
    const [start, wait, ...applies] = readmeBlock('apply-example');
    expect(start?.command).toBe(
      `npx aa-sync emulator --port ${README_PORT} --seed fixtures/examples/live-seed.json &`,
    );
    expect(wait?.command).toContain('until curl');
    expect(applies).toHaveLength(2);
    const startCommand = start!.command
      .replace('npx aa-sync', AA_SYNC)
      .replace(README_PORT, port)
      .replace(/ &$/, '');
    background = spawn('bash', ['-c', `exec ${startCommand}`], {
      cwd: workDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = finished(background);
    await waitForHttp(`http://127.0.0.1:${port}/_emulator/health`);

    for (const step of applies) {
      const command = step.command
        .replaceAll('npx aa-sync', AA_SYNC)
        .replaceAll(README_PORT, port);
      const result = await run('bash', ['-c', `(${command}) 2>&1; echo "exit $?"`], {
        cwd: workDir,
      });
      expect({ command: step.command, output: normalise(result.stdout) }).toEqual({
        command: step.command,
        output: `${normalise(step.expected)}\nexit 0`,
      });
    }

    background.kill('SIGINT');
    expect((await exited).code).toBe(0);
  });
});
