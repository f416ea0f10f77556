/**
 * Reads and validates the inputs named on the command line: the first stage of
 * validate, plan and apply. No API call happens here.
 */
import type { Logger } from 'winston';
import type { Assembly } from '../input/assemble.js';
import { assembleCustomers } from '../input/assemble.js';
import type { MaxInvalid } from '../input/max-invalid.js';
import { checkMaxInvalid, parseMaxInvalid } from '../input/max-invalid.js';
import type { FileDigest } from '../input/read-inputs.js';
import { loadHeaderMap, readInputs } from '../input/read-inputs.js';
import { ExitError, usageError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { countOf } from '../util/count-of.js';
import type { InputFlags } from './input-flags.js';

export interface LoadedInput {
  assembly: Assembly;
  /** `{file, sha256, bytes}` of every input, for the plan's fingerprints. */
  digests: readonly FileDigest[];
}

/** The `--max-invalid` limit, checked before any file is read. */
export function maxInvalidOf(flags: InputFlags): MaxInvalid | undefined {
  if (Array.isArray(flags.maxInvalid)) {
    throw usageError(
      `--max-invalid was given ${flags.maxInvalid.length} times; give it once`,
    );
  }
  return flags.maxInvalid === undefined ? undefined : parseMaxInvalid(flags.maxInvalid);
}

/** Reads every input and assembles the customers; throws ExitErrors for unreadable files. */
export async function loadInput(flags: InputFlags, logger: Logger): Promise<LoadedInput> {
  if (flags.inputs.length === 0) {
    throw usageError('name at least one input file (CSV, JSON or NDJSON)');
  }
  const map = flags.map === undefined ? undefined : await loadHeaderMap(flags.map);
  const reading = readInputs(flags.inputs, {
    format: flags.format,
    encoding: flags.encoding,
    delimiter: flags.delimiter,
    map,
  });
  const assembly = await assembleCustomers(reading, { headerGaps: reading.headerGaps });
  if (assembly.counts.records === 0) {
    throw new ExitError(
      EXIT.invalidInput,
      `${flags.inputs.join(', ')}: no customer records, only headers or nothing: an export ` +
        'that came out empty usually means the export itself failed; check it and run again',
    );
  }
  const { counts } = assembly;
  logger.debug('read the input', {
    files: flags.inputs.length,
    records: counts.records,
    customers: counts.customers,
    rejected: counts.rejected,
  });
  return { assembly, digests: reading.digests };
}

/**
 * Throws the "too many invalid rows" error when the limit is exceeded. Without
 * `--max-invalid` the limit is zero: leaving customers out is a choice the
 * partner makes with the flag, never a silent default.
 */
export function enforceMaxInvalid(
  limit: MaxInvalid | undefined,
  assembly: Assembly,
): void {
  if (limit !== undefined) {
    const error = checkMaxInvalid(limit, assembly.counts);
    if (error !== undefined) throw error;
    return;
  }
  const { rejected } = assembly.counts;
  if (rejected === 0) return;
  throw new ExitError(
    EXIT.invalidInput,
    `${countOf(rejected, 'customer')} rejected: fix the rows listed above, or give ` +
      '--max-invalid to accept a few rejects',
  );
}
