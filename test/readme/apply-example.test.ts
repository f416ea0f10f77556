import { afterEach, describe, expect, it } from 'vitest';
import { normalise, readmeBlock } from './readme-blocks.js';
import type { ReadmeStage } from './readme-stage.js';
import { README_PORT, readmeStage } from './readme-stage.js';

let stage: ReadmeStage | undefined;

afterEach(() => {
  stage?.dispose();
  stage = undefined;
});

describe('README: apply', () => {
  it('applies once, then finds nothing to change, as the README shows', async () => {
    const [start, wait, ...applies] = readmeBlock('apply-example');
    expect(start?.command).toBe(
      `npx aa-sync emulator --port ${README_PORT} --seed fixtures/examples/live-seed.json &`,
    );
    expect(wait?.command).toContain('until curl');
    expect(applies).toHaveLength(2);
    stage = await readmeStage('aa-sync-readme-apply-');
    await stage.startEmulator(start!);

    for (const step of applies) {
      expect({
        command: step.command,
        output: await stage.output(step, 'echo "exit $?"'),
      }).toEqual({
        command: step.command,
        output: `${normalise(step.expected)}\nexit 0`,
      });
    }

    expect((await stage.stopEmulator()).code).toBe(0);
  });
});
