/**
 * Damaged checkpoints: a good state directory (with a run recorded) copied,
 * its checkpoint damaged one way per case, then read by runs, report and
 * apply. Each must fail with exit 9 and a message naming the file and what to
 * do, print no stack, and leave the damaged file as it was (never overwritten,
 * never deleted). Exports: `CORRUPTIONS`, `CorruptionCase`, `tryCorruptions`.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DIST_ENTRY } from '../lib/crash-process.js';
import { runLoose, viewFailure } from './files-cli.js';
import type { FailureView, LooseOptions } from './files-cli.js';

const CHECKPOINT = 'checkpoint.sqlite';
const SQLITE_PAGE = 4096;

/** Ways a checkpoint file gets damaged, each applied to a copy. */
export const CORRUPTIONS = {
  'header overwritten': (file: string) => overwrite(file, 0, 100),
  'schema page overwritten': (file: string) => overwrite(file, 100, SQLITE_PAGE - 100),
  'a data page overwritten': (file: string) =>
    overwrite(file, SQLITE_PAGE * 2, SQLITE_PAGE * 2),
  truncated: (file: string) =>
    truncateSync(file, Math.floor(readFileSync(file).length / 3)),
  'not a SQLite file': (file: string) =>
    writeFileSync(file, 'customer_id,org_name\n1,Not a db\n'),
  'newer schema': (file: string) => setUserVersion(file, 999),
} as const;
export type Corruption = keyof typeof CORRUPTIONS;

/** One command on one damaged checkpoint. */
export interface CorruptionCase {
  corruption: Corruption;
  command: string;
  view: FailureView;
  /** The damaged file's bytes are the same after the command. */
  keptAsItWas: boolean;
  /** The message says what to do next (move it aside, upgrade, another --state-dir). */
  saysWhatToDo: boolean;
}

/** Tries every corruption on a copy of `goodStateDir` under `workDir`. */
export async function tryCorruptions(
  goodStateDir: string,
  workDir: string,
  commands: Record<string, (stateDir: string) => string[]>,
  options: LooseOptions,
): Promise<CorruptionCase[]> {
  const cases: CorruptionCase[] = [];
  for (const [corruption, damage] of Object.entries(CORRUPTIONS)) {
    const stateDir = join(workDir, `damaged-${corruption.replaceAll(' ', '-')}`);
    cpSync(goodStateDir, stateDir, { recursive: true });
    const file = join(stateDir, CHECKPOINT);
    damage(file);
    const before = digest(file);
    for (const [command, args] of Object.entries(commands)) {
      const exit = await runLoose(args(stateDir), options);
      const view = viewFailure(exit, file);
      cases.push({
        corruption: corruption as Corruption,
        command,
        view,
        keptAsItWas: existsSync(file) && digest(file) === before,
        saysWhatToDo:
          /move it aside|Upgrade aa-sync|Choose another --state-dir|choose another --state-dir/.test(
            view.message,
          ),
      });
    }
  }
  return cases;
}

function overwrite(file: string, offset: number, length: number): void {
  const bytes = readFileSync(file);
  bytes.fill(0xa5, offset, Math.min(offset + length, bytes.length));
  writeFileSync(file, bytes);
}

/** What a newer aa-sync would leave: the same file, a higher schema version. */
function setUserVersion(file: string, version: number): void {
  const require = createRequire(DIST_ENTRY);
  const Database = require('better-sqlite3') as new (path: string) => {
    pragma(text: string): unknown;
    close(): void;
  };
  const db = new Database(file);
  db.pragma(`user_version = ${version}`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

function digest(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
