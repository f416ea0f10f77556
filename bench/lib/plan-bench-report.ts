/**
 * Writes the input-and-planning benchmark as JSON and as markdown tables, with
 * a verdict for each of the targets. Exports: `writePlanBenchResult`,
 * `renderPlanBenchMarkdown`, `planVerdicts`, `Verdict`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlanBenchResult } from '../plan-bench.js';
import type { LiveRead, SizeResult, StepResult } from './plan-bench-size.js';

const MS_PER_SECOND = 1000;
const BYTES_PER_MIB = 1024 * 1024;

/** Writes `<dir>/plan.json` and `<dir>/plan.md`; returns both paths. */
export async function writePlanBenchResult(
  result: PlanBenchResult,
  dir: string,
): Promise<{ json: string; markdown: string }> {
  await mkdir(dir, { recursive: true });
  const paths = { json: join(dir, 'plan.json'), markdown: join(dir, 'plan.md') };
  await writeFile(paths.json, `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(paths.markdown, renderPlanBenchMarkdown(result));
  return paths;
}

const count = (value: number) => value.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / MS_PER_SECOND).toFixed(2)} s`;
const mib = (value: number) => `${value.toFixed(1)} MiB`;

/** A target, the figure that decides it, and whether it is met. */
export interface Verdict {
  target: string;
  figure: string;
  verdict: 'met' | 'missed' | 'not measured';
}

/** The verdict on each target, from the sizes that were run. */
export function planVerdicts(result: PlanBenchResult): Verdict[] {
  const { targets, sizes } = result;
  // A small file is read before the JIT has warmed up: its rate is shown, not judged.
  const judged = sizes.filter((size) => size.customers >= targets.peakRssFromCustomers);
  const slowest = Math.min(...judged.map((size) => size.parse.reader.mebibytesPerSecond));
  const at100k = sizes.find((size) => size.customers === 100_000);
  const large = sizes.filter((size) => size.customers >= targets.peakRssFromCustomers);
  const peaks = large.map((size) =>
    Math.max(size.validate.peakRssMiB, size.plan.peakRssMiB),
  );
  const unfinished = large.filter((size) => size.plan.exitCode !== 0);
  return [
    judged.length === 0
      ? {
          target: parseTarget(result),
          figure: 'no size of 100,000 or more run',
          verdict: 'not measured',
        }
      : {
          target: parseTarget(result),
          figure: `slowest ${slowest} MiB/s`,
          verdict: slowest >= targets.parseMebibytesPerSecond ? 'met' : 'missed',
        },
    at100k === undefined
      ? {
          target: plan100kTarget(result),
          figure: '100,000 not run',
          verdict: 'not measured',
        }
      : {
          target: plan100kTarget(result),
          figure: `${seconds(at100k.plan.wallMs)}${at100k.plan.exitCode === 0 ? '' : ' (failed)'}`,
          verdict:
            at100k.plan.exitCode === 0 && at100k.plan.wallMs <= targets.plan100kMs
              ? 'met'
              : 'missed',
        },
    large.length === 0
      ? {
          target: peakTarget(result),
          figure: 'no size of 100,000 or more run',
          verdict: 'not measured',
        }
      : {
          target: peakTarget(result),
          figure:
            large
              .map((size, index) => `${count(size.customers)}: ${mib(peaks[index] ?? 0)}`)
              .join('; ') +
            (unfinished.length > 0
              ? `; plan of ${unfinished.map((s) => count(s.customers)).join(', ')} did not finish`
              : ''),
          verdict:
            unfinished.length === 0 && peaks.every((peak) => peak <= targets.peakRssMiB)
              ? 'met'
              : 'missed',
        },
  ];
}

function parseTarget(result: PlanBenchResult): string {
  const { targets } = result;
  return (
    `aa-sync's reader at ${targets.parseMebibytesPerSecond} MiB/s or more, from ` +
    `${count(targets.peakRssFromCustomers)} customers up (smaller files are read before the JIT warms up)`
  );
}

function plan100kTarget(result: PlanBenchResult): string {
  return `100,000 customers validated and planned in ${seconds(result.targets.plan100kMs)} or less`;
}

function peakTarget(result: PlanBenchResult): string {
  const { targets } = result;
  return `peak memory ${targets.peakRssMiB} MiB or less, flat, from ${count(targets.peakRssFromCustomers)} customers up`;
}

function readingRow(size: SizeResult): string {
  const { reader, papaparse } = size.parse;
  const ratio = (reader.mebibytesPerSecond / papaparse.mebibytesPerSecond).toFixed(2);
  return (
    `| ${count(size.customers)} | ${count(size.rows)} | ${size.mebibytes} | ` +
    `**${reader.mebibytesPerSecond}** | ${count(reader.rowsPerSecond)} | ${mib(reader.peakRssMiB)} | ` +
    `${papaparse.mebibytesPerSecond} | ${ratio} |`
  );
}

function outcome(step: StepResult): string {
  return step.exitCode === 0 ? 'done' : `**failed** (exit ${step.exitCode ?? 'signal'})`;
}

function liveReadCell(read: LiveRead): string {
  const size = mib(read.bytes / BYTES_PER_MIB);
  return read.failure === null
    ? `${seconds(read.ms)} (${size})`
    : `**failed** after ${seconds(read.ms)}`;
}

function planRow(size: SizeResult): string {
  const { validate, plan } = size;
  const correctness =
    size.correctness.checked === 0
      ? '–'
      : `${size.correctness.checked - size.correctness.mismatches.length}/${size.correctness.checked}`;
  return (
    `| ${count(size.customers)} | ${count(size.liveOrganizations)} | ${seconds(validate.wallMs)} | ` +
    // A rate of a validate that did not finish would read as a result.
    (validate.exitCode === 0
      ? `${count(validate.rowsPerSecond)} | ${validate.mebibytesPerSecond} | `
      : '– | – | ') +
    `${mib(validate.peakRssMiB)} | ${outcome(validate)} | ` +
    `**${seconds(plan.wallMs)}** | ${liveReadCell(plan.liveRead)} | ` +
    `**${mib(plan.peakRssMiB)}** | ${outcome(plan)} | ` +
    `${plan.operations === null ? '–' : count(plan.operations)} | ${correctness} |`
  );
}

/** The figures as markdown: reading, validate and plan, then the verdicts. */
export function renderPlanBenchMarkdown(result: PlanBenchResult): string {
  const listFailures = result.sizes
    .filter((size) => size.plan.liveRead.failure !== null)
    .map(
      (size) =>
        `- \`GET /organizations\` alone, ${count(size.liveOrganizations)} organizations: ` +
        `${size.plan.liveRead.failure}`,
    );
  const failures = result.sizes.flatMap((size) =>
    (['validate', 'plan'] as const)
      .filter((step) => size[step].failure !== null)
      .map(
        (step) =>
          `- \`${step}\` of ${count(size.customers)} customers: ${size[step].failure}`,
      ),
  );
  const verdicts = planVerdicts(result);
  return [
    '# Reading and planning generated exports',
    '',
    `${result.date}, Node ${result.nodeVersion}, ${result.cpuCount} CPUs, generator seed ` +
      `${result.seed}. Each export comes from bench/generate-export.ts; an emulator run as ` +
      'its own process holds half of its customers. Every step is a child process: wall ' +
      'time from outside, peak RSS from GNU time. Load averages before each size: ' +
      result.sizes
        .map((size) => `${count(size.customers)}: ${size.loadAverage.join(', ')}`)
        .join('; ') +
      '.',
    '',
    '## Reading',
    '',
    "aa-sync's reader (decode, CSV, columns to fields, file and line per row) and papaparse " +
      'alone over the same file, each timed inside its child from the first read to the last ' +
      'row. The last column is the ratio of the two, which holds on a noisy machine.',
    '',
    '| customers | rows | MiB | reader MiB/s | reader rows/s | reader peak RSS | papaparse MiB/s | reader / papaparse |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...result.sizes.map(readingRow),
    '',
    '## Validate and plan',
    '',
    '`validate` reads and checks the export; `plan` reads and checks it, reads the live state ' +
      '(one request), plans, writes plan.json, the checkpoint and the plan report. *Of which the ' +
      'live list*: one `GET /organizations` alone, timed to its last byte just before the plan: ' +
      'the time the plan waits on the emulator, not on aa-sync. Correctness: figures of the plan ' +
      "equal to the generator's.",
    '',
    '| customers | live organizations | validate | rows/s | MiB/s | validate peak RSS | validate | plan | of which the live list | plan peak RSS | plan | operations | correct |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- | ---: | ---: |',
    ...result.sizes.map(planRow),
    '',
    ...(failures.length + listFailures.length === 0
      ? []
      : ['Failures:', '', ...failures, ...listFailures, '']),
    '## Targets',
    '',
    '| target | figure | verdict |',
    '| --- | --- | --- |',
    ...verdicts.map((v) => `| ${v.target} | ${v.figure} | **${v.verdict}** |`),
    '',
  ].join('\n');
}
