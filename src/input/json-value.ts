/**
 * A JSON parser that keeps where each value is written. JSON.parse loses
 * positions, and aa-sync's messages name the line and path of every value.
 */

import { quoteValue, visibleText } from './problem-text.js';

/** Nesting deeper than this (counting the file's top-level array) stops the file. */
export const MAX_JSON_DEPTH = 32;

/** A 1-based line and a 1-based character position in that line. */
export interface JsonPlace {
  line: number;
  column: number;
}

interface NodeBase extends JsonPlace {
  /** Index of the value's first character in the parsed text. */
  start: number;
  /** Index just past the value's last character. */
  end: number;
}

export type JsonNode =
  | (NodeBase & { type: 'string'; value: string })
  | (NodeBase & { type: 'number' | 'boolean' | 'null' })
  | (NodeBase & { type: 'object'; members: JsonMember[] })
  | (NodeBase & { type: 'array'; items: JsonNode[] });

export interface JsonMember extends JsonPlace {
  key: string;
  value: JsonNode;
}

/** Malformed JSON, with the place where the parser gave up. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

/**
 * Parses `text`, one complete JSON value, written at `origin` in its file.
 * `outerDepth` is how many arrays or objects already enclose it there.
 */
export function parseJsonValue(
  text: string,
  origin: JsonPlace,
  outerDepth = 0,
): JsonNode {
  return new PositionedParser(text, origin).document(outerDepth);
}

/** How a character found where something else was expected reads in a message. */
export function describeFound(text: string, index: number): string {
  if (index >= text.length) return 'the end of the text';
  const char = String.fromCodePoint(text.codePointAt(index) ?? 0);
  if (char === '\n' || char === '\r') return 'a line break';
  // Binary files and stray escape sequences land here: never print them raw.
  return `'${visibleText(char)}'`;
}

const LITERALS = [
  ['true', 'boolean'],
  ['false', 'boolean'],
  ['null', 'null'],
] as const;
const ESCAPABLE = '"\\/bfnrtu';
const HEX_DIGITS_IN_ESCAPE = 4;

class PositionedParser {
  private at = 0;
  private line: number;
  /** Index where the current line starts, and that character's column. */
  private lineStart = 0;
  private lineStartColumn: number;

  constructor(
    private readonly text: string,
    origin: JsonPlace,
  ) {
    this.line = origin.line;
    this.lineStartColumn = origin.column;
  }

  document(outerDepth: number): JsonNode {
    this.skipSpace();
    const node = this.value(outerDepth);
    this.skipSpace();
    if (this.at < this.text.length) this.fail('expected the end of the value');
    return node;
  }

