import {
  chmodSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StateFileError, startEmulator } from '../../src/emulator/index.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aa-emulator-modes-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const modeOf = (path: string): number => statSync(path).mode & 0o777;

async function refusal(stateFile: string): Promise<StateFileError> {
  try {
    const emulator = await startEmulator({ stateFile, rateLimit: null });
    await emulator.close();
  } catch (error) {
    if (error instanceof StateFileError) return error;
    throw error;
  }
  throw new Error('expected a StateFileError');
}

describe('state file permissions', () => {
  it('leaves the mode of a file it refuses as it was', async () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database, just notes\n');
    chmodSync(text, 0o644);
    const error = await refusal(text);
    expect(error.message).toMatch(
      /^cannot use stateFile .*notes\.txt: file is not a database/,
    );
    expect(modeOf(text)).toBe(0o644);
  });

  it('refuses a link without touching what it points to', async () => {
    const target = join(dir, 'target.db');
    writeFileSync(target, '');
    chmodSync(target, 0o644);
    const link = join(dir, 'link.db');
    symlinkSync(target, link);
    const error = await refusal(link);
    expect(error.message).toBe(
      `stateFile ${link} is not a regular file (a link, a directory or a device); ` +
        'point stateFile at a new file in an existing, writable directory, ' +
        'or at a file this emulator made',
    );
    expect(modeOf(target)).toBe(0o644);
  });

  it('refuses a directory and a device', async () => {
    expect((await refusal(dir)).message).toMatch(/is not a regular file/);
    expect((await refusal('/dev/null')).message).toMatch(/is not a regular file/);
    expect(modeOf('/dev/null')).toBe(0o666);
  });

  it('tightens an emulator state file it accepts to owner-only', async () => {
    const stateFile = join(dir, 'state.db');
    const first = await startEmulator({ stateFile, rateLimit: null });
    await first.close();
    chmodSync(stateFile, 0o644);
    const second = await startEmulator({ stateFile, rateLimit: null });
    await second.close();
    expect(modeOf(stateFile)).toBe(0o600);
  });
});
