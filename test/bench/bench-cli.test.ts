import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { splitResultsDir } from '../../bench/lib/bench-cli.js';
import { PROJECT_ROOT } from '../support/cli.js';

const CHILD = join(PROJECT_ROOT, 'test/bench/support/interrupt-child.ts');

/** Alive and not a zombie waiting for a parent that may never reap it. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

describe('the benches’ command line and interrupts', () => {
  it('takes --results-dir out of the arguments, in both spellings', () => {
    expect(splitResultsDir(['--changes', '20', '--results-dir', '/tmp/r'])).toEqual({
      resultsDir: '/tmp/r',
      rest: ['--changes', '20'],
    });
    expect(splitResultsDir(['--results-dir=/tmp/s'])).toEqual({
      resultsDir: '/tmp/s',
      rest: [],
    });
    expect(splitResultsDir([]).resultsDir).toBe(join(PROJECT_ROOT, 'bench/results/'));
    expect(() => splitResultsDir(['--results-dir'])).toThrow(
      '--results-dir needs a folder',
    );
  });

  it('on SIGTERM to the script alone, kills its children, removes its folders and exits 143', async () => {
    const script = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = createInterface({ input: script.stdout });
    const first = await new Promise<string>((resolve) => lines.once('line', resolve));
    const { dir, child } = JSON.parse(first) as { dir: string; child: number };
    expect([existsSync(dir), isRunning(child)]).toEqual([true, true]);
    const ended = new Promise<number | null>((resolve) => script.on('close', resolve));
    script.kill('SIGTERM');
    expect(await ended).toBe(143);
    // The sleeper was killed; give the kernel a moment to reap it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([existsSync(dir), isRunning(child)]).toEqual([false, false]);
  });
});
