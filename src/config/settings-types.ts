/**
 * The settings every command that talks to the API or keeps state works with,
 * each with where its value came from, and the config file's own shape.
 */

/** Where a setting's value came from, from the strongest to the weakest. */
export const ORIGINS = ['flag', 'environment', 'profile', 'default'] as const;
export type Origin = (typeof ORIGINS)[number];

/** A resolved value and its source, as `aa-sync config` and messages show it. */
export interface Sourced<T> {
  value: T;
  origin: Origin;
  /**
   * For people: `--state-dir`, `ANSWERING_AGENT_BASE_URL`,
   * `profile "production" (aa-sync.config.yaml:4)` or `default`.
   */
  from: string;
}

/** The config file in use: as the user would name it, and where it is. */
export interface ConfigSource {
  /** As given to `--config`, or the file name found in the working directory. */
  shown: string;
  absolute: string;
}

/** The profile in use and what chose it (`--profile`, `AA_SYNC_PROFILE`, ...). */
export interface ChosenProfile {
  name: string;
  chosenBy: string;
}

/** Every setting, resolved: flag > environment > profile > default. */
export interface Settings {
  file: ConfigSource | undefined;
  profile: ChosenProfile | undefined;
  baseUrl: Sourced<string>;
  /** The name of the variable holding the key; the key itself is never a setting. */
  apiKeyEnv: Sourced<string>;
  /** Requests per second, or 'auto'. */
  rate: Sourced<number | 'auto'>;
  concurrency: Sourced<number>;
  /** Relative to the working directory when inside it, else absolute. */
  stateDir: Sourced<string>;
  reportDir: Sourced<string>;
  /**
   * What a person should know about how these resolved: an environment
   * variable overriding the profile's base URL, left over in a shell or a unit.
   */
  notices: string[];
}

/** A line of the config file (1-based), for sources such as `aa-sync.config.yaml:4`. */
export interface Position {
  line: number;
  column: number;
}

/** A profile value and the line it was written on. */
export interface ProfileValue<T> {
  value: T;
  position: Position | undefined;
}

/**
 * One profile as written, checked. `baseUrl` holds the playground's URL when
 * the file says `playground: true`; paths are already absolute (a relative
 * path is relative to the config file's directory).
 */
export interface Profile {
  baseUrl?: ProfileValue<string>;
  apiKeyEnv?: ProfileValue<string>;
  rate?: ProfileValue<number | 'auto'>;
  concurrency?: ProfileValue<number>;
  stateDir?: ProfileValue<string>;
  reportDir?: ProfileValue<string>;
}

/**
 * A checked config file (`aa-sync.config.json`, `.yaml` or `.yml`):
 *
 * ```yaml
 * defaultProfile: production        # optional
 * profiles:
 *   production:
 *     baseUrl: https://answeringagent.com/api/v1   # or `playground: true`
 *     apiKeyEnv: AA_PRODUCTION_KEY   # the variable holding the key, never the key
 *     rate: 20                       # requests per second, or "auto"
 *     concurrency: 8
 *     stateDir: .aa-sync/production  # relative to the config file's directory
 *     reportDir: reports/production
 * ```
 *
 * Every field of a profile is optional; an unknown field, or one named like a
 * key (`apiKey`, `token`, `secret`), is an error.
 */
export interface ConfigFile {
  source: ConfigSource;
  defaultProfile?: ProfileValue<string>;
  profiles: ReadonlyMap<string, Profile>;
}
