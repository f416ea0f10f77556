/**
 * The three tools the side-by-side benchmark compares, as command lines: the
 * quick-start loop (bench/quickstart-loop.ts), newman running
 * bench/newman/collection.json over the CSV, and aa-sync (`apply`, then
 * `resume` after a kill, as its README tells a user). newman lives outside
 * the root package and is installed on demand with `npm ci`.
 * Exports: `TOOL_NAMES`, `ToolName`, `ToolSetup`, `toolCommand`, `ensureNewman`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST_ENTRY } from './crash-process.js';
import type { ToolCommand } from './alternatives-child.js';

/** The tools, in the order of the table. */
export const TOOL_NAMES = ['quickstart-loop', 'newman', 'aa-sync'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const QUICKSTART = join(REPO_ROOT, 'bench', 'quickstart-loop.ts');
const NEWMAN_DIR = join(REPO_ROOT, 'bench', 'newman');
const NEWMAN_BIN = join(NEWMAN_DIR, 'node_modules', 'newman', 'bin', 'newman.js');
const COLLECTION = join(NEWMAN_DIR, 'collection.json');
/** The emulator's default partner key, which every tool uses. */
const API_KEY = 'sk_test_demo';

/** What a tool run needs to know. */
export interface ToolSetup {
  input: string;
  baseUrl: string;
  /** Requests per second the emulator allows; aa-sync is told it. */
  limit: number;
  /** A directory of this run only: aa-sync's state and reports go there. */
  runDir: string;
}

function apiEnv(setup: ToolSetup): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ANSWERING_AGENT_API_KEY: API_KEY,
    ANSWERING_AGENT_BASE_URL: setup.baseUrl,
  };
}

function aaSyncArgs(setup: ToolSetup, restart: boolean): string[] {
  const places = [
    ...['--state-dir', join(setup.runDir, 'state')],
    ...['--report-dir', join(setup.runDir, 'reports')],
    ...['--log-format', 'json'],
  ];
  if (restart) return ['resume', '--yes', ...places];
  return ['apply', setup.input, '--yes', '--rate', String(setup.limit), ...places];
}

/**
 * The command line of `tool`; `restart` is the start after the kill. The
 * naive tools start again from the first row; aa-sync resumes its run.
 */
export function toolCommand(
  tool: ToolName,
  setup: ToolSetup,
  restart: boolean,
): ToolCommand {
  const node = process.execPath;
  switch (tool) {
    case 'quickstart-loop':
      // cwd is the repository so that `--import tsx` resolves.
      return {
        argv: [node, '--import', 'tsx', QUICKSTART, setup.input],
        cwd: REPO_ROOT,
        env: apiEnv(setup),
      };
    case 'newman':
      return {
        argv: [
          ...[node, NEWMAN_BIN, 'run', COLLECTION, '-d', setup.input],
          ...[
            '--env-var',
            `base_url=${setup.baseUrl}`,
            '--env-var',
            `api_key=${API_KEY}`,
          ],
          ...['--color', 'off', '--disable-unicode'],
        ],
        cwd: REPO_ROOT,
        env: process.env,
      };
    case 'aa-sync':
      return {
        argv: [node, DIST_ENTRY, ...aaSyncArgs(setup, restart)],
        cwd: setup.runDir,
        env: apiEnv(setup),
      };
  }
}

/**
 * Installs bench/newman's pinned newman when its node_modules is missing
 * (a fresh clone): `npm ci --prefix bench/newman`. Rejects with npm's exit
 * code when the install fails.
 */
export async function ensureNewman(log: (line: string) => void): Promise<void> {
  if (existsSync(NEWMAN_BIN)) return;
  log('installing newman into bench/newman/node_modules (npm ci, once) ...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const args = ['ci', '--prefix', NEWMAN_DIR, '--no-audit', '--no-fund'];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(npm, args, {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0 || !existsSync(NEWMAN_BIN)) {
    throw new Error(
      `\`npm ${args.join(' ')}\` failed (exit ${code}): newman is needed for the ` +
        'side-by-side benchmark; check the network to the npm registry and run it by hand',
    );
  }
}
