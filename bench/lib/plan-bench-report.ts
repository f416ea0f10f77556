/**
 * Writes a plan benchmark result as JSON (for machines and the later `npm run
 * bench` summary) and as a small markdown table against the target.
 * Exports: `writePlanBenchResult`, `renderPlanBenchMarkdown`, `resultBaseName`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlanBenchResult } from '../plan-bench.js';

const THOUSAND = 1000;

/** `plan-100k` for 100,000 customers, `plan-250` for 250. */
export function resultBaseName(customers: number): string {
  const size =
    customers % THOUSAND === 0 ? `${customers / THOUSAND}k` : String(customers);
  return `plan-${size}`;
}

/** Writes `<dir>/plan-<size>.json` and `.md`; returns both paths. */
export async function writePlanBenchResult(
  result: PlanBenchResult,
  dir: string,
): Promise<{ json: string; markdown: string }> {
  await mkdir(dir, { recursive: true });
  const base = join(dir, resultBaseName(result.customers));
  const paths = { json: `${base}.json`, markdown: `${base}.md` };
  await writeFile(paths.json, `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(paths.markdown, renderPlanBenchMarkdown(result));
  return paths;
}

const count = (value: number) => value.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / THOUSAND).toFixed(2)} s`;

/** The figures as a markdown table, with the verdict against the target. */
export function renderPlanBenchMarkdown(result: PlanBenchResult): string {
  const { validate, plan, targets } = result;
  // `plan` reads and validates the export itself: its wall time is the whole job.
  const target = targets.validateAndPlan100kMs;
  const verdict = plan.wallMs <= target ? 'meets' : 'misses';
  const load = result.loadAverage.map((value) => value.toFixed(2)).join(', ');
  return [
    `# validate + plan of ${count(result.customers)} customers`,
    '',
    `${result.date}, Node ${result.nodeVersion}, ${result.cpuCount} CPUs, ` +
      `load average before the run ${load}.`,
    `Input: ${count(result.rows)} rows, ${result.mebibytes} MiB; ` +
      `${count(plan.liveOrganizations)} live organizations in the emulator.`,
    '',
    '| step | wall time | peak RSS | throughput |',
    '| --- | ---: | ---: | --- |',
    `| \`validate\` alone | ${seconds(validate.wallMs)} | ${validate.peakRssMiB} MiB | ` +
      `${count(validate.rowsPerSecond)} rows/s, ${validate.mebibytesPerSecond} MiB/s |`,
    `| **\`plan\`**: read, validate, read the live state, plan, write plan.json | ` +
      `**${seconds(plan.wallMs)}** | ${plan.peakRssMiB} MiB | ` +
      `${count(plan.operations)} operations; target for 100,000 ≤ ${seconds(target)}: **${verdict}** |`,
    '',
    `Correctness: ${result.correctness.checked} figures checked against the generator, ` +
      `${result.correctness.mismatches.length} mismatches.`,
    '',
  ].join('\n');
}
