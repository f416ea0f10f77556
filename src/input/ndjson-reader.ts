import { InputError } from './input-error.js';
import { flattenCustomer } from './json-flatten.js';
import { JsonSyntaxError, parseJsonValue } from './json-value.js';
import type { FlatRow, RecordSource } from './records.js';

/** One line longer than this (in characters) stops the file. */
export const MAX_NDJSON_LINE_CHARS = 4 * 1024 * 1024;

/**
 * Reads NDJSON (JSON Lines): one customer object per line, shaped as described
 * in `json-flatten.ts`. Blank lines are skipped. Lines are independent, so a
 * line that is not valid JSON becomes a row with a `json-syntax` problem and
 * reading goes on.
 */
export async function* readNdjson(
  text: AsyncIterable<string>,
  options: { file: string },
): AsyncGenerator<FlatRow> {
  let rest = '';
  let line = 1;
  for await (const chunk of text) {
    const joined = rest.length === 0 ? chunk : rest + chunk;
    let start = 0;
    for (let end = joined.indexOf('\n'); end !== -1; end = joined.indexOf('\n', start)) {
      yield* lineRows(options.file, joined.slice(start, end), line);
      line += 1;
      start = end + 1;
    }
    rest = joined.slice(start);
    if (rest.length > MAX_NDJSON_LINE_CHARS) throw tooLong(options.file, line);
  }
  yield* lineRows(options.file, rest, line);
}

/** The rows of one line: none for a blank line, one per customer part otherwise. */
function lineRows(file: string, lineText: string, line: number): FlatRow[] {
  const text = lineText.endsWith('\r') ? lineText.slice(0, -1) : lineText;
  if (text.trim().length === 0) return [];
  const source: RecordSource = {
    file,
    format: 'ndjson',
    line,
    endLine: line,
    raw: { kind: 'json', text },
  };
  try {
    return flattenCustomer(parseJsonValue(text, { line, column: 1 }), text, source);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const problem = {
      code: 'json-syntax',
      file,
      line,
      reason: `this line is not valid JSON: at column ${error.column}, ${error.message}`,
      hint: 'Each line must hold one complete JSON object; correct or remove the line',
    };
    return [{ source, values: {}, problems: [problem] }];
  }
}

function tooLong(file: string, line: number): InputError {
  return new InputError({
    file,
    line,
    problem: `this line is longer than ${MAX_NDJSON_LINE_CHARS / (1024 * 1024)} MiB`,
    action: 'Check that the file holds one JSON object per line',
  });
}
