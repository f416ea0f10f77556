import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { EmulatorOptions, RunningEmulator } from '../emulator/index.js';
import {
  EmulatorConfigError,
  SeedError,
  StateFileError,
  loadSeedFile,
  startEmulator,
} from '../emulator/index.js';
import { emulatorOptionsFromFlags, type EmulatorFlags } from './emulator-flags.js';
import { ExitError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { describeStartup } from './emulator-banner.js';

function builder(argv: Argv): Argv<EmulatorFlags> {
  return argv
    .option('host', {
      type: 'string',
      default: '127.0.0.1',
      describe: 'Address to listen on (keep it on loopback unless you mean to share it)',
    })
    .option('port', {
      default: 4010,
      requiresArg: true,
      describe: 'TCP port; 0 picks a free one',
    })
    .option('key', {
      type: 'string',
      array: true,
      requiresArg: true,
      describe: 'An API key to accept, as PARTNER:KEY (repeat for more keys or partners)',
    })
    .option('control-token', {
      type: 'string',
      requiresArg: true,
      describe: 'Token for the /_emulator control endpoints (random when omitted)',
    })
    .option('rate', {
      default: 10,
      requiresArg: true,
      describe: 'Requests per second per key',
    })
    .option('burst', {
      default: 20,
      requiresArg: true,
      describe: 'Requests a key may burst',
    })
    .option('rate-limit', {
      type: 'boolean',
      default: true,
      describe: 'Limit each key’s rate',
    })
    .option('strict', {
      type: 'boolean',
      default: false,
      describe: 'Return only the response fields the reference documents',
    })
    .option('state-file', {
      type: 'string',
      requiresArg: true,
      describe:
        'SQLite file that keeps the state across restarts (in memory when omitted)',
    })
    .option('seed', {
      type: 'string',
      requiresArg: true,
      describe: 'JSON seed file to preload',
    })
    .option('activation-delay-ms', {
      default: 0,
      requiresArg: true,
      describe: 'Milliseconds before a new number turns from pending to active',
    })
    .option('fault-seed', {
      requiresArg: true,
      describe: 'Seed of the fault draws; the same seed repeats the faults (default 1)',
    })
    .option('latency-ms', {
      requiresArg: true,
      describe: 'Milliseconds added to every request (default 0)',
    })
    .option('latency-jitter-ms', {
      requiresArg: true,
      describe: 'Plus a random 0 to this many milliseconds (default 0)',
    })
    .option('error-rate', {
      requiresArg: true,
      describe: 'Share of requests answered 500/502/503 without the work, 0 to 1',
    })
    .option('reset-rate', {
      requiresArg: true,
      describe: 'Share of connections reset without the work, 0 to 1',
    })
    .option('drop-rate', {
      requiresArg: true,
      describe:
        'Share of writes committed, then answered with a dropped connection, 0 to 1',
    })
    .option('drop-mode', {
      choices: ['reset', 'hang'] as const,
      describe:
        'How a dropped answer looks: a reset, or no answer at all (default reset)',
    })
    .option('faults-file', {
      type: 'string',
      requiresArg: true,
      describe:
        'JSON file {"global": {...}, "perKey": {"demo#1": {...}}} of fault settings',
    })
    .option('json', {
      type: 'boolean',
      default: false,
      describe: 'Print the startup details as one JSON line',
    })
    .example('$0 emulator', 'Serve partner "demo" with key sk_test_demo on port 4010')
    .example(
      '$0 emulator --port 0 --key acme:sk_test_acme --key beta:sk_test_beta --no-rate-limit',
      'Two partners, a free port, no rate limit',
    )
    .example(
      '$0 emulator --error-rate 0.05 --drop-rate 0.02 --fault-seed 7 --state-file emu.db',
      'Rehearse against faults, keeping the state across restarts',
    ) as unknown as Argv<EmulatorFlags>;
}

async function handler(args: ArgumentsCamelCase<EmulatorFlags>): Promise<void> {
  const options: EmulatorOptions = emulatorOptionsFromFlags(args, loadSeedFile);
  // Listen for signals before anything is printed: whoever reads the banner may
  // signal at once, and an unhandled SIGINT would kill the process uncleanly.
  const stopped = untilSignal();
  const emulator = await start(options);
  process.stdout.write(describeStartup(emulator, options, args.json));
  await stopped;
  await emulator.close();
}

async function start(options: EmulatorOptions): Promise<RunningEmulator> {
  try {
    return await startEmulator(options);
  } catch (error) {
    throw explainStartFailure(error, options);
  }
}

/** Turns what can stop the emulator from starting into a message and an exit code. */
function explainStartFailure(error: unknown, options: EmulatorOptions): unknown {
  if (error instanceof EmulatorConfigError) {
    return new ExitError(EXIT.usage, inFlagTerms(error.message), { cause: error });
  }
  if (error instanceof StateFileError) {
    return new ExitError(EXIT.io, inFlagTerms(error.message), { cause: error });
  }
  if (error instanceof SeedError) {
    return new ExitError(EXIT.invalidInput, `--seed: ${error.message}`, { cause: error });
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    const where = `${options.host}:${options.port}`;
    return new ExitError(
      EXIT.io,
      `cannot listen on ${where} (${code}); pick another --port, or --port 0 for a free one`,
      { cause: error },
    );
  }
  return error;
}

/** The emulator's option names, as the flags that set them. */
const FLAG_OF_OPTION: Record<string, string> = {
  host: '--host',
  port: '--port',
  controlToken: '--control-token',
  stateFile: '--state-file',
  activationDelayMs: '--activation-delay-ms',
  faultsByKey: '--faults-file perKey',
};

/**
 * Says a message of the emulator's in the words of the command line. The
 * camel-case names are unambiguous anywhere; "host" and "port" only as the
 * subject that opens the message ("host name" is plain English).
 */
function inFlagTerms(message: string): string {
  const flag = (option: string): string => FLAG_OF_OPTION[option] ?? option;
  return message
    .replace(/\b(controlToken|stateFile|activationDelayMs|faultsByKey)\b/g, flag)
    .replace(/^(host|port)\b/, flag);
}

/** Resolves on the first SIGINT or SIGTERM; a second one ends the process at once. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    let received = 0;
    const onSignal = (): void => {
      received += 1;
      if (received > 1) process.exit(EXIT.interrupted);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** The on/off flags of `aa-sync emulator`. */
export const EMULATOR_SWITCHES = ['rate-limit', 'strict', 'json'] as const;

export const emulatorCommand: CommandModule<object, EmulatorFlags> = {
  command: 'emulator',
  describe: 'Run the Partner API emulator for tests and migration rehearsals',
  builder,
  handler,
};
