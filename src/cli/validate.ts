/**
 * `aa-sync validate`: reads the inputs and reports every problem, without any
 * API call. Exits 0 when every customer is valid (or the rejected ones are
 * within `--max-invalid`), 3 otherwise.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { Assembly } from '../input/assemble.js';
import { maxProblemsOf, problemLines } from './problem-list.js';
import type { LogFlags } from './common-flags.js';
import { loggerFor, withLogFlags } from './common-flags.js';
import type { InputFlags } from './input-flags.js';
import { withInputFlags } from './input-flags.js';
import { enforceMaxInvalid, loadInput, maxInvalidOf } from './load-input.js';
import { exitOnSignal } from './signals.js';
import { countOf } from '../util/count-of.js';

type ValidateFlags = InputFlags & LogFlags & { json: boolean };

export const VALIDATE_SWITCHES = ['json'] as const;

function builder(argv: Argv): Argv<ValidateFlags> {
  return withLogFlags(withInputFlags(argv))
    .option('json', {
      type: 'boolean',
      default: false,
      describe: 'Print the result as one JSON document',
    })
    .example('$0 validate customers.csv', 'Check an export; list every problem')
    .example(
      '$0 validate export.csv --map headers.json --encoding windows-1252',
      'An export with its own headers, saved by an old spreadsheet',
    );
}

async function handler(args: ArgumentsCamelCase<ValidateFlags>): Promise<void> {
  exitOnSignal('validate');
  const limit = maxInvalidOf(args);
  const maxProblems = maxProblemsOf(args.maxProblems);
  const logger = loggerFor(args);
  const { assembly } = await loadInput(args, logger);
  process.stdout.write(
    args.json
      ? `${JSON.stringify(asJson(assembly), null, 2)}\n`
      : asText(assembly, maxProblems),
  );
  enforceMaxInvalid(limit, assembly);
}

function asText(assembly: Assembly, maxProblems: number): string {
  const lines = problemLines(
    assembly.problems,
    maxProblems,
    'give a larger --max-problems, or --json, to see them all',
  );
  lines.push(summaryOf(assembly));
  return `${lines.join('\n')}\n`;
}

/** `2,891 records: 2,410 customers, 2,020 valid, 390 rejected (512 problems).` */
export function summaryOf(assembly: Assembly): string {
  const { counts, problems } = assembly;
  return (
    `${countOf(counts.records, 'record')}: ${countOf(counts.customers, 'customer')}, ` +
    `${counts.accepted.toLocaleString('en-US')} valid, ` +
    `${counts.rejected.toLocaleString('en-US')} rejected (${countOf(problems.length, 'problem')}).`
  );
}

function asJson(assembly: Assembly): object {
  return {
    counts: assembly.counts,
    rejected: assembly.rejected.map((entry) => ({
      key: entry.key,
      records: entry.records.map(({ file, line, endLine }) => ({ file, line, endLine })),
      problems: entry.problems,
    })),
  };
}

export const validateCommand: CommandModule<object, ValidateFlags> = {
  command: 'validate <inputs..>',
  describe: 'Check export files and list every problem, without calling the API',
  builder,
  handler,
};
