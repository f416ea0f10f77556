/**
 * Torture part `hostile`: every bad input of the corpus (test/fixtures/hostile/
 * cases.json) through the built command line against an emulator that accepts
 * the canary key. Each must end with its expected exit code and exactly its
 * expected message, crash nothing, print no raw control character, send no
 * request, leave only what a refused run leaves and never show the key.
 * Quick: `apply` only; full: `apply`, `validate` and `plan`.
 * Exports: `hostilePart`, `runHostile`, `CaseOutcome`, `HOSTILE_CANARY_KEY`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../../src/emulator/index.js';
import type { TortureOptions, TorturePart, TortureResult } from './part.js';
import type { CasePaths, HostileCase } from './hostile-cases.js';
import { casesFor, HOSTILE_INPUTS } from './hostile-cases.js';
import { generateInputs } from './hostile-generate.js';
import type { Leftovers } from './hostile-inspect.js';
import { inspectLeftovers } from './hostile-inspect.js';
import type { CommandRun, HostileCommand, RunTarget } from './hostile-run.js';
import { HOSTILE_COMMANDS, runCommand } from './hostile-run.js';
import { hostileResult } from './hostile-result.js';

/** The only key the emulator accepts; it must appear in no output and no file. */
export const HOSTILE_CANARY_KEY = 'sk_test_hostile_canary_5e1d0c9b7a3f';
/** Children at once: the machine has 2 cores, and each child is mostly start-up. */
const CONCURRENCY = 3;

/** One command on one case: what it printed and what it left. */
export interface CommandOutcome {
  run: CommandRun;
  leftovers: Leftovers;
}

/** Every command run on one case. */
export interface CaseOutcome {
  entry: HostileCase;
  commands: CommandOutcome[];
}

/** Runs `jobs` with at most `limit` at once, keeping their order in the result. */
async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next;
      next += 1;
      results[index] = await (jobs[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

async function runCases(
  cases: readonly HostileCase[],
  commands: readonly HostileCommand[],
  target: RunTarget,
  log: (line: string) => void,
): Promise<CaseOutcome[]> {
  let done = 0;
  const jobs = cases.flatMap((entry) =>
    commands.map((command) => async (): Promise<CommandOutcome> => {
      const run = await runCommand(command, entry, target);
      done += 1;
      log(`${done}/${cases.length * commands.length} ${command} ${entry.id}`);
      return { run, leftovers: inspectLeftovers(run, target.apiKey) };
    }),
  );
  const outcomes = await pool(jobs, CONCURRENCY);
  return cases.map((entry, index) => ({
    entry,
    commands: outcomes.slice(index * commands.length, (index + 1) * commands.length),
  }));
}

/** The campaign with every case's outcome, for the test that names each case. */
export async function runHostile(
  options: TortureOptions,
): Promise<{ result: TortureResult; outcomes: CaseOutcome[] }> {
  const started = Date.now();
  const paths: CasePaths = {
    inputs: HOSTILE_INPUTS,
    work: join(options.workDir, 'hostile'),
  };
  mkdirSync(paths.work, { recursive: true });
  const cases = casesFor(options.quick);
  generateInputs(cases, paths.work);
  const emulator = await startEmulator({
    partners: [{ id: 'hostile', keys: [HOSTILE_CANARY_KEY] }],
    rateLimit: null,
  });
  try {
    const commands = options.quick ? (['apply'] as const) : HOSTILE_COMMANDS;
    const target = { paths, baseUrl: emulator.baseUrl, apiKey: HOSTILE_CANARY_KEY };
    const outcomes = await runCases(cases, commands, target, options.log);
    const counters = await fetch(`${emulator.url}/_emulator/counters`, {
      headers: { 'X-Emulator-Token': emulator.controlToken },
    });
    const { totalRequests } = (await counters.json()) as { totalRequests: number };
    const result = hostileResult({
      outcomes,
      commands,
      requests: totalRequests,
      concurrency: CONCURRENCY,
      apiKey: HOSTILE_CANARY_KEY,
      started,
    });
    return { result, outcomes };
  } finally {
    await emulator.close();
  }
}

export const hostilePart: TorturePart = {
  id: 'hostile',
  run: async (options) => (await runHostile(options)).result,
};
