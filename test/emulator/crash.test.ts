import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, orgBody, pluck, startTest } from './support.js';

const CHILD = join(import.meta.dirname, 'fixtures', 'emulator-child.ts');
const dirs: string[] = [];

afterEach(async () => {
  await closeAll();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('crash safety', () => {
  it('keeps every committed write when the emulator process is killed with SIGKILL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-crash-'));
    dirs.push(dir);
    const stateFile = join(dir, 'state.db');
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, stateFile], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const { url } = JSON.parse(line.toString()) as { url: string };
      const headers = { 'X-API-KEY': 'sk_test_demo', 'Content-Type': 'application/json' };
      for (let i = 1; i <= 5; i += 1) {
        const res = await fetch(`${url}/api/v1/organizations`, {
          method: 'POST',
          headers,
          body: JSON.stringify(orgBody(i)),
        });
        expect(res.status).toBe(201);
      }
    } finally {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    const t = await startTest({ stateFile });
    expect(pluck((await t.api('GET', '/organizations')).body, 'name')).toEqual([
      'Org 1',
      'Org 2',
      'Org 3',
      'Org 4',
      'Org 5',
    ]);
    const next = await t.api('POST', '/organizations', orgBody(6));
    expect(next.body.organization.id).toBe(1_000_006);
  });
});