  private value(depth: number): JsonNode {
    const char = this.text.charAt(this.at);
    if (char === '{') return this.object(depth + 1);
    if (char === '[') return this.array(depth + 1);
    const { line, column } = this.place(this.at);
    const start = this.at;
    if (char === '"') {
      const value = this.string();
      return { type: 'string', value, line, column, start, end: this.at };
    }
    if (char === '-' || (char >= '0' && char <= '9')) {
      this.number();
      return { type: 'number', line, column, start, end: this.at };
    }
    for (const [word, type] of LITERALS) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return { type, line, column, start, end: this.at };
      }
    }
    return this.fail(
      'expected a value (a string in quotes, number, object, array, true, false or null)',
    );
  }

  /** Where an object or array opens: checks the depth and steps past the bracket. */
  private open(depth: number): {
    line: number;
    column: number;
    start: number;
    end: number;
  } {
    this.checkDepth(depth);
    const { line, column } = this.place(this.at);
    const start = this.at;
    this.at += 1;
    this.skipSpace();
    return { line, column, start, end: 0 };
  }

  private object(depth: number): JsonNode {
    const node: JsonNode = { type: 'object', members: [], ...this.open(depth) };
    if (this.take('}')) return this.close(node);
    for (;;) {
      if (this.text.charAt(this.at) !== '"') this.fail('expected a key in quotes');
      const place = this.place(this.at);
      const key = this.string();
      this.skipSpace();
      if (!this.take(':')) this.fail(`expected ':' after the key ${quoteValue(key)}`);
      this.skipSpace();
      const value = this.value(depth);
      node.members.push({ line: place.line, column: place.column, key, value });
      this.skipSpace();
      if (this.take('}')) return this.close(node);
      if (!this.take(',')) this.fail("expected ',' or '}' after a member of an object");
      this.skipSpace();
    }
  }

  private array(depth: number): JsonNode {
    const node: JsonNode = { type: 'array', items: [], ...this.open(depth) };
    if (this.take(']')) return this.close(node);
    for (;;) {
      node.items.push(this.value(depth));
      this.skipSpace();
      if (this.take(']')) return this.close(node);
      if (!this.take(',')) this.fail("expected ',' or ']' after an element of an array");
      this.skipSpace();
    }
  }

  private checkDepth(depth: number): void {
    if (depth > MAX_JSON_DEPTH) {
      this.fail(`arrays and objects nest deeper than ${MAX_JSON_DEPTH} levels`);
    }
  }

  /** Records where a node that was just closed ends. */
  private close(node: JsonNode): JsonNode {
    node.end = this.at;
    return node;
  }

  /** Reads a string starting at the opening quote; returns its decoded value. */
  private string(): string {
    const text = this.text;
    const start = this.at;
    let escaped = false;
    for (let index = start + 1; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (code === 0x22) {
        this.at = index + 1;
        const body = text.slice(start, index + 1);
        return escaped ? (JSON.parse(body) as string) : body.slice(1, -1);
      }
      if (code < 0x20) {
        this.at = index;
        this.fail(
          'a string holds a raw line break or control character; write it as \\n',
        );
      }
      if (code === 0x5c) {
        escaped = true;
        index = this.escape(index);
      }
    }
    this.at = text.length;
    return this.fail('a string is not closed with a quote (")');
  }

  /** Checks the escape at `index` (a backslash); returns the index of its last character. */
  private escape(index: number): number {
    const kind = this.text.charAt(index + 1);
    if (kind === '' || !ESCAPABLE.includes(kind)) {
      this.at = index;
      this.fail(`invalid escape \\${kind} in a string`);
    }
    if (kind !== 'u') return index + 1;
    const hex = this.text.slice(index + 2, index + 2 + HEX_DIGITS_IN_ESCAPE);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
      this.at = index;
      this.fail('invalid \\u escape in a string: it needs four hex digits');
    }
    return index + 1 + HEX_DIGITS_IN_ESCAPE;
  }

  /** Steps over a number, checking its grammar. */
  private number(): void {
    this.take('-');
    if (!this.take('0')) this.digits('expected a digit');
    if (this.take('.')) this.digits("expected a digit after '.'");
    if (this.take('e') || this.take('E')) {
      if (!this.take('+')) this.take('-');
      this.digits('expected a digit in the exponent');
    }
  }

  private digits(message: string): void {
    const first = this.at;
    while (this.at < this.text.length && isDigit(this.text.charCodeAt(this.at)))
      this.at += 1;
    if (this.at === first) this.fail(message);
  }

  private take(char: string): boolean {
    if (this.text.charAt(this.at) !== char) return false;
    this.at += 1;
    return true;
  }

  private skipSpace(): void {
    const text = this.text;
    for (; this.at < text.length; this.at += 1) {
      const code = text.charCodeAt(this.at);
      if (code === 0x0a) {
        this.line += 1;
        this.lineStart = this.at + 1;
        this.lineStartColumn = 1;
      } else if (code !== 0x20 && code !== 0x09 && code !== 0x0d) {
        return;
      }
    }
  }

  private place(index: number): JsonPlace {
    return { line: this.line, column: this.lineStartColumn + index - this.lineStart };
  }

  private fail(expected: string): never {
    const { line, column } = this.place(this.at);
    const found = describeFound(this.text, this.at);
    throw new JsonSyntaxError(`${expected}, found ${found}`, line, column);
  }
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
