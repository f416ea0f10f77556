/**
 * Runs the built command line with the canary key, given in turn each way
 * aa-sync takes a key (the default variable, a variable named by
 * --api-key-env, a config profile's apiKeyEnv), and keeps every output for
 * the scan. Exports: `KEY_WAYS`, `KeyWay`, `CanarySession`, `RunRecord`.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_ENTRY, collectExit } from '../lib/crash-process.js';
import type { CliExit } from '../lib/crash-process.js';

export const KEY_WAYS = ['default-env', 'flag-env', 'profile'] as const;
export type KeyWay = (typeof KEY_WAYS)[number];

const FLAG_VARIABLE = 'AA_CANARY_FLAG_KEY';
const PROFILE_VARIABLE = 'AA_CANARY_PROFILE_KEY';
const PROFILE = 'canary';
/** The config file every command of the session finds in its directory. */
export const CONFIG_FILE = 'aa-sync.config.json';

/** One command and how it ended. */
export interface RunRecord {
  label: string;
  way: KeyWay;
  exit: CliExit;
}

/** Commands that read the API key; the others get it all the same. */
export class CanarySession {
  readonly records: RunRecord[] = [];
  #next = 0;

  /** `cwd` is where every command runs (state dir and reports land there). */
  constructor(
    readonly canary: string,
    readonly cwd: string,
  ) {
    // The profile names the variable, never the key: a config file is often shared.
    const config = { profiles: { [PROFILE]: { apiKeyEnv: PROFILE_VARIABLE } } };
    writeFileSync(join(cwd, CONFIG_FILE), `${JSON.stringify(config, null, 2)}\n`);
  }

  /** The next way in turn, so that every command kind meets every way over a run. */
  nextWay(): KeyWay {
    const way = KEY_WAYS[this.#next % KEY_WAYS.length] ?? 'default-env';
    this.#next += 1;
    return way;
  }

  /**
   * Starts `aa-sync ARGS` with the key given `way`; `nodeFlags` go to node
   * before the entry (an injected fault). Commands that read no key still get
   * it in every variable: it must not matter to them.
   */
  start(
    args: readonly string[],
    way: KeyWay,
    nodeFlags: readonly string[] = [],
  ): Started {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
    const extra: string[] = [];
    const command = args[0] ?? '';
    if (way === 'default-env' || !TAKES_KEY.has(command)) {
      env.ANSWERING_AGENT_API_KEY = this.canary;
    }
    if (way === 'flag-env' || !TAKES_KEY.has(command)) {
      env[FLAG_VARIABLE] = this.canary;
      if (TAKES_KEY.has(command)) extra.push('--api-key-env', FLAG_VARIABLE);
    }
    if (way === 'profile' || !TAKES_KEY.has(command)) {
      env[PROFILE_VARIABLE] = this.canary;
      if (TAKES_PROFILE.has(command)) extra.push('--profile', PROFILE);
    }
    const child = spawn(process.execPath, [...nodeFlags, DIST_ENTRY, ...args, ...extra], {
      cwd: this.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = collectExit(child);
    return { exited, kill: () => child.kill('SIGKILL') };
  }

  /** Runs `aa-sync ARGS` to its end and records it. */
  async run(
    label: string,
    args: readonly string[],
    options: { way?: KeyWay; nodeFlags?: readonly string[] } = {},
  ): Promise<CliExit> {
    const way = options.way ?? this.nextWay();
    const exit = await this.start(args, way, options.nodeFlags).exited;
    this.records.push({ label, way, exit });
    return exit;
  }

  /** Records the end of a child started with `start`. */
  record(label: string, way: KeyWay, exit: CliExit): void {
    this.records.push({ label, way, exit });
  }
}

/** A running command. */
export interface Started {
  exited: Promise<CliExit>;
  /** SIGKILL: nothing is flushed, no handler runs. */
  kill(): void;
}

/** Commands that read the key, with --api-key-env and --profile. */
const TAKES_KEY = new Set(['plan', 'apply', 'resume', 'retry-failed', 'config']);
/** Commands that take --profile; validate takes neither. */
const TAKES_PROFILE = new Set([...TAKES_KEY, 'runs', 'status', 'report']);
