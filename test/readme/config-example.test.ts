/**
 * The README's configuration example: its config file, written as shown, and
 * what `aa-sync config` prints for it, with and without flags.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { normalise, readmeBlock, readmeFence } from './readme-blocks.js';
import type { ReadmeStage } from './readme-stage.js';
import { readmeStage } from './readme-stage.js';

/** The example must not depend on what the test's own environment holds. */
const CLEAN_ENV =
  'unset ANSWERING_AGENT_API_KEY ANSWERING_AGENT_BASE_URL AA_SYNC_PROFILE';

let stage: ReadmeStage | undefined;

afterEach(() => {
  stage?.dispose();
  stage = undefined;
});

describe('README: configuration', () => {
  it('resolves the example file as the README shows', async () => {
    stage = await readmeStage('aa-sync-readme-config-');
    writeFileSync(
      join(stage.workDir, 'aa-sync.config.yaml'),
      `${readmeFence('config-file')}\n`,
    );
    const steps = readmeBlock('config-example');
    expect(steps).toHaveLength(2);
    for (const step of steps) {
      const command = `${CLEAN_ENV}\n${step.command}`;
      expect({
        command: step.command,
        output: await stage.output({ command, expected: '' }, 'echo "exit $?"'),
      }).toEqual({
        command: step.command,
        output: `${normalise(step.expected)}\nexit 0`,
      });
    }
  });
});
