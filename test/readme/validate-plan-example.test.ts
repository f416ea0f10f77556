import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleStep } from './readme-blocks.js';
import { normalise, readmeBlock } from './readme-blocks.js';
import type { ReadmeStage } from './readme-stage.js';
import { README_PORT, readmeStage } from './readme-stage.js';

let stage: ReadmeStage | undefined;

afterEach(() => {
  stage?.dispose();
  stage = undefined;
});

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
    stage = await readmeStage('aa-sync-readme-validate-');
    for (const step of steps) expectSame(step, await stage.output(step));
  });

  it('plan against the seeded emulator prints what the README shows', async () => {
    const [start, wait, plan] = readmeBlock('plan-example');
    expect(start?.command).toBe(
      `npx aa-sync emulator --port ${README_PORT} --seed fixtures/examples/live-seed.json &`,
    );
    expect(wait?.command).toContain('until curl');
    stage = await readmeStage('aa-sync-readme-plan-');
    await stage.startEmulator(start!);

    expectSame(plan!, await stage.output(plan!));

    expect((await stage.stopEmulator()).code).toBe(0);
  });
});
