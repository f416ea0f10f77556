import { InputError } from './input-error.js';
import { flattenCustomer } from './json-flatten.js';
import type { JsonPlace } from './json-value.js';
import {
  describeFound,
  JsonSyntaxError,
  MAX_JSON_DEPTH,
  parseJsonValue,
} from './json-value.js';
import type { FlatRow, RecordSource } from './records.js';

export { flattenCustomer } from './json-flatten.js';

/** One customer's JSON text longer than this (in characters) stops the file. */
export const MAX_JSON_RECORD_CHARS = 4 * 1024 * 1024;

/** One element of the top-level array: its exact text and where it is written. */
interface Element extends JsonPlace {
  text: string;
  endLine: number;
}

/**
 * Reads a JSON file holding an array of customer objects (the shape is described
 * in `json-flatten.ts`), element by element: only one element is held in memory.
 */
export async function* readJson(
  text: AsyncIterable<string>,
  options: { file: string },
): AsyncGenerator<FlatRow> {
  const splitter = new ArraySplitter(options.file);
  let index = 0;
  for await (const chunk of text) {
    for (const element of splitter.feed(chunk)) {
      yield* elementRows(options.file, element, index);
      index += 1;
    }
  }
  splitter.end();
}

function elementRows(file: string, element: Element, index: number): FlatRow[] {
  let node;
  try {
    node = parseJsonValue(element.text, element, 1);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw syntaxError(file, error, error.message);
    throw error;
  }
  const source: RecordSource = {
    file,
    format: 'json',
    line: element.line,
    endLine: element.endLine,
    raw: { kind: 'json', text: element.text },
  };
  return flattenCustomer(node, element.text, source, `[${index}]`);
}

function syntaxError(file: string, place: JsonPlace, problem: string): InputError {
  return new InputError({
    file,
    line: place.line,
    column: place.column,
    problem: `invalid JSON: ${problem}`,
    action: 'Correct the file at this place and run again',
  });
}

const Where = {
  beforeArray: 0,
  firstElement: 1,
  nextElement: 2,
  inElement: 3,
  afterElement: 4,
  afterArray: 5,
} as const;
type Where = (typeof Where)[keyof typeof Where];

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const COLON = 0x3a;

function isSpace(code: number): boolean {
  return code === SPACE || code === LF || code === CR || code === TAB;
}

/**
 * Finds where each element of the top-level array starts and ends, across
 * chunks, by tracking strings and brackets; the element's text is then parsed
 * on its own. Errors outside elements (and bracket mismatches) are reported here.
 */
class ArraySplitter {
  private where: Where = Where.beforeArray;
  private line = 1;
  private column = 0;
  private chunk = '';
  /** Text of the current element from earlier chunks. */
  private parts: string[] = [];
  private partsLength = 0;
  private start = 0;
  private startPlace: JsonPlace = { line: 1, column: 1 };
  /** Open brackets of the current element; empty for a string or literal. */
  private brackets: number[] = [];
  private inString = false;
  private escaped = false;
  private literal = false;

  constructor(private readonly file: string) {}

  feed(chunk: string): Element[] {
    const elements: Element[] = [];
    this.chunk = chunk;
    this.start = 0;
    for (let index = 0; index < chunk.length; index += 1) {
      const code = chunk.charCodeAt(index);
      if (code === LF) {
        this.line += 1;
        this.column = 0;
      } else {
        this.column += 1;
      }
      if (this.where === Where.inElement) {
        const element = this.inElement(code, index);
        if (element !== undefined) elements.push(element);
      } else if (!isSpace(code)) {
        this.outside(code, index);
      }
    }
    if (this.where === Where.inElement) this.keep(chunk.slice(this.start));
    return elements;
  }

  end(): void {
    if (this.where === Where.afterArray) return;
    const place = { line: this.line, column: this.column + 1 };
    const problem =
      this.where === Where.beforeArray
        ? 'the file is empty: expected a JSON array of customers'
        : "the file ends before the array is closed with ']'";
    throw syntaxError(this.file, place, problem);
  }

