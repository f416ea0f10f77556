/**
 * Every run and every plan leaves a log file in the state directory:
 * `logs/<id>.log`, JSON lines, owner-only, with every line of the command
 * (debug included, and the lines logged before the run had an id), whatever
 * `--log-level` shows on the terminal, and never the key.
 */
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ONLY_REPORT_LINE } from '../support/cli.js';
import {
  CANARY_KEY,
  STATE_DIR,
  runBuilt,
  runIdOf,
  startApi,
  writeCustomers,
} from './support/apply-cli.js';
import { workDir } from './support/e2e.js';
import { keyForms } from './support/report-files.js';

interface LogLine {
  level: string;
  message: string;
  timestamp: string;
  run?: string;
  exitCode?: number;
}

function readLog(id: string): { text: string; lines: LogLine[]; mode: number } {
  const path = join(workDir(), STATE_DIR, 'logs', `${id}.log`);
  const text = readFileSync(path, 'utf8');
  const lines = text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as LogLine);
  return { text, lines, mode: statSync(path).mode & 0o777 };
}

describe('the log file of a run', () => {
  it('holds every line of apply, debug included, while the terminal shows warnings only', async () => {
    const api = await startApi();
    writeCustomers(2);
    const applied = await runBuilt(
      ['apply', 'customers.csv', '--yes', '--rate', '50', '--log-level', 'warn'],
      api.env,
    );
    expect(applied.code).toBe(0);
    expect(applied.stderr).toBe('');
    const runId = runIdOf(applied);

    const log = readLog(runId);
    expect(log.mode).toBe(0o600);
    expect(statSync(join(workDir(), STATE_DIR, 'logs')).mode & 0o777).toBe(0o700);
    const messages = log.lines.map((line) => `${line.level} ${line.message}`);
    // Logged before the run had an id: held, then written first.
    expect(messages[0]).toBe('debug read the input');
    expect(messages.indexOf('debug read the live state')).toBe(1);
    expect(messages).toContain(`info run ${runId} started`);
    // What the terminal showed is in the file too: plan, end, exit code, reports.
    expect(messages).toContain(
      'debug Plan: 4 to create (2 organizations, 2 locations: 2 new phone numbers), 0 to ' +
        'update, 0 to delete; 0 unchanged, 0 adopted, 0 conflicts, 0 drift.',
    );
    const end = log.lines.find((line) => line.message.startsWith(`Run ${runId} `));
    expect(end).toMatchObject({
      level: 'debug',
      message:
        `Run ${runId} completed: 4 operations: 4 succeeded, 0 adopted, 0 failed, ` +
        '0 skipped, 0 not done.',
      status: 'completed',
      exitCode: 0,
    });
    expect(messages.at(-1)).toBe(
      `debug Report of ${runId}: reports/${runId}/report.html (CSV files and summary.json ` +
        'beside it)',
    );
    const started = log.lines.find((line) => line.message === `run ${runId} started`);
    expect(started).toMatchObject({
      baseUrl: api.t.emu.baseUrl,
      baseUrlFrom: 'ANSWERING_AGENT_BASE_URL',
    });
    expect(log.lines.every((line) => /^\d{4}-\d\d-\d\dT/.test(line.timestamp))).toBe(
      true,
    );
    for (const form of keyForms(CANARY_KEY)) expect(log.text).not.toContain(form);
  });

  it('is written for a plan too, under the plan id, and one file per id', async () => {
    const api = await startApi();
    writeCustomers(1);
    const planned = await runBuilt(['plan', 'customers.csv'], api.env);
    expect(planned.code).toBe(0);
    const planId = ONLY_REPORT_LINE.exec(planned.stderr)?.[1] ?? '';
    const messages = readLog(planId).lines.map((line) => line.message);
    expect(messages.slice(0, 2)).toEqual(['read the input', 'read the live state']);
    const log = readLog(planId).lines;
    expect(log.find((line) => line.message.startsWith('Plan: '))).toMatchObject({
      level: 'debug',
      message:
        'Plan: 2 to create (1 organization, 1 location: 1 new phone number), 0 to update, ' +
        '0 to delete; 0 unchanged, 0 adopted, 0 conflicts, 0 drift.',
      exitCode: 0,
    });
    expect(log.at(-1)?.message).toBe(
      `Report of ${planId}: reports/${planId}/report.html (CSV files and summary.json ` +
        'beside it)',
    );
    expect(readdirSync(join(workDir(), STATE_DIR, 'logs'))).toEqual([`${planId}.log`]);
  });

  it('is kept for a command that fails before its run starts, with its message and exit code', async () => {
    const api = await startApi();
    writeCustomers(1);
    mkdirSync(join(workDir(), STATE_DIR), { mode: 0o700 });
    const refused = await runBuilt(['apply', 'customers.csv', '--yes'], {
      ...api.env,
      ANSWERING_AGENT_API_KEY: 'sk_live_wrong_key_for_run_log_test',
    });
    expect(refused.code).toBe(4);
    const [file] = readdirSync(join(workDir(), STATE_DIR, 'logs'));
    const log = readLog((file ?? '').replace(/\.log$/, ''));
    expect(log.mode).toBe(0o600);
    expect(log.lines[0]?.message).toBe('read the input');
    expect(log.lines.at(-1)).toMatchObject({
      level: 'error',
      message: refused.stderr.replace(/^aa-sync: /, '').trimEnd(),
      exitCode: 4,
    });
    expect(log.text).not.toContain('sk_live_wrong_key_for_run_log_test');
  });
});
