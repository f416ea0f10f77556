/**
 * The soak's figures and checks, as the campaign's runner shows them.
 * Exports: `SoakOutcome`, `soakResult`.
 */
import type { TortureCheck, TortureFigure, TortureResult } from './part.js';
import { check } from './part.js';
import type { DriveResult, Invocation } from './soak-driver.js';
import type { FaultsPlayed } from './soak-faults.js';
import type { SoakSettings } from './soak-settings.js';
import type { TallyTotals } from './soak-tally.js';
import type { SoakVerdict } from './soak-verify.js';

/** Everything the soak measured. */
export interface SoakOutcome {
  settings: SoakSettings;
  drive: DriveResult;
  faults: FaultsPlayed;
  verdict: SoakVerdict;
  totals: TallyTotals;
  wallMs: number;
}

/** Each customer asks for an organization (with its owner), a user and two locations. */
const OPERATIONS_PER_CUSTOMER = 4;

/** The part's result from what the soak measured. */
export function soakResult(outcome: SoakOutcome): TortureResult {
  const { settings } = outcome;
  return {
    part: 'soak',
    title: 'Fault soak: one long run against an emulator that misbehaves in every way',
    setup:
      `${settings.customers.toLocaleString('en-US')} customers (owner, one more user, ` +
      `two locations each) applied by the built aa-sync at --rate ${settings.rate}, ` +
      `--concurrency ${settings.concurrency}, --max-outage-ms ${settings.maxOutageMs}, ` +
      `against \`aa-sync emulator\` as a child process with --error-rate ` +
      `${settings.errorRate}, --drop-rate ${settings.dropRate} and a limit of ` +
      `${settings.emulatorRate} requests/s, on one loopback port and one state file; ` +
      `meanwhile ${describeTimetable(settings)}. After each early exit the soak runs ` +
      '`resume` (or `retry-failed` for a partial run) until a command exits 0.',
    figures: figuresOf(outcome),
    checks: checksOf(outcome),
    notes: [
      'The emulator counts from zero in each process, so its counters are read every ' +
        `${settings.counterPollMs} ms and just before each stop, then added up; ` +
        'requests answered between the last reading and a SIGKILL are missing from ' +
        'its figures. Duplicates are judged on the final state, which the state file keeps.',
      "Requests sent by aa-sync are those of execution, from each invocation's " +
        '"progress at the end" log line; planning reads and refused connections are ' +
        'not in it.',
      'Figures are development figures from a shared 2-CPU machine.',
    ],
    wallMs: outcome.wallMs,
  };
}

function figuresOf({ drive, faults, verdict, totals, settings, wallMs }: SoakOutcome) {
  const sent = (field: 'requests' | 'rateLimited') =>
    drive.invocations.reduce((n, invocation) => n + invocation[field], 0);
  const figures: TortureFigure[] = [
    { label: 'customers', value: settings.customers },
    { label: 'operations', value: verdict.operations },
    { label: 'requests sent by aa-sync (execution)', value: sent('requests') },
    { label: 'requests received by the emulator', value: totals.requests },
    { label: 'answers 500/502/503', value: totals.serverErrors },
    { label: 'answers dropped after commit', value: totals.dropped },
    { label: '429s aa-sync got', value: sent('rateLimited') },
    { label: '429 bursts', value: faults.rateBursts },
    { label: 'latency spikes', value: faults.latencySpikes },
    { label: 'emulator restarts (SIGTERM / SIGKILL)', value: restarts(faults) },
    { label: 'port refused (s)', value: Math.round(faults.refusedMs / 1_000) },
    {
      label: 'invocations (apply / resume / retry-failed)',
      value: invocationCounts(drive),
    },
    { label: 'exit codes, in order', value: exitCodes(drive.invocations) },
    { label: 'adoptions', value: verdict.adopted },
    { label: 'duplicates', value: verdict.state.duplicates + verdict.countedRepeats },
    { label: 'lost operations', value: verdict.lost + verdict.state.missing },
    { label: 'wall time (s)', value: Math.round(wallMs / 1_000) },
  ];
  return figures;
}

function checksOf({ drive, faults, verdict, settings }: SoakOutcome): TortureCheck[] {
  const customers = settings.customers;
  const refusalMs = settings.events.reduce(
    (n, event) => n + (event.kind === 'refusal' ? event.forMs : 0),
    0,
  );
  const wedged = drive.invocations.filter((invocation) => invocation.wedged).length;
  const live = verdict.state;
  return [
    check('a command of the run exited 0 (the run is done)', true, drive.completed),
    check('invocations that did not end by themselves', 0, wedged),
    check('faults of the timetable left out (run already done)', 0, faults.leftOut),
    check('emulator restarts (SIGTERM / SIGKILL)', '1 / 1', restarts(faults)),
    check('port refused as long as planned', true, faults.refusedMs >= refusalMs),
    check(
      'operations over every run',
      customers * OPERATIONS_PER_CUSTOMER,
      verdict.operations,
    ),
    check('operations lost (not succeeded or adopted)', 0, verdict.lost),
    check('duplicates in the emulator state', 0, live.duplicates),
    check('creates the emulator counted twice for one key', 0, verdict.countedRepeats),
    check('desired entities missing from the emulator', 0, live.missing),
    check(
      'organizations / users / locations in the emulator',
      `${customers} / ${customers * 2} / ${customers * 2}`,
      `${live.organizations} / ${live.users} / ${live.locations}`,
    ),
    check('a fresh `plan --detailed-exitcode` exits', 0, verdict.planExit ?? 'killed'),
    check('checkpoint PRAGMA integrity_check', 'ok', verdict.integrity),
  ];
}

function restarts(faults: FaultsPlayed): string {
  return `${faults.sigtermRestarts} / ${faults.sigkillRestarts}`;
}

function invocationCounts(drive: DriveResult): string {
  const count = (command: Invocation['command']) =>
    drive.invocations.filter((invocation) => invocation.command === command).length;
  return `${count('apply')} / ${count('resume')} / ${count('retry-failed')}`;
}

/** `apply 6, resume 11, resume 0`: each command and how it ended. */
function exitCodes(invocations: readonly Invocation[]): string {
  return invocations
    .map(({ command, exitCode }) => `${command} ${exitCode ?? 'killed'}`)
    .join(', ');
}

function describeTimetable(settings: SoakSettings): string {
  const count = (kind: string) => settings.events.filter((e) => e.kind === kind).length;
  const refusal = settings.events.find((event) => event.kind === 'refusal');
  const refusalText =
    refusal === undefined ? '' : `, and the port refused for ${refusal.forMs / 1_000} s`;
  return (
    `${count('rate-burst')} bursts of 429s (the emulator's limit cut to 2/s), ` +
    `${count('latency-spike')} latency spikes, one restart by SIGTERM and one by ` +
    `SIGKILL (same port, same state file)${refusalText}`
  );
}
