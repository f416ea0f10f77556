/**
 * Which config file a command uses: the one `--config` names, else the one
 * `aa-sync.config.{json,yaml,yml}` in the working directory, else none.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { usageError } from '../cli/errors.js';
import type { ConfigSource } from './settings-types.js';

/** The names looked for in the working directory, in this order. */
export const CONFIG_FILE_NAMES = [
  'aa-sync.config.json',
  'aa-sync.config.yaml',
  'aa-sync.config.yml',
] as const;

/** The file to read; undefined when there is none (defaults only). */
export function findConfigFile(
  flag: string | undefined,
  cwd: string,
): ConfigSource | undefined {
  if (flag !== undefined) return { shown: flag, absolute: resolve(cwd, flag) };
  const found = CONFIG_FILE_NAMES.filter((name) => existsSync(join(cwd, name)));
  if (found.length > 1) {
    throw usageError(
      `found ${found.join(' and ')} in ${cwd}: aa-sync reads one config file; ` +
        'remove or rename all but one, or choose one with --config FILE',
    );
  }
  const name = found[0];
  return name === undefined ? undefined : { shown: name, absolute: join(cwd, name) };
}

/** Where `findConfigFile` looked, for "no config file was found" messages. */
export function whereLooked(cwd: string): string {
  return `${CONFIG_FILE_NAMES.join(', ')} in ${cwd}`;
}
