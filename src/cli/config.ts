/**
 * `aa-sync config`: the settings a command line would resolve to, each with
 * where it came from (flag, environment, profile, default), and whether the
 * key is set, masked. Makes no API call; a missing key is shown, not an error.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { renderSettingsJson, renderSettingsText } from '../config/describe-settings.js';
import { keyStatus } from '../config/mask-key.js';
import type { PaceFlags } from './run-flags.js';
import { withPaceFlags } from './run-flags.js';
import type { TargetFlags } from './api-flags.js';
import {
  baseUrlSource,
  checkBaseUrl,
  keyVariableName,
  readKeyValue,
  withTargetFlags,
} from './api-flags.js';
import type { StateFlags } from './common-flags.js';
import { withStateFlags } from './common-flags.js';
import type { ReportFlags } from './report-flags.js';
import { withReportFlags } from './report-flags.js';

type ConfigCommandFlags = TargetFlags &
  PaceFlags &
  StateFlags &
  ReportFlags & { json: boolean };

export const CONFIG_SWITCHES = ['json'] as const;

function builder(argv: Argv): Argv<ConfigCommandFlags> {
  return withReportFlags(withStateFlags(withPaceFlags(withTargetFlags(argv))))
    .option('json', {
      type: 'boolean',
      default: false,
      describe: 'Print the settings as one JSON object',
    })
    .example('$0 config', 'Show the settings and where each comes from')
    .example(
      '$0 config --profile playground --rate 5',
      'Show what that command line would use',
    );
}

function handler(args: ArgumentsCamelCase<ConfigCommandFlags>): void {
  const { settings } = args;
  // The same checks as a command that calls the API, so that config fails where it would.
  checkBaseUrl(settings.baseUrl.value, baseUrlSource(settings.baseUrl));
  const named = keyVariableName(settings.apiKeyEnv);
  const key = keyStatus(
    readKeyValue(settings.apiKeyEnv, process.env),
    named,
    named === settings.apiKeyEnv.value,
  );
  process.stdout.write(
    args.json
      ? renderSettingsJson(settings, key)
      : renderSettingsText(settings, key, process.cwd()),
  );
  for (const notice of settings.notices)
    process.stderr.write(`aa-sync: note: ${notice}\n`);
}

export const configCommand: CommandModule<object, ConfigCommandFlags> = {
  command: 'config',
  describe: 'Show the resolved settings and where each comes from (the key masked)',
  builder,
  handler,
};
