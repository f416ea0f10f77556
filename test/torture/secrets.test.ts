/**
 * The quick version of the torture campaign's `secrets` part: a canary key
 * through every command and failure path of the built CLI is found nowhere,
 * and hostile payloads come out of the reports neutralised.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { secretsPart } from '../../bench/torture/secrets.js';

const workDir = mkdtempSync(join(tmpdir(), 'aa-sync-torture-secrets-'));

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('torture part secrets (quick)', () => {
  it('finds the canary key nowhere and no payload live, with every check holding', async () => {
    const result = await secretsPart.run({ quick: true, workDir, log: () => undefined });
    const failing = result.checks.filter((item) => !item.ok);
    expect(failing).toEqual([]);
    const figures = Object.fromEntries(
      result.figures.map((item) => [item.label, item.value]),
    );
    expect({
      commands: figures['commands run'],
      forms: figures['canary forms searched'],
      hits: figures['canary hits'],
      kills: figures['kill -9 survived'],
      hostile: figures['hostile customers valid / rejected'],
      pages: figures['report pages opened in Chromium'],
    }).toEqual({
      commands: 38,
      forms: 11,
      hits: 0,
      kills: 1,
      hostile: '10 / 12',
      pages: 2,
    });
  }, 180_000);
});
