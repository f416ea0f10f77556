import { countOf } from '../util/count-of.js';
import type { EmulatorOptions, RunningEmulator } from '../emulator/index.js';
import type { FaultSettings } from '../emulator/faults.js';

/**
 * What `aa-sync emulator` prints once it listens: where to send requests, how
 * to reach the control endpoints, and what it will do to traffic. Keys are
 * never printed; partners are named with their key count.
 */
export function describeStartup(
  emulator: RunningEmulator,
  options: EmulatorOptions,
  json: boolean,
): string {
  const partners = emulator.partners();
  if (json) {
    const line = {
      url: emulator.url,
      baseUrl: emulator.baseUrl,
      controlToken: emulator.controlToken,
      partners,
      rateLimit: options.rateLimit ?? null,
      strict: options.strict ?? false,
      stateFile: options.stateFile ?? null,
      seed: emulator.seed ?? null,
    };
    return `${JSON.stringify(line)}\n`;
  }
  const partnerText = partners.map(
    (p) => `${p.id} (${p.keys} key${p.keys === 1 ? '' : 's'})`,
  );
  return [
    'Answering Agent Partner API emulator',
    `  API:         ${emulator.baseUrl}`,
    `  control:     ${emulator.url}/_emulator (header X-Emulator-Token: ${emulator.controlToken})`,
    `  partners:    ${partnerText.join(', ')}`,
    `  rate limit:  ${describeRate(options)}`,
    `  faults:      ${describeFaults(options.faults)}${describePerKey(options)}`,
    `  responses:   ${options.strict === true ? 'strict (documented fields only)' : 'default'}`,
    `  state:       ${options.stateFile ?? 'in memory'}`,
    ...describeSeed(emulator),
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}

function describeSeed(emulator: RunningEmulator): string[] {
  const seed = emulator.seed;
  if (seed === undefined) return [];
  if (!seed.loaded) return [`  seed:        ${seed.reason}`];
  const { organizations, users, locations } = seed.counts;
  const counted = [
    countOf(organizations, 'organization'),
    countOf(users, 'user'),
    countOf(locations, 'location'),
  ];
  return [`  seed:        ${counted.join(', ')}`];
}

function describeRate(options: EmulatorOptions): string {
  const limit = options.rateLimit;
  if (limit === null || limit === undefined) return 'off';
  return `${limit.ratePerSecond} requests/s per key, burst ${limit.burst}`;
}

function describeFaults(faults: FaultSettings | undefined): string {
  if (faults === undefined) return 'none';
  const parts = [
    faults.latencyMs ? `+${faults.latencyMs} ms` : '',
    faults.latencyJitterMs ? `jitter ${faults.latencyJitterMs} ms` : '',
    faults.errorRate ? `${percent(faults.errorRate)} 5xx` : '',
    faults.resetRate ? `${percent(faults.resetRate)} resets` : '',
    faults.dropAfterCommitRate
      ? `${percent(faults.dropAfterCommitRate)} dropped after commit (${faults.dropMode ?? 'reset'})`
      : '',
  ].filter((part) => part !== '');
  return parts.length === 0
    ? 'none'
    : `${parts.join(', ')}, seed ${String(faults.seed ?? 1)}`;
}

function describePerKey(options: EmulatorOptions): string {
  const labels = Object.keys(options.faultsByKey ?? {});
  return labels.length === 0 ? '' : `; own settings for ${labels.join(', ')}`;
}

const percent = (rate: number): string => `${+(rate * 100).toFixed(2)}%`;
