/**
 * Torture part `secrets`: a canary API key given every way aa-sync takes one
 * drives every command and failure path, then is searched for, raw and
 * encoded, in everything printed and every file written; hostile HTML and
 * formula payloads go through exports, live data and error bodies, and must
 * come out neutralised. Exports: `secretsPart`.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { requireBuild } from '../lib/crash-process.js';
import { check } from './part.js';
import type { TortureOptions, TorturePart, TortureResult } from './part.js';
import { driveCrashResume, driveHappyPaths } from './secrets-commands.js';
import type { CommandPlan } from './secrets-commands.js';
import { startCanaryEmulator } from './secrets-emulator.js';
import { writeCanaryExport } from './secrets-export.js';
import { driveFailures, driveRevokedKey } from './secrets-failures.js';
import { controlBytesIn, driveInjection } from './secrets-injection.js';
import type { InjectionFindings } from './secrets-injection.js';
import { CanaryScanner } from './secrets-scan.js';
import { KEY_WAYS, CanarySession } from './secrets-session.js';

const SETTINGS = {
  quick: { customers: 3, rateCustomers: 2, kills: 1 },
  full: { customers: 20, rateCustomers: 40, kills: 10 },
};

export const secretsPart: TorturePart = {
  id: 'secrets',
  async run(options: TortureOptions): Promise<TortureResult> {
    const startedMs = Date.now();
    requireBuild();
    const settings = options.quick ? SETTINGS.quick : SETTINGS.full;
    // Recognisable, unique per campaign, and like a live key in shape.
    const canary = `sk_live_canary${randomBytes(12).toString('hex')}`;
    const dirs = makeDirs(options.workDir);
    const session = new CanarySession(canary, dirs.run);
    const emulator = await startCanaryEmulator({
      cwd: dirs.emulator,
      keys: [`canary:${canary}`],
      stateFile: join(dirs.emulator, 'emulator.sqlite'),
    });
    const plan: CommandPlan = {
      session,
      emulator,
      exportFile: 'customers.csv',
      rateExportFile: 'rate.csv',
      freshExport: (prefix, customers) => {
        writeCanaryExport(join(dirs.run, `${prefix}.csv`), prefix, customers);
        return `${prefix}.csv`;
      },
      kills: settings.kills,
      quick: options.quick,
      rateLimited: 0,
      expectations: [],
    };
    writeCanaryExport(join(dirs.run, plan.exportFile), 'cust', settings.customers);
    writeCanaryExport(
      join(dirs.run, plan.rateExportFile),
      'rate',
      settings.rateCustomers,
    );
    let killed = 0;
    let injection: InjectionFindings;
    let bug: { internalErrorShown: boolean };
    try {
      options.log('commands with the canary key');
      await driveHappyPaths(plan);
      options.log('kill -9 and resume');
      killed = await driveCrashResume(plan);
      options.log('failure paths');
      bug = await driveFailures(plan, dirs.secretInputs);
      options.log('injection payloads');
      injection = await driveInjection(plan);
      await driveRevokedKey(plan);
    } finally {
      const stopped = await emulator.stop();
      session.record('emulator', 'default-env', { ...stopped, signal: null });
    }
    const scanner = new CanaryScanner(canary);
    for (const record of session.records) {
      scanner.output(`${record.label} (stdout)`, record.exit.stdout);
      scanner.output(`${record.label} (stderr)`, record.exit.stderr);
    }
    scanner.tree(dirs.run);
    scanner.tree(dirs.emulator);
    return result(options, startedMs, { plan, scanner, killed, injection, bug });
  },
};

function makeDirs(workDir: string): {
  run: string;
  emulator: string;
  secretInputs: string;
} {
  const dirs = {
    run: join(workDir, 'secrets', 'run'),
    emulator: join(workDir, 'secrets', 'emulator'),
    // Files that hold the key on purpose (a config file with the key in it): not scanned.
    secretInputs: join(workDir, 'secrets', 'secret-inputs'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  return dirs;
}

interface Findings {
  plan: CommandPlan;
  scanner: CanaryScanner;
  killed: number;
  injection: InjectionFindings;
  bug: { internalErrorShown: boolean };
}

function result(
  options: TortureOptions,
  startedMs: number,
  findings: Findings,
): TortureResult {
  const { plan, scanner, killed, injection, bug } = findings;
  const wrongExits = plan.expectations
    .filter((item) => item.expected !== item.actual)
    .map((item) => `${item.label}: ${item.actual} (expected ${item.expected})`);
  const pages = injection.pages;
  const sum = (pick: (visit: (typeof pages)[number]) => number): number =>
    pages.reduce((total, visit) => total + pick(visit), 0);
  return {
    part: 'secrets',
    title: 'Secrets and injection',
    setup:
      `A canary key (sk_live_canary + 24 random hex digits), given ${KEY_WAYS.join(', ')} in turn, ` +
      `drove ${plan.session.records.length - 1} runs of the built CLI against the emulator (a child, ` +
      `state in a file) and a hostile loopback server echoing the key: config, validate, plan ` +
      '(--out, --json), apply (partial, 429s, debug, json and text logs, --plan), retry-failed, ' +
      `kill -9 then resume (${plan.kills}x), runs, status, report, an unreachable API, a damaged ` +
      'checkpoint, folders under a file, an injected bug, a revoked key, a config file holding ' +
      'the key. Then the key was searched in every output and every file, raw and as ' +
      `${scanner.formNames.length} encodings; HTML and formula payloads went through the export, ` +
      'live data and error bodies, and the reports were judged cell by cell and in Chromium.',
    figures: [
      { label: 'commands run', value: plan.session.records.length - 1 },
      { label: 'outputs scanned', value: scanner.outputs },
      { label: 'files scanned', value: scanner.files },
      { label: 'bytes scanned', value: scanner.bytes },
      { label: 'canary forms searched', value: scanner.formNames.length },
      { label: 'canary hits', value: scanner.hits.length },
      { label: 'kill -9 survived', value: killed },
      { label: '429 answers met', value: plan.rateLimited },
      {
        label: 'hostile customers valid / rejected',
        value: `${injection.validCustomers} / ${injection.rejectedCustomers}`,
      },
      { label: 'CSV cells checked', value: injection.csv.cells },
      { label: 'formula cells neutralised', value: injection.csv.neutralised },
      { label: 'report pages opened in Chromium', value: pages.length },
    ],
    checks: [
      check('canary hits in outputs and files', 0, scanner.hits.length),
      check(
        'commands ending with another exit code than expected',
        'none',
        wrongExits.join('; ') || 'none',
      ),
      check(
        'the injected bug is reported as an internal error',
        true,
        bug.internalErrorShown,
      ),
      check('kill -9 survived', plan.kills, killed),
      check('the rate-limited run met 429 answers', true, plan.rateLimited > 0),
      check(
        'CSV cells a spreadsheet would run',
        'none',
        injection.csv.live.join('; ') || 'none',
      ),
      check(
        'payload scripts that ran',
        0,
        pages.filter((visit) => visit.pwned !== null).length,
      ),
      check(
        'payload elements on the report pages',
        0,
        sum((visit) => visit.injectedElements),
      ),
      check(
        'dialogs opened',
        0,
        sum((visit) => visit.dialogs),
      ),
      check(
        'requests made by the report pages',
        0,
        sum((visit) => visit.requests.length),
      ),
      check(
        'payloads missing from the pages as text',
        0,
        sum((visit) => visit.missingText.length),
      ),
      check(
        'outputs with raw control bytes',
        'none',
        controlBytesIn(plan).join('; ') || 'none',
      ),
    ],
    notes: scanner.hits.map((hit) => `canary found: ${hit.where} (${hit.form})`),
    wallMs: Date.now() - startedMs,
  };
}
