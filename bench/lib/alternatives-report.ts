/**
 * Writes the side-by-side benchmark's figures: `alternatives.json` (every
 * figure of every run) and `alternatives.md` (one table, rows = tool x run,
 * and a short note of what the columns mean).
 * Exports: `AlternativesResult`, `writeAlternativesResult`, `aaSyncProblems`.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FaultSettings } from '../../src/emulator/index.js';
import type { ScenarioResult } from './alternatives-run.js';

export interface AlternativesResult {
  date: string;
  nodeVersion: string;
  cpuCount: number;
  newmanVersion: string;
  customers: number;
  limitPerSecond: number;
  burst: number;
  faults: FaultSettings;
  rows: ScenarioResult[];
  /** What is wrong with aa-sync's runs (duplicates, unfinished customers); empty when right. */
  aaSyncProblems: string[];
}

const PERCENT = 100;
const SCENARIO_LABEL = { clean: 'clean', killed: 'killed + restarted' } as const;

/** What the correctness check finds wrong in aa-sync's rows. */
export function aaSyncProblems(rows: readonly ScenarioResult[]): string[] {
  return rows
    .filter((row) => row.tool === 'aa-sync')
    .flatMap((row) => {
      const where = `aa-sync, ${SCENARIO_LABEL[row.scenario]}`;
      const problems: string[] = [];
      if (row.failedCustomers > 0) {
        problems.push(`${where}: ${row.failedCustomers} customers not onboarded`);
      }
      if (row.duplicateOrganizations > 0 || row.duplicateLocations > 0) {
        problems.push(
          `${where}: ${row.duplicateOrganizations} duplicate organizations, ` +
            `${row.duplicateLocations} duplicate locations`,
        );
      }
      if (row.ends.at(-1) !== 0) {
        problems.push(`${where}: the last process ended with ${String(row.ends.at(-1))}`);
      }
      return problems;
    });
}

function cells(row: ScenarioResult): string[] {
  return [
    row.tool,
    SCENARIO_LABEL[row.scenario],
    row.wallSeconds.toFixed(1),
    String(row.calls),
    String(row.rateLimited),
    String(row.serverErrors),
    String(row.answersLost),
    String(row.onboarded),
    String(row.failedCustomers),
    row.tool === 'aa-sync' ? 'n/a' : String(row.embedTokens),
    String(row.duplicateOrganizations),
    String(row.duplicateLocations),
    row.killedAfterOrganizationPosts === null
      ? '–'
      : String(row.killedAfterOrganizationPosts),
    row.ends.join(', '),
  ];
}

const HEADINGS = [
  'tool',
  'run',
  'wall s',
  'calls',
  '429s',
  '5xx met',
  'answers lost',
  'onboarded',
  'failed customers',
  'embed tokens',
  'duplicate orgs',
  'duplicate locations',
  'killed after org POSTs',
  'exit',
];

function table(rows: readonly ScenarioResult[]): string[] {
  const align = HEADINGS.map((_, i) => (i < 2 ? ' --- |' : ' ---: |')).join('');
  return [
    `| ${HEADINGS.join(' | ')} |`,
    `|${align}`,
    ...rows.map((row) => `| ${cells(row).join(' | ')} |`),
  ];
}

function setting(result: AlternativesResult): string {
  const { errorRate = 0, dropAfterCommitRate = 0, seed = 1 } = result.faults;
  return (
    `${result.date}, Node ${result.nodeVersion}, ${result.cpuCount} CPUs, newman ` +
    `${result.newmanVersion}. The same CSV of ${result.customers} customers (one ` +
    'location each) for every tool; each run against a fresh emulator in its own ' +
    `process: ${result.limitPerSecond} requests/s per key (burst ${result.burst}), ` +
    `${errorRate * PERCENT}% of requests answered 500/502/503 without the work, ` +
    `${dropAfterCommitRate * PERCENT}% of writes committed and their answer then ` +
    `dropped (fault seed ${String(seed)}). aa-sync runs with \`--rate ` +
    `${result.limitPerSecond}\`; the quick-start loop and newman have no pacing.`
  );
}

const NOTES = [
  '**Killed + restarted**: SIGKILL once the emulator had received half as many ' +
    '`POST /organizations` as there are customers (the column says how many), ' +
    'then the same command again for the quick-start loop and newman (they start ' +
    'from the first row) and `aa-sync resume --yes` for aa-sync. Wall time adds ' +
    'up both processes.',
  'Every figure comes from the emulator (request log, counters, state), none ' +
    'from what a tool prints. **Calls**: API requests received, 429s included. ' +
    '**Failed customers**: customers whose owner has no organization holding ' +
    'their location at the end. **Embed tokens**: customers whose owner got one ' +
    '(200); aa-sync fetches none (it syncs organizations, users and locations; a ' +
    'token is fetched when a user opens the dashboard). ' +
    '**Duplicates**: organizations and locations beyond one per customer; each ' +
    'extra location is a phone number provisioned, and paid for.',
  'The quick-start loop and newman retry nothing: a call answered 429 or 5xx, ' +
    'or whose answer was lost, is logged and the run goes on (the loop with the ' +
    'next customer, newman with the next request), leaving the customer as far ' +
    'as it got. Started again from the top, ' +
    'they send the customers made before the kill again; the emulator refuses a ' +
    'second organization for an owner external id already taken (422; reference ' +
    'U3 leaves this open), so those customers are neither duplicated nor finished.',
];

function markdown(result: AlternativesResult): string {
  const verdict =
    result.aaSyncProblems.length === 0
      ? 'aa-sync check passed: no duplicate and no unfinished customer in its runs.'
      : `aa-sync check FAILED: ${result.aaSyncProblems.join('; ')}.`;
  return [
    '# aa-sync beside the quick-start loop and newman',
    '',
    setting(result),
    '',
    ...table(result.rows),
    '',
    ...NOTES.flatMap((note) => [note, '']),
    verdict,
    '',
  ].join('\n');
}

/** Writes alternatives.json and alternatives.md into `dir`. */
export async function writeAlternativesResult(
  dir: string,
  result: AlternativesResult,
): Promise<void> {
  await writeFile(join(dir, 'alternatives.json'), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(join(dir, 'alternatives.md'), markdown(result));
}
