/**
 * One part of the torture campaign in a process of its own, so that a part's
 * memory, timers and children never touch the next part, and a part that
 * dies is recorded as dead rather than taking the campaign with it. Started
 * by main.ts; writes the part's `TortureResult` as JSON to `--out`.
 *
 *   node --import tsx bench/torture/run-part.ts --part soak [--quick] --out FILE
 */
import { rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { makeWorkDir, readFlags } from '../lib/bench-cli.js';
import { passed } from './part.js';
import { TORTURE_PARTS } from './parts.js';

const USAGE = 'usage: run-part.ts --part ID [--quick] --out FILE';

interface RunPartFlags {
  part: string;
  quick: boolean;
  out: string;
}

function parseRunPartArgs(args: string[]): RunPartFlags {
  const { values } = parseArgs({
    args,
    options: {
      part: { type: 'string' },
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  if (values.part === undefined || values.out === undefined) {
    throw new RangeError('--part and --out are required');
  }
  return { part: values.part, quick: values.quick, out: values.out };
}

async function main(): Promise<void> {
  const flags = readFlags(() => parseRunPartArgs(process.argv.slice(2)), USAGE);
  if (flags === undefined) return;
  const part = TORTURE_PARTS.find((candidate) => candidate.id === flags.part);
  if (part === undefined) {
    process.stderr.write(`no torture part "${flags.part}"\n${USAGE}\n`);
    process.exitCode = 64;
    return;
  }
  const workDir = makeWorkDir(`aa-sync-torture-${part.id}-`);
  try {
    const result = await part.run({
      quick: flags.quick,
      workDir,
      log: (line) => process.stdout.write(`  [${part.id}] ${line}\n`),
    });
    writeFileSync(flags.out, `${JSON.stringify(result, null, 2)}\n`);
    process.exitCode = passed(result) ? 0 : 1;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

await main();
