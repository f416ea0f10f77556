/**
 * Writes the calls bench's figures: `calls.json` and `calls.md`, a table of
 * the three applies (migration, nightly, migration under faults), the writes
 * per endpoint of the migrations, and a Targets list saying met or missed.
 * Exports: `CallsScenario`, `CallsResult`, `callsVerdicts`, `writeCallsResult`.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FaultSettings } from '../../src/emulator/index.js';
import type { AppliedRun } from './calls-run.js';
import type { CreateCheck } from './calls-verify.js';

/** One apply of the bench. */
export interface CallsScenario extends AppliedRun {
  name: 'migration' | 'nightly' | 'migration with faults';
  customers: number;
  faults: FaultSettings | null;
  /** Operations succeeded or adopted. */
  done: number;
  /** After a migration: what it left in the emulator. */
  creates: CreateCheck | null;
  /** Endpoints whose committed writes differ from the plan's operations. */
  writeDifferences: string[];
}

export interface CallsResult {
  date: string;
  nodeVersion: string;
  cpuCount: number;
  note: string | null;
  scenarios: CallsScenario[];
}

const ratio = (a: number, b: number): string => (b === 0 ? '–' : (a / b).toFixed(4));
const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');

const count = (n: number): string => n.toLocaleString('en-US');

function row(s: CallsScenario): string {
  const { calls, operations } = s;
  return [
    s.name,
    count(s.customers),
    count(operations.total),
    String(s.exitCode),
    `${count(s.done)}/${count(operations.total)}`,
    count(operations.byStatus.adopted ?? 0),
    count(calls.reads),
    count(calls.writesSent),
    count(calls.writesCommitted),
    ratio(calls.writesCommitted, operations.total),
    count(calls.writesSent - calls.writesCommitted),
    s.creates === null ? '–' : count(s.creates.duplicates),
    s.creates === null ? '–' : count(s.creates.missing),
    s.wallSeconds.toFixed(1),
  ].join(' | ');
}

function endpointRows(s: CallsScenario): string[] {
  return Object.entries(s.calls.byEndpoint)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([endpoint, n]) =>
        `| ${s.name} | ${endpoint} | ${count(n.sent)} | ${count(n.committed)} |`,
    );
}

/** Met or missed, per target and scenario. */
export function callsVerdicts(result: CallsResult): string[] {
  const lines: string[] = [];
  for (const s of result.scenarios) {
    const { calls, operations } = s;
    if (s.name === 'nightly') {
      lines.push(
        `nightly: ${calls.reads} read(s) (target 1): ${verdict(calls.reads === 1)}`,
        `nightly: ${calls.writesSent} write(s) (target 0): ${verdict(calls.writesSent === 0)}`,
      );
      continue;
    }
    const exact =
      calls.writesCommitted === operations.total && s.writeDifferences.length === 0;
    lines.push(
      `${s.name}: ${count(calls.writesCommitted)} writes took effect for ${count(operations.total)} ` +
        `changes (target exactly 1 per change): ${verdict(exact)}`,
    );
    if (s.faults === null) {
      lines.push(
        `${s.name}: ${count(calls.writesSent)} writes sent for ${count(operations.total)} changes ` +
          `(no faults, so no retries; target 1 per change): ` +
          verdict(calls.writesSent === operations.total),
      );
    } else {
      lines.push(
        `${s.name}: ${count(calls.writesSent - calls.writesCommitted)} extra writes sent ` +
          '(retries of writes that did no work; no target, reported)',
      );
    }
    const duplicates = s.creates?.duplicates ?? 0;
    lines.push(
      `${s.name}: ${duplicates} duplicates (target 0): ${verdict(duplicates === 0)}`,
    );
  }
  return lines;
}

function describeFaults(result: CallsResult): string {
  const faulted = result.scenarios.find((s) => s.faults !== null);
  if (faulted === undefined) return '';
  return ` The faulted migration ran against an emulator with faults ${JSON.stringify(
    faulted.faults,
  )} (errorRate: a 5xx without the work; dropAfterCommitRate: the write committed, its answer lost).`;
}

function markdown(result: CallsResult): string {
  const heading =
    'run | customers | changes | exit | done | adopted | reads | writes sent | ' +
    'writes took effect | took effect per change | extra writes | duplicates | missing | ' +
    'wall s';
  return [
    '# API calls per job',
    '',
    `${result.date}, Node ${result.nodeVersion}, ${result.cpuCount} CPUs. ` +
      '`aa-sync apply --yes --rate 1000` of a generated export into an empty emulator ' +
      '(no rate limit), then the same apply again with the same state directory (the ' +
      'nightly), then a migration into a fresh emulator with faults. Calls are counted ' +
      'from the emulator’s request log. *Changes* are the operations of the run’s plan ' +
      '(its checkpoint); *adopted*, creates whose answer was lost and that a lookup ' +
      'found; a write *took effect* when answered 2xx or committed with its ' +
      'answer dropped; *extra writes* are those sent that did no work (5xx, reset).' +
      describeFaults(result) +
      (result.note === null ? '' : ` ${result.note}`),
    '',
    `| ${heading} |`,
    `| --- |${' ---: |'.repeat(heading.split('|').length - 1)}`,
    ...result.scenarios.map((s) => `| ${row(s)} |`),
    '',
    '| run | endpoint | sent | took effect |',
    '| --- | --- | ---: | ---: |',
    ...result.scenarios.flatMap(endpointRows),
    '',
    'Targets: the nightly, one read and no write; a migration, exactly one write that ' +
      'takes effect per change, and no duplicates.',
    '',
    ...callsVerdicts(result).map((line) => `- ${line}`),
    '',
  ].join('\n');
}

/** Writes calls.json and calls.md into `dir`. */
export async function writeCallsResult(dir: string, result: CallsResult): Promise<void> {
  await writeFile(join(dir, 'calls.json'), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(join(dir, 'calls.md'), markdown(result));
}
