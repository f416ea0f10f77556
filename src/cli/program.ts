import yargs from 'yargs';
import { emulatorCommand } from './emulator.js';
import { describeBug, isExitError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { VERSION } from '../version.js';

/** Parses the command line, runs one command and returns the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  let usageFailure: string | undefined;
  const parser = yargs(argv as string[])
    .scriptName('aa-sync')
    .usage('$0 <command> [options]')
    .command(emulatorCommand)
    .demandCommand(1, 'Name a command; `aa-sync --help` lists them.')
    .strict()
    .recommendCommands()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      if (error !== undefined && error !== null) throw error;
      usageFailure = message;
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    return reportFailure(error);
  }
  if (usageFailure !== undefined) {
    process.stderr.write(`aa-sync: ${usageFailure}\nRun \`aa-sync --help\` for usage.\n`);
    return EXIT.usage;
  }
  return Number(process.exitCode ?? EXIT.ok);
}

function reportFailure(error: unknown): number {
  if (isExitError(error)) {
    process.stderr.write(`aa-sync: ${error.message}\n`);
    return error.exitCode;
  }
  process.stderr.write(`${describeBug(error)}\n`);
  return EXIT.internal;
}
