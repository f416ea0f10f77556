/**
 * Torture part `concurrency`: pairs of aa-sync commands (the built command
 * line) started in the same instant on one state directory, lock holders
 * challenged while alive and then SIGKILLed, and lock rows naming a reused
 * pid. Checks: exactly one writer runs and the other exits 8 at once with a
 * message naming the holder, having sent nothing and recorded nothing;
 * read-only commands run beside a run; a live holder is never robbed; a dead
 * one never blocks. Exports: `concurrencyPart`.
 */
import { createRandom } from '../../src/emulator/random.js';
import type { TortureCheck, TortureFigure, TorturePart, TortureResult } from './part.js';
import { check } from './part.js';
import type { HolderResult, ReusedPidResult } from './concurrency-holders.js';
import { killHolder, reusedPid } from './concurrency-holders.js';
import type { PairKind, PairResult } from './concurrency-pairs.js';
import { PAIR_KINDS, racePair } from './concurrency-pairs.js';
import { openWorld } from './concurrency-world.js';

interface ConcurrencySize {
  pairs: PairKind[];
  holders: number;
  customers: number;
  seed: number;
}

/** Full: 100 pairs, 60 of them apply + apply, the other kinds 10 each, interleaved. */
function fullPairs(): PairKind[] {
  const others = PAIR_KINDS.filter((kind) => kind !== 'apply + apply');
  const pairs: PairKind[] = [];
  for (let round = 0; round < 10; round += 1) {
    pairs.push(...others, 'apply + apply', 'apply + apply', 'apply + apply');
    pairs.push('apply + apply', 'apply + apply', 'apply + apply');
  }
  return pairs;
}

const sizeOf = (quick: boolean): ConcurrencySize =>
  quick
    ? { pairs: ['apply + apply', ...PAIR_KINDS], holders: 3, customers: 12, seed: 5 }
    : { pairs: fullPairs(), holders: 50, customers: 12, seed: 5 };

export const concurrencyPart: TorturePart = {
  id: 'concurrency',
  async run(options) {
    const started = Date.now();
    const size = sizeOf(options.quick);
    const world = await openWorld(options.workDir, size.customers, size.seed);
    const random = createRandom(`torture-concurrency:${size.seed}`);
    try {
      const pairs: (PairResult & { attempts: number })[] = [];
      for (const [index, kind] of size.pairs.entries()) {
        pairs.push(await racePair(world, kind, index));
        if ((index + 1) % 10 === 0) options.log(`${index + 1} pairs`);
      }
      const holders: HolderResult[] = [];
      for (let index = 0; index < size.holders; index += 1) {
        holders.push(await killHolder(world, index, (maxMs) => random.int(maxMs)));
      }
      options.log(`${holders.length} killed holders`);
      const reused = await reusedPid(world);
      return result(size, { pairs, holders, reused }, Date.now() - started);
    } finally {
      await world.close();
    }
  },
};

interface Outcomes {
  pairs: (PairResult & { attempts: number })[];
  holders: HolderResult[];
  reused: ReusedPidResult;
}

