/**
 * `--config` and `--profile`, and the middleware that resolves every setting
 * (see resolve-settings.ts) once the command line is parsed and before the
 * command runs. Afterwards `stateDir` and `reportDir` hold the resolved
 * directories, and `settings` every value with its source.
 */
import type { Argv } from 'yargs';
import { PROFILE_ENV } from './defaults.js';
import { resolveSettings } from './resolve-settings.js';
import type { Settings } from './settings-types.js';

export interface SettingsFlags {
  config?: string;
  profile?: string;
  /** Set by the middleware: every setting, resolved, with its source. */
  settings: Settings;
}

/** Adds `--config` and `--profile` and resolves the settings before the handler. */
export function withSettingsFlags<T>(argv: Argv<T>): Argv<T & SettingsFlags> {
  return argv
    .option('config', {
      type: 'string',
      requiresArg: true,
      describe:
        'Config file with profiles (default: aa-sync.config.json, .yaml or .yml in this directory)',
    })
    .option('profile', {
      type: 'string',
      requiresArg: true,
      describe: `Profile of the config file to use (default: $${PROFILE_ENV}, else its defaultProfile)`,
    })
    .middleware(applySettings) as unknown as Argv<T & SettingsFlags>;
}

function applySettings(argv: Record<string, unknown>): void {
  const settings = resolveSettings(argv, process.env, process.cwd());
  argv.settings = settings;
  argv.stateDir = argv['state-dir'] = settings.stateDir.value;
  argv.reportDir = argv['report-dir'] = settings.reportDir.value;
}
