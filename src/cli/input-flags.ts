/** The flags that say how to read the input files, shared by validate, plan and apply. */
import type { Argv } from 'yargs';
import { INPUT_FORMATS } from '../input/records.js';
import type { InputFormat } from '../input/records.js';

export const SUPPORTED_ENCODINGS = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1252',
  'latin1',
] as const;

export interface InputFlags {
  inputs: string[];
  format?: InputFormat;
  encoding: (typeof SUPPORTED_ENCODINGS)[number];
  delimiter?: string;
  map?: string;
  maxInvalid?: string;
  maxProblems?: string;
}

export function withInputFlags<T>(argv: Argv<T>): Argv<T & InputFlags> {
  return argv
    .positional('inputs', {
      type: 'string',
      array: true,
      describe: 'Export files (CSV, JSON array or NDJSON); several feed one run',
    })
    .option('format', {
      choices: INPUT_FORMATS,
      describe: 'Format of every input (default: from each file extension)',
    })
    .option('encoding', {
      choices: SUPPORTED_ENCODINGS,
      default: 'utf-8' as const,
      describe: 'Text encoding when a file has no byte order mark',
    })
    .option('delimiter', {
      type: 'string',
      requiresArg: true,
      describe: 'CSV delimiter (default: detected from the file)',
    })
    .option('map', {
      type: 'string',
      requiresArg: true,
      describe: 'JSON file mapping canonical fields to your export’s headers',
    })
    .option('max-invalid', {
      type: 'string',
      requiresArg: true,
      describe: 'Most rejected customers to accept, as a count (5) or a share (2%)',
    })
    .option('max-problems', {
      type: 'string',
      requiresArg: true,
      describe: 'List at most N input problems, then count the rest (default: all)',
    }) as unknown as Argv<T & InputFlags>;
}
