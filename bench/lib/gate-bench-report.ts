/**
 * Writes the gate benchmark's result as JSON and as a markdown table.
 * Exports: `writeGateBenchResult`, `renderGateBenchMarkdown`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GateBenchResult, GateScenarioResult } from '../gate-bench.js';

const PERCENT = 100;

/** Writes `<dir>/gate.json` and `<dir>/gate.md`; returns both paths. */
export async function writeGateBenchResult(
  result: GateBenchResult,
  dir: string,
): Promise<{ json: string; markdown: string }> {
  await mkdir(dir, { recursive: true });
  const paths = { json: join(dir, 'gate.json'), markdown: join(dir, 'gate.md') };
  await writeFile(paths.json, `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(paths.markdown, renderGateBenchMarkdown(result));
  return paths;
}

const percent = (share: number | null) =>
  share === null ? '–' : `${Math.round(share * PERCENT)}%`;

/** The figures as a markdown table with a verdict per scenario. */
export function renderGateBenchMarkdown(result: GateBenchResult): string {
  const { targets } = result;
  return [
    '# Request gate against the emulator’s rate limit',
    '',
    `${result.date}, Node ${result.nodeVersion}, ${result.cpuCount} CPUs. ` +
      `${result.concurrency} workers send GETs through one gate (burst 1); ` +
      `the emulator runs as its own process with burst ${result.emulatorBurst}; ` +
      'a GET refused with 429 is sent again.',
    '',
    '| limit | gate rate | seconds | achieved | of limit | 429s (gate / emulator) | ' +
      'requests (gate / emulator) | held for 429s | 85% after | of limit after | verdict |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...result.scenarios.map((s) => row(s, targets)),
    '',
    `Targets: told the limit, at least ${percent(targets.knownShare)} of it with no 429; ` +
      `\`auto\`, ${percent(targets.autoShare)} of a limit it is not told, quickly, with few 429s.`,
    '',
  ].join('\n');
}

function row(s: GateScenarioResult, targets: GateBenchResult['targets']): string {
  const reached = s.secondsTo85Percent === null ? 'never' : `${s.secondsTo85Percent} s`;
  return (
    `| ${s.limitPerSecond}/s | ${s.gateRate} | ${s.durationMs / 1000} | ` +
    `${s.achievedPerSecond}/s | ${percent(s.shareOfLimit)} | ` +
    `${s.rateLimited} / ${s.emulatorRateLimited} | ${s.requests} / ${s.emulatorRequests} | ` +
    `${(s.rateLimitWaitMs / 1000).toFixed(1)} s | ${s.gateRate === 'auto' ? reached : '–'} | ` +
    `${percent(s.shareAfterReaching)} | ${verdict(s, targets)} |`
  );
}

function verdict(s: GateScenarioResult, targets: GateBenchResult['targets']): string {
  if (s.gateRate === 'auto')
    return s.secondsTo85Percent === null ? 'misses' : 'reaches 85%';
  const meets = s.shareOfLimit >= targets.knownShare && s.rateLimited === 0;
  return meets ? 'meets' : 'misses';
}