function result(
  size: ConcurrencySize,
  outcomes: Outcomes,
  wallMs: number,
): TortureResult {
  const byKind = PAIR_KINDS.map(
    (kind) => `${size.pairs.filter((pair) => pair === kind).length} ${kind}`,
  ).join(', ');
  return {
    part: 'concurrency',
    title: 'Concurrency: two runs on one state directory, and holders that die',
    setup:
      `An export of ${size.customers} customers and an emulator in this process (20-40 ms ` +
      `per request). ${size.pairs.length} pairs of the built aa-sync started in the same ` +
      `instant on a fresh state directory each (${byKind}); the resume pairs race for ` +
      'the lock of an apply SIGKILLed in its writes, the retry-failed pair follows a run ' +
      'ended partial (a 422). Then ' +
      `${size.holders} applies holding the lock, each challenged by a second apply ` +
      'while alive, SIGKILLed 0-400 ms later and followed by resume or apply; and two ' +
      'lock rows naming this process with a start time it never had and with its own.',
    figures: figures(outcomes),
    checks: checks(outcomes),
    notes: [
      ...outcomes.pairs
        .filter((pair) => !pair.codesOk || !pair.messageOk)
        .map((pair) => `Pair amiss (${pair.kind}): ${pair.outputs.join('; ')}`),
      'report, runs and status take no lock (README, src/cli/report.ts, src/cli/runs.ts): ' +
        'they are expected to exit 0 beside a run, not 8. Each reader pair also starts a ' +
        'second reader once the run holds the lock, and checks that it exits 0 before ' +
        'the run ends.',
      'A holder killed before its run was recorded (lock row without a run) is covered ' +
        'by the crash part: its kills in the start and planning are followed by an apply.',
      'The loser time runs from its spawn to its exit, so it includes the start of node ' +
        '(about 0.4 s here): a figure, not a check.',
    ],
    wallMs,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

const writerPairs = (pairs: PairResult[]): PairResult[] =>
  pairs.filter((pair) => !isReader(pair));
const isReader = (pair: PairResult): boolean => pair.readerDuringRun !== null;

function figures({ pairs, holders }: Outcomes): TortureFigure[] {
  const times = writerPairs(pairs).flatMap((pair) =>
    pair.loserExitMs === null ? [] : [pair.loserExitMs],
  );
  return [
    { label: 'pairs started together', value: pairs.length },
    {
      label: 'pairs played again (the first ended before the second took the lock)',
      value: pairs.reduce((n, pair) => n + pair.attempts - 1, 0),
    },
    { label: 'losers (writing pairs)', value: times.length },
    { label: "loser's exit after its spawn, median", value: `${median(times)} ms` },
    { label: "loser's exit after its spawn, max", value: `${Math.max(0, ...times)} ms` },
    { label: 'killed holders', value: holders.length },
    {
      label: 'blocked runs after a holder died',
      value: holders.filter((h) => h.nextCode !== 0).length,
    },
  ];
}

function checks({ pairs, holders, reused }: Outcomes): TortureCheck[] {
  const writers = writerPairs(pairs);
  const readers = pairs.filter(isReader);
  const count = <T>(items: T[], test: (item: T) => boolean): number =>
    items.filter(test).length;
  return [
    check(
      'writing pairs without exactly one exit 0 and one exit 8',
      0,
      count(writers, (p) => !p.codesOk || p.serial),
    ),
    check(
      "losers' messages not naming directory, holder and what to do",
      0,
      count(writers, (p) => !p.messageOk),
    ),
    check(
      'requests sent by losers',
      0,
      writers.reduce((n, p) => n + p.loserRequests, 0),
    ),
    check(
      'run rows recorded by losers',
      0,
      pairs.reduce((n, p) => n + p.extraRuns, 0),
    ),
    check(
      'reader pairs where a command did not exit 0',
      0,
      count(readers, (p) => !p.codesOk),
    ),
    check(
      'readers started mid-run that did not exit 0 before it ended',
      0,
      count(readers, (p) => p.readerDuringRun !== true),
    ),
    check(
      'live holders robbed (challenger not exiting 8, or holder gone)',
      0,
      count(holders, (h) => h.challengerCode !== 8 || !h.holderAlive),
    ),
    check(
      'runs blocked or failing after their holder was killed',
      0,
      count(holders, (h) => h.nextCode !== 0 || !h.tookOver),
    ),
    check(
      'lock rows left after a case ended',
      0,
      count(pairs, (p) => p.lockLeft) + count(holders, (h) => h.lockLeft),
    ),
    check(
      'duplicate creates',
      0,
      pairs.reduce((n, p) => n + p.duplicates, 0) +
        holders.reduce((n, h) => n + h.duplicates, 0),
    ),
    check(
      'cases ending short of the desired state',
      0,
      count(pairs, (p) => !p.desired) + count(holders, (h) => !h.desired),
    ),
    check(
      'lock of a reused pid taken over (exit 0)',
      true,
      reused.reusedCode === 0 && reused.reusedTookOver,
    ),
    check(
      'lock of a live non-aa-sync pid kept (exit 8, holder named)',
      true,
      reused.liveCode === 8 && reused.liveNamed,
    ),
  ];
}
