/**
 * The README's walk through a partial run: apply against an API refusing
 * writes, status, retry-failed once it answers again, runs and resume. Run ids
 * in the commands are the ones this run really made; times, the project path
 * and durations are set aside before comparing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleStep } from './readme-blocks.js';
import { normalise, readmeBlock } from './readme-blocks.js';
import type { ReadmeStage } from './readme-stage.js';
import { readmeStage } from './readme-stage.js';

/** Where the README's example pretends to run. */
const README_DIR = '/srv/aa-sync';
const RUN_ID = /\b\d{8}-\d{6}-[0-9a-f]{4}\b/g;

let stage: ReadmeStage | undefined;

afterEach(() => {
  stage?.dispose();
  stage = undefined;
});

function steady(text: string, workDir: string): string {
  return normalise(text.replaceAll(workDir, README_DIR))
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)? UTC/g, '<time> UTC')
    .replace(/\b\d+s\b/g, '<n>s');
}

describe('README: runs, status, retry-failed, resume', () => {
  it('shows what each command prints', async () => {
    const [start, wait, ...steps] = readmeBlock('runs-example');
    stage = await readmeStage('aa-sync-readme-runs-');
    await stage.startEmulator(start!);
    expect(wait?.command).toContain('until curl');
    const exports: string[] = [];
    const runIds: string[] = [];
    for (const step of steps) {
      if (step.command.startsWith('export ')) {
        expect(step.expected).toBe('');
        exports.push(step.command);
        continue;
      }
      // The first run id the README names stands for the first one made here, and so on.
      const named = [...new Set(step.command.match(RUN_ID) ?? [])];
      let command = step.command;
      for (const [index, id] of named.entries())
        command = command.replaceAll(id, runIds[index] ?? id);
      const ran: ConsoleStep = {
        command: [...exports, command].join('\n'),
        expected: '',
      };
      const raw = await stage.rawOutput(ran);
      for (const id of raw.match(RUN_ID) ?? []) if (!runIds.includes(id)) runIds.push(id);
      expect({ command: step.command, output: steady(raw, stage.workDir) }).toEqual({
        command: step.command,
        output: steady(step.expected, stage.workDir),
      });
    }
    expect((await stage.stopEmulator()).code).toBe(0);
  });
});
