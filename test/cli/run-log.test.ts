/**
 * Every run and every plan leaves a log file in the state directory:
 * `logs/<id>.log`, JSON lines, owner-only, with every line of the command
 * (debug included, and the lines logged before the run had an id), whatever
 * `--log-level` shows on the terminal, and never the key.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
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
    expect(readdirSync(join(workDir(), STATE_DIR, 'logs'))).toEqual([`${planId}.log`]);
  });
});
