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
import type { ConsoleStep } from './readme-blocks.js';
import { normalise, readmeBlock } from './readme-blocks.js';

const run = promisify(execFile);
const README_PORT = '4010';
let workDir: string;
let background: ChildProcess | undefined;

beforeEach(() => {
  // A directory of its own, so the default state directory (.aa-sync) lands there.
  workDir = mkdtempSync(join(tmpdir(), 'aa-sync-readme-'));
  symlinkSync(join(PROJECT_ROOT, 'fixtures'), join(workDir, 'fixtures'));
});

afterEach(() => {
  background?.kill('SIGKILL');
  background = undefined;
  rmSync(workDir, { recursive: true, force: true });
});

/** Runs one README step as a shell would show it: both streams, in order. */
async function output(step: ConsoleStep, port: string): Promise<string> {
  const command = step.command
    .replaceAll('npx aa-sync', AA_SYNC)
    .replaceAll(README_PORT, port);
  const result = await run('bash', ['-c', `(${command}) 2>&1; true`], { cwd: workDir });
  return normalise(result.stdout);
}

function expectSame(step: ConsoleStep, actual: string): void {
  expect({ command: step.command, output: actual }).toEqual({
    command: step.command,
    output: normalise(step.expected),
  });
}

describe('README: validate and plan', () => {
  it('validate prints what the README shows', async () => {
    const steps = readmeBlock('validate-example');
    expect(steps).toHaveLength(2);
    for (const step of steps) expectSame(step, await output(step, README_PORT));
  });

  it('plan against the seeded emulator prints what the README shows', async () => {
    const port = String(await freePort());
    const [start, wait, plan] = readmeBlock('plan-example');
    expect(start?.command).toBe(
      `npx aa-sync emulator --port ${README_PORT} --seed fixtures/examples/live-seed.json &`,
    );
    expect(wait?.command).toContain('until curl');
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

    expectSame(plan!, await output(plan!, port));

    background.kill('SIGINT');
    expect((await exited).code).toBe(0);
  });
});
