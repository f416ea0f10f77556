/**
 * The one resolution step of every setting: flag > environment > profile >
 * default, each value with where it came from. Only `ANSWERING_AGENT_BASE_URL`
 * is read from the environment; the key itself is no setting (see
 * `resolveApiTarget`), only the name of its variable is.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { usageError } from '../cli/errors.js';
import type { ProfileInUse } from './choose-profile.js';
import { chooseProfile } from './choose-profile.js';
import { checkConfig } from './check-config.js';
import { lineOf } from './config-problem.js';
import {
  BASE_URL_ENV,
  DEFAULT_CONCURRENCY,
  DEFAULT_RATE,
  DEFAULT_REPORT_DIR,
  DEFAULT_STATE_DIR,
  KEY_ENV,
  PLAYGROUND_BASE_URL,
  PRODUCTION_BASE_URL,
} from './defaults.js';
import { findConfigFile } from './find-config.js';
import { concurrencyFromFlag, rateFromFlag } from './flag-values.js';
import { readConfig } from './read-config.js';
import type { ConfigFile, Profile, Settings, Sourced } from './settings-types.js';

/** The flags that choose settings, as yargs parsed them (absent when not given). */
export interface SettingFlagValues {
  config?: string;
  profile?: string;
  baseUrl?: string;
  playground?: boolean;
  apiKeyEnv?: string;
  rate?: unknown;
  concurrency?: unknown;
  stateDir?: string;
  reportDir?: string;
}

/** Reads the config file (if any), chooses the profile and resolves every setting. */
export function resolveSettings(
  flags: SettingFlagValues,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Settings {
  if (flags.baseUrl !== undefined && flags.playground === true) {
    throw usageError('give --base-url or --playground, not both');
  }
  const source = findConfigFile(flags.config, cwd);
  const file = source === undefined ? undefined : checkConfig(readConfig(source), source);
  const chosen = chooseProfile(file, flags.profile, env, cwd);
  const profile = profileLayer(file, chosen);
  const flag = <T>(name: string, value: T | undefined): Sourced<T> | undefined =>
    value === undefined ? undefined : { value, origin: 'flag', from: name };
  const baseUrl = firstOf(
    baseUrlFlag(flags),
    baseUrlEnv(env),
    profile('baseUrl'),
    fallback(PRODUCTION_BASE_URL),
  );
  return {
    file: source,
    profile:
      chosen === undefined ? undefined : { name: chosen.name, chosenBy: chosen.chosenBy },
    baseUrl,
    apiKeyEnv: firstOf(
      flag('--api-key-env', flags.apiKeyEnv),
      profile('apiKeyEnv'),
      fallback(KEY_ENV),
    ),
    rate: firstOf(
      flag('--rate', flags.rate === undefined ? undefined : rateFromFlag(flags.rate)),
      profile('rate'),
      fallback<number | 'auto'>(DEFAULT_RATE),
    ),
    concurrency: firstOf(
      flag(
        '--concurrency',
        flags.concurrency === undefined
          ? undefined
          : concurrencyFromFlag(flags.concurrency),
      ),
      profile('concurrency'),
      fallback(DEFAULT_CONCURRENCY),
    ),
    stateDir: firstOf(
      flag('--state-dir', flags.stateDir),
      shownFrom(cwd, profile('stateDir')),
      fallback(DEFAULT_STATE_DIR),
    ),
    reportDir: firstOf(
      flag('--report-dir', flags.reportDir),
      shownFrom(cwd, profile('reportDir')),
      fallback(DEFAULT_REPORT_DIR),
    ),
    notices: overriddenBaseUrl(baseUrl, profile('baseUrl')),
  };
}

/** The notice that the environment's base URL hides another one the profile gives. */
function overriddenBaseUrl(
  used: Sourced<string>,
  fromProfile: Sourced<string> | undefined,
): string[] {
  if (used.origin !== 'environment' || fromProfile === undefined) return [];
  if (fromProfile.value === used.value) return [];
  return [
    `${BASE_URL_ENV} (${used.value}) overrides the base URL of ${fromProfile.from} ` +
      `(${fromProfile.value}); unset ${BASE_URL_ENV} to use the profile's`,
  ];
}

type ProfileLayer = <K extends keyof Profile>(
  field: K,
) => Sourced<NonNullable<Profile[K]>['value']> | undefined;

/** The profile's value of a field, with its line as the source. */
function profileLayer(
  file: ConfigFile | undefined,
  chosen: ProfileInUse | undefined,
): ProfileLayer {
  return (field) => {
    const entry = chosen?.profile[field];
    if (file === undefined || chosen === undefined || entry === undefined)
      return undefined;
    return {
      value: entry.value,
      origin: 'profile',
      from: `profile ${JSON.stringify(chosen.name)} (${lineOf(file.source, entry.position)})`,
    };
  };
}

function baseUrlFlag(flags: SettingFlagValues): Sourced<string> | undefined {
  if (flags.baseUrl !== undefined) {
    return { value: flags.baseUrl, origin: 'flag', from: '--base-url' };
  }
  if (flags.playground === true) {
    return { value: PLAYGROUND_BASE_URL, origin: 'flag', from: '--playground' };
  }
  return undefined;
}

function baseUrlEnv(env: NodeJS.ProcessEnv): Sourced<string> | undefined {
  const value = env[BASE_URL_ENV]?.trim();
  if (value === undefined || value === '') return undefined;
  return { value, origin: 'environment', from: BASE_URL_ENV };
}

function fallback<T>(value: T): Sourced<T> {
  return { value, origin: 'default', from: 'default' };
}

function firstOf<T>(...layers: [...(Sourced<T> | undefined)[], Sourced<T>]): Sourced<T> {
  const found = layers.find((layer) => layer !== undefined);
  // The last layer is the default, always there: the type says so.
  return found ?? (layers.at(-1) as Sourced<T>);
}

/**
 * A profile's directory (absolute) as commands and hints show it: relative to
 * the working directory when inside it, so that it reads as a flag would.
 */
function shownFrom(
  cwd: string,
  dir: Sourced<string> | undefined,
): Sourced<string> | undefined {
  if (dir === undefined) return undefined;
  const inside = relative(cwd, dir.value);
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return dir;
  return { ...dir, value: inside === '' ? '.' : inside };
}
