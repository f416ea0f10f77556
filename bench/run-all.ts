/**
 * `npm run bench`: the five parts of the benchmark, one after another, each
 * as its own process so that one's memory and timers do not touch the next.
 * A part that fails does not stop the others; the run ends with an index of
 * the latest tables, bench/results/README.md, and exits 1 when any part
 * failed. Exports: `BENCH_PARTS`, `parseRunAllArgs`, `renderIndex`,
 * `countVerdicts`, `PartOutcome`, `IndexContext`.
 *
 *   npm run bench [-- --only plan,calls] [-- --results-dir DIR]
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readFlags, splitResultsDir } from './lib/bench-cli.js';

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
const MS_PER_SECOND = 1000;
const SIGNAL_EXIT_BASE = 128;
const SIGNALS: Partial<Record<NodeJS.Signals, number>> = {
  SIGINT: 2,
  SIGKILL: 9,
  SIGTERM: 15,
};
const VERDICT = /(?:\*\*|: )(met|missed)(?:\*\*)?\s*\|?\s*$/;

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
  /** Targets its tables say are met and missed. */
  verdicts: { met: number; missed: number };
}

/** `--only a,b` picks parts by name; a name that is no part is a RangeError. */
const USAGE =
  'usage: npm run bench [-- --only plan,executor,checkpoint,calls,alternatives] ' +
  '[--results-dir DIR]';

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

function runPart(script: string, resultsDir: string): Promise<number | null> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, '--results-dir', resultsDir],
    { cwd: PROJECT_ROOT, stdio: 'inherit' },
  );
  // Stopped itself (a CI timeout, `kill PID`), it stops the part, which cleans up.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward).on('SIGTERM', forward);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolve(
        code ?? (signal === null ? null : SIGNAL_EXIT_BASE + (SIGNALS[signal] ?? 0)),
      );
    });
  });
}

/** A table's verdicts: lines that end in met or missed (bold or after a colon). */
export function countVerdicts(markdown: string): { met: number; missed: number } {
  let met = 0;
  let missed = 0;
  for (const line of markdown.split('\n')) {
    const verdict = VERDICT.exec(line)?.[1];
    if (verdict === 'met') met += 1;
    if (verdict === 'missed') missed += 1;
  }
  return { met, missed };
}

/** What the index says of the run: when, and what else the machine was doing. */
export interface IndexContext {
  date: string;
  /** 1, 5 and 15 minute load averages when the run began. */
  loadAverage: readonly number[];
}

/** The index of bench/results: each part of this run, its tables and how it ended. */
export function renderIndex(
  outcomes: readonly PartOutcome[],
  context: IndexContext,
): string {
  const rows = outcomes.map((outcome) => {
    const part = BENCH_PARTS.find((candidate) => candidate.name === outcome.name);
    const links = (part?.tables ?? []).map((table) => `[${table}](${table})`).join(', ');
    const ended =
      outcome.exitCode === 0 ? 'done' : `**failed** (exit ${outcome.exitCode})`;
    const minutes = (outcome.wallMs / MS_PER_SECOND / 60).toFixed(1);
    const { met, missed } = outcome.verdicts;
    const targets =
      met + missed === 0
        ? '–'
        : `${met} met, ${missed > 0 ? `**${missed} missed**` : '0 missed'}`;
    return `| ${part?.title ?? outcome.name} | ${links} | ${targets} | ${minutes} min | ${ended} |`;
  });
  return [
    '# Benchmark results',
    '',
    `The latest \`npm run bench\`: ${context.date}, Node ${process.version}, ` +
      `${availableParallelism()} CPUs, the parts one after another; load average when it ` +
      `began ${context.loadAverage.join(', ')}. Each table names its targets and says which ` +
      'are met; *done* means the part ran to its end and its correctness checks passed.',
    '',
    '| part | table | targets | wall time | ended |',
    '| --- | --- | --- | ---: | --- |',
    ...rows,
    '',
    'Not run by `npm run bench`: [gate.md](gate.md) (`npm run bench:gate`, the request ' +
      'gate alone), with the date it ran. Crashes, faults, load and hostile input are ' +
      '`npm run torture`: [docs/reliability.md](../../docs/reliability.md).',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const flags = readFlags(() => {
    const { resultsDir, rest } = splitResultsDir(process.argv.slice(2));
    return { resultsDir, parts: parseRunAllArgs(rest) };
  }, USAGE);
  if (flags === undefined) return;
  const { resultsDir, parts } = flags;
  await mkdir(resultsDir, { recursive: true });
  const context = { date: new Date().toISOString(), loadAverage: loadAverageNow() };
  const outcomes: PartOutcome[] = [];
  for (const name of parts) {
    const part = BENCH_PARTS.find((candidate) => candidate.name === name);
    if (part === undefined) continue;
    process.stdout.write(`\n== bench ${name}: ${part.title}\n`);
    const started = performance.now();
    const exitCode = await runPart(part.script, resultsDir);
    const wallMs = Math.round(performance.now() - started);
    if (exitCode !== null && exitCode >= SIGNAL_EXIT_BASE) {
      process.stderr.write(`bench stopped during ${name}\n`);
      process.exitCode = exitCode;
      return;
    }
    outcomes.push({
      name,
      exitCode,
      wallMs,
      verdicts: await verdictsOf(part.tables, resultsDir),
    });
  }
  // A partial run (--only) leaves the index of the last full one.
  if (parts.length === BENCH_PARTS.length) {
    await writeFile(join(resultsDir, 'README.md'), renderIndex(outcomes, context));
  }
  const failed = outcomes.filter((outcome) => outcome.exitCode !== 0);
  process.stdout.write(
    `\nbench: ${outcomes.length - failed.length} of ${outcomes.length} parts done` +
      (failed.length > 0 ? `; failed: ${failed.map((o) => o.name).join(', ')}` : '') +
      `; tables in ${resultsDir}\n`,
  );
  if (failed.length > 0) process.exitCode = 1;
}

function loadAverageNow(): number[] {
  return loadavg().map((value) => Math.round(value * 100) / 100);
}

async function verdictsOf(
  tables: readonly string[],
  resultsDir: string,
): Promise<{ met: number; missed: number }> {
  const total = { met: 0, missed: 0 };
  for (const table of tables) {
    const text = await readFile(join(resultsDir, table), 'utf8').catch(() => '');
    const { met, missed } = countVerdicts(text);
    total.met += met;
    total.missed += missed;
  }
  return total;
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  await main();
}
