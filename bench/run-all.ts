/**
 * `npm run bench`: the five parts of the benchmark, one after another, each
 * as its own process so that one's memory and timers do not touch the next.
 * A part that fails does not stop the others; the run ends with an index of
 * the latest tables, bench/results/README.md, and exits 1 when any part
 * failed. Exports: `BENCH_PARTS`, `parseRunAllArgs`, `renderIndex`,
 * `PartOutcome`.
 *
 *   npm run bench [-- --only plan,calls]
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
const RESULTS_DIR = join(PROJECT_ROOT, 'bench/results');
const MS_PER_SECOND = 1000;
const USAGE_EXIT = 64;

/** The parts in the order of the issue, each with its script and its tables. */
export const BENCH_PARTS = [
  {
    name: 'plan',
    title: 'Input and planning at 10k, 100k and 1M customers',
    script: 'bench/plan-bench.ts',
    tables: ['plan.md'],
  },
  {
    name: 'executor',
    title: 'Executor against the rate limit (told and auto)',
    script: 'bench/executor-bench.ts',
    tables: ['executor.md'],
  },
  {
    name: 'checkpoint',
    title: 'Checkpoint cost per operation',
    script: 'bench/checkpoint-bench.ts',
    tables: ['checkpoint.md'],
  },
  {
    name: 'calls',
    title: 'Calls per job: migration and no-change nightly',
    script: 'bench/calls-bench.ts',
    tables: ['calls.md'],
  },
  {
    name: 'alternatives',
    title: 'Side by side with the quick-start loop and newman',
    script: 'bench/alternatives-bench.ts',
    tables: ['alternatives.md'],
  },
] as const;

type PartName = (typeof BENCH_PARTS)[number]['name'];

/** How a part's process ended. */
export interface PartOutcome {
  name: PartName;
  exitCode: number | null;
  wallMs: number;
}

/** `--only a,b` picks parts by name; a name that is no part is a RangeError. */
export function parseRunAllArgs(args: string[]): PartName[] {
  const { values } = parseArgs({ args, options: { only: { type: 'string' } } });
  const names = BENCH_PARTS.map((part) => part.name);
  if (values.only === undefined) return names;
  const picked = values.only.split(',').map((name) => name.trim());
  for (const name of picked) {
    if (!names.includes(name as PartName)) {
      throw new RangeError(`--only takes ${names.join(', ')}; got "${name}"`);
    }
  }
  return names.filter((name) => picked.includes(name));
}

function runPart(script: string): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
}

/** The index of bench/results: each part of this run, its tables and how it ended. */
export function renderIndex(outcomes: readonly PartOutcome[], date: string): string {
  const rows = outcomes.map((outcome) => {
    const part = BENCH_PARTS.find((candidate) => candidate.name === outcome.name);
    const links = (part?.tables ?? []).map((table) => `[${table}](${table})`).join(', ');
    const ended =
      outcome.exitCode === 0 ? 'done' : `**failed** (exit ${outcome.exitCode})`;
    const minutes = (outcome.wallMs / MS_PER_SECOND / 60).toFixed(1);
    return `| ${part?.title ?? outcome.name} | ${links} | ${minutes} min | ${ended} |`;
  });
  return [
    '# Benchmark results',
    '',
    `The latest \`npm run bench\`: ${date}, Node ${process.version}, ` +
      `${availableParallelism()} CPUs, the parts one after another with nothing else ` +
      'running. Each table names its targets and says which are met.',
    '',
    '| part | table | wall time | ended |',
    '| --- | --- | ---: | --- |',
    ...rows,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  let parts: PartName[];
  try {
    parts = parseRunAllArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = USAGE_EXIT;
    return;
  }
  const date = new Date().toISOString();
  const outcomes: PartOutcome[] = [];
  for (const name of parts) {
    const part = BENCH_PARTS.find((candidate) => candidate.name === name);
    if (part === undefined) continue;
    process.stdout.write(`\n== bench ${name}: ${part.title}\n`);
    const started = performance.now();
    const exitCode = await runPart(part.script);
    outcomes.push({ name, exitCode, wallMs: Math.round(performance.now() - started) });
  }
  // A partial run (--only) leaves the index of the last full one.
  if (parts.length === BENCH_PARTS.length) {
    await writeFile(join(RESULTS_DIR, 'README.md'), renderIndex(outcomes, date));
  }
  const failed = outcomes.filter((outcome) => outcome.exitCode !== 0);
  process.stdout.write(
    `\nbench: ${outcomes.length - failed.length} of ${outcomes.length} parts done` +
      (failed.length > 0 ? `; failed: ${failed.map((o) => o.name).join(', ')}` : '') +
      `; tables in ${RESULTS_DIR}\n`,
  );
  if (failed.length > 0) process.exitCode = 1;
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  await main();
}