  private outside(code: number, index: number): void {
    switch (this.where) {
      case Where.beforeArray:
        if (code === OPEN_ARRAY) this.where = Where.firstElement;
        else throw this.notAnArray(index);
        return;
      case Where.firstElement:
      case Where.nextElement:
        if (code === CLOSE_ARRAY && this.where === Where.firstElement) {
          this.where = Where.afterArray;
        } else if (code === CLOSE_ARRAY || code === COMMA) {
          const after =
            this.where === Where.firstElement ? "a value or ']'" : "a value after ','";
          throw this.unexpected(index, `expected ${after}`);
        } else {
          this.begin(code, index);
        }
        return;
      case Where.afterElement:
        if (code === COMMA) this.where = Where.nextElement;
        else if (code === CLOSE_ARRAY) this.where = Where.afterArray;
        else
          throw this.unexpected(
            index,
            "expected ',' or ']' after an element of the array",
          );
        return;
      case Where.afterArray:
        throw this.unexpected(index, "expected nothing after the array's closing ']'");
      case Where.inElement:
        return;
    }
  }

  private begin(code: number, index: number): void {
    if (code === CLOSE_OBJECT || code === COLON) {
      throw this.unexpected(index, 'expected a value');
    }
    this.where = Where.inElement;
    this.start = index;
    this.parts = [];
    this.partsLength = 0;
    this.startPlace = { line: this.line, column: this.column };
    this.literal = code !== QUOTE && code !== OPEN_ARRAY && code !== OPEN_OBJECT;
    this.inString = code === QUOTE;
    if (code === OPEN_ARRAY || code === OPEN_OBJECT) this.open(code, index);
  }

  /** Handles one character of an element; returns the element when it ends. */
  private inElement(code: number, index: number): Element | undefined {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (code === BACKSLASH) this.escaped = true;
      else if (code === QUOTE) {
        this.inString = false;
        if (this.brackets.length === 0) return this.finish(index + 1, Where.afterElement);
      }
      return undefined;
    }
    if (this.literal) {
      if (!isSpace(code) && code !== COMMA && code !== CLOSE_ARRAY) return undefined;
      const element = this.finish(index, Where.afterElement);
      // The character that ended the literal belongs to what follows it.
      if (!isSpace(code)) this.outside(code, index);
      return element;
    }
    if (code === QUOTE) this.inString = true;
    else if (code === OPEN_ARRAY || code === OPEN_OBJECT) this.open(code, index);
    else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT)
      return this.close(code, index);
    return undefined;
  }

  private open(code: number, index: number): void {
    // The top-level array is the first level.
    if (this.brackets.length + 1 >= MAX_JSON_DEPTH) {
      throw this.unexpected(
        index,
        `arrays and objects nest deeper than ${MAX_JSON_DEPTH} levels`,
      );
    }
    this.brackets.push(code === OPEN_ARRAY ? CLOSE_ARRAY : CLOSE_OBJECT);
  }

  private close(code: number, index: number): Element | undefined {
    const expected = this.brackets.pop();
    if (code !== expected) {
      const wanted = expected === CLOSE_ARRAY ? "']'" : "'}'";
      throw this.unexpected(index, `expected ${wanted} or a value`);
    }
    return this.brackets.length === 0
      ? this.finish(index + 1, Where.afterElement)
      : undefined;
  }

  private finish(end: number, next: Where): Element {
    const last = this.chunk.slice(this.start, end);
    const text = this.parts.length === 0 ? last : this.parts.join('') + last;
    this.parts = [];
    this.partsLength = 0;
    this.where = next;
    // A literal ends at the character after it, which may be a line break.
    const endLine = this.literal ? this.startPlace.line : this.line;
    return { ...this.startPlace, text, endLine };
  }

  private keep(text: string): void {
    this.parts.push(text);
    this.partsLength += text.length;
    if (this.partsLength > MAX_JSON_RECORD_CHARS) {
      throw new InputError({
        file: this.file,
        line: this.startPlace.line,
        column: this.startPlace.column,
        problem: `the array element starting here is longer than ${MAX_JSON_RECORD_CHARS / (1024 * 1024)} MiB`,
        action: 'Look for a string whose closing quote is missing, or split the customer',
      });
    }
  }

  private unexpected(index: number, expected: string): InputError {
    const place = { line: this.line, column: this.column };
    return syntaxError(
      this.file,
      place,
      `${expected}, found ${describeFound(this.chunk, index)}`,
    );
  }

  private notAnArray(index: number): InputError {
    return new InputError({
      file: this.file,
      line: this.line,
      column: this.column,
      problem: `the file must hold a JSON array of customers ([{...}, ...]); found ${describeFound(this.chunk, index)}`,
      action: 'If the file holds one customer object per line, pass --format ndjson',
    });
  }
}
