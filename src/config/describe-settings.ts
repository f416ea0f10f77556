/**
 * What `aa-sync config` prints: each setting with its value and source, as
 * aligned text or as one JSON object. The key appears only masked.
 */
import { whereLooked } from './find-config.js';
import type { KeyStatus } from './mask-key.js';
import { describeKey } from './mask-key.js';
import type { Settings, Sourced } from './settings-types.js';

/** The text form: a line for the file and profile, then one line per setting. */
export function renderSettingsText(
  settings: Settings,
  key: KeyStatus,
  cwd: string,
): string {
  const rows: [string, string, string][] = [
    ['base URL', settings.baseUrl.value, settings.baseUrl.from],
    ['API key', describeKey(key), keySource(settings.apiKeyEnv, key)],
    ['rate', rateText(settings.rate.value), settings.rate.from],
    [
      'concurrency',
      `${settings.concurrency.value} requests at once`,
      settings.concurrency.from,
    ],
    ['state dir', settings.stateDir.value, settings.stateDir.from],
    ['report dir', settings.reportDir.value, settings.reportDir.from],
  ];
  const labelWidth = Math.max(...rows.map(([label]) => label.length)) + 2;
  const valueWidth = Math.max(...rows.map(([, value]) => value.length)) + 3;
  const lines = rows.map(
    ([label, value, from]) =>
      `${label.padEnd(labelWidth)}${value.padEnd(valueWidth)}${from}`,
  );
  return [fileLine(settings, cwd), ...lines].join('\n') + '\n';
}

/** The JSON form: the same facts, one object, the key masked as in the text. */
export function renderSettingsJson(settings: Settings, key: KeyStatus): string {
  const entry = <T>(setting: Sourced<T>) => ({
    value: setting.value,
    origin: setting.origin,
    from: setting.from,
  });
  const document = {
    configFile: settings.file?.shown ?? null,
    profile: settings.profile ?? null,
    baseUrl: entry(settings.baseUrl),
    apiKeyEnv: { ...entry(settings.apiKeyEnv), value: key.variable },
    apiKey: {
      set: key.set,
      ...(key.length === undefined ? {} : { length: key.length }),
      ...(key.endsWith === undefined ? {} : { endsWith: key.endsWith }),
    },
    rate: entry(settings.rate),
    concurrency: entry(settings.concurrency),
    stateDir: entry(settings.stateDir),
    reportDir: entry(settings.reportDir),
    notices: settings.notices,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function fileLine(settings: Settings, cwd: string): string {
  const { file, profile } = settings;
  if (file === undefined) return `Config file: none (looked for ${whereLooked(cwd)})`;
  if (profile === undefined) {
    return `Config file: ${file.shown} (no profile chosen: give --profile NAME, or write defaultProfile)`;
  }
  return `Config file: ${file.shown} (profile ${JSON.stringify(profile.name)}, from ${profile.chosenBy})`;
}

function keySource(variable: Sourced<string>, key: KeyStatus): string {
  if (variable.origin === 'default') return `${key.variable} (default)`;
  return `${key.variable}, named by ${variable.from}`;
}

function rateText(rate: number | 'auto'): string {
  return rate === 'auto' ? "auto (finds the API's limit)" : `${rate} requests/s`;
}
