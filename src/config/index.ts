/**
 * Settings: the config file (profiles), the environment and the flags,
 * resolved in one step with the source of each value. Exports:
 * `withSettingsFlags` (the flags and the resolving middleware),
 * `resolveSettings`, the `Settings` types and the defaults.
 */
export type { SettingsFlags } from './settings-flags.js';
export { withSettingsFlags } from './settings-flags.js';
export type { SettingFlagValues } from './resolve-settings.js';
export { resolveSettings } from './resolve-settings.js';
export type {
  ChosenProfile,
  ConfigFile,
  ConfigSource,
  Origin,
  Profile,
  Settings,
  Sourced,
} from './settings-types.js';
export { CONFIG_FILE_NAMES, whereLooked } from './find-config.js';
export * from './defaults.js';
