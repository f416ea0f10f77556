import yargs from 'yargs';
import type { CommandModule } from 'yargs';
import { EMULATOR_SWITCHES, emulatorCommand } from './emulator.js';
import { API_SWITCHES } from './api-flags.js';
import { PLAN_COMMAND_SWITCHES, planCommand } from './plan.js';
import { PLAN_SWITCHES } from './plan-flags.js';
import { VALIDATE_SWITCHES, validateCommand } from './validate.js';
import { APPLY_SWITCHES, applyCommand } from './apply.js';
import { RESUME_SWITCHES, resumeCommand } from './resume.js';
import { RETRY_SWITCHES, retryFailedCommand } from './retry-failed.js';
import { RUN_SWITCHES } from './run-flags.js';
import { VIEW_SWITCHES, runsCommand, statusCommand } from './runs.js';
import { reportCommand } from './report.js';
import { CONFIG_SWITCHES, configCommand } from './config.js';
import { describeBug, isExitError, usageError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { maskKnownSecrets } from '../secrets/known-secrets.js';
import { VERSION } from '../version.js';

const COMMANDS = [
  validateCommand,
  planCommand,
  applyCommand,
  resumeCommand,
  retryFailedCommand,
  runsCommand,
  statusCommand,
  reportCommand,
  configCommand,
  emulatorCommand,
] as CommandModule[];

/** Each command's on/off flags: yargs reads `--strict=maybe` as off, silently. */
const SWITCHES: Record<string, readonly string[]> = {
  emulator: EMULATOR_SWITCHES,
  validate: VALIDATE_SWITCHES,
  plan: [...PLAN_COMMAND_SWITCHES, ...PLAN_SWITCHES, ...API_SWITCHES],
  apply: [...APPLY_SWITCHES, ...RUN_SWITCHES, ...PLAN_SWITCHES, ...API_SWITCHES],
  resume: [...RESUME_SWITCHES, ...RUN_SWITCHES, ...API_SWITCHES],
  'retry-failed': [...RETRY_SWITCHES, ...RUN_SWITCHES, ...API_SWITCHES],
  runs: VIEW_SWITCHES,
  status: VIEW_SWITCHES,
  config: [...CONFIG_SWITCHES, ...API_SWITCHES],
};

/** Refuses `--switch=value` unless the value is true or false. */
function checkSwitches(argv: readonly string[]): void {
  const switches = SWITCHES[argv[0] ?? ''] ?? [];
  for (const token of argv) {
    const match = /^--(?:no-)?([a-z][a-z-]*)=(.*)$/s.exec(token);
    if (match === null || !switches.includes(match[1] ?? '')) continue;
    if (match[2] === 'true' || match[2] === 'false') continue;
    const flag = match[1] ?? '';
    throw usageError(
      `--${flag} is on or off: give --${flag} or --no-${flag}; got ${JSON.stringify(match[2])}`,
    );
  }
}

/** Parses the command line, runs one command and returns the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const known = COMMANDS.some((c) => String(c.command).split(' ')[0] === argv[0]);
  const helpHint = `Run \`aa-sync${known ? ` ${argv[0]}` : ''} --help\` for usage.`;
  const parser = yargs(argv as string[])
    .scriptName('aa-sync')
    .usage('$0 <command> [options]')
    .command(COMMANDS)
    .demandCommand(1, 'Name a command; `aa-sync --help` lists them.')
    .strict()
    .recommendCommands()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    // yargs goes on to run the command when this callback returns: throw to stop it.
    .fail((message, error) => {
      if (error !== undefined && error !== null && !isYargsError(error)) throw error;
      const text = message ?? error?.message ?? 'bad command line';
      throw usageError(`${text}\n${helpHint}`);
    })
    // Numbers stay text until each command checks them: "0x10" or "1e3" is not a port.
    .parserConfiguration({ 'parse-numbers': false, 'parse-positional-numbers': false });
  try {
    checkSwitches(argv);
    await parser.parseAsync();
  } catch (error) {
    return reportFailure(error);
  }
  return Number(process.exitCode ?? EXIT.ok);
}

/** yargs reports its own usage errors (a flag missing its value, say) as YError. */
function isYargsError(error: unknown): boolean {
  return error instanceof Error && error.name === 'YError';
}

function reportFailure(error: unknown): number {
  if (isExitError(error)) {
    process.stderr.write(`aa-sync: ${maskKnownSecrets(error.message)}\n`);
    return error.exitCode;
  }
  process.stderr.write(`${maskKnownSecrets(describeBug(error))}\n`);
  return EXIT.internal;
}
