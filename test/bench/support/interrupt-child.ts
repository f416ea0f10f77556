/**
 * For bench-cli.test.ts: makes a work folder, starts a child that would sleep
 * a minute, prints both, then waits to be interrupted.
 */
import { spawn } from 'node:child_process';
import { makeWorkDir } from '../../../bench/lib/bench-cli.js';

const dir = makeWorkDir('aa-bench-cli-test-');
const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
process.stdout.write(`${JSON.stringify({ dir, child: sleeper.pid })}\n`);
setInterval(() => undefined, 1000);
