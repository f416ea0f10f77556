/**
 * Reads a config file into plain values plus the line and column of each
 * field, so that every problem found later can point at its place. JSON is
 * checked with JSON.parse; both formats are then walked with the `yaml`
 * parser (JSON is YAML 1.2), which knows where each node starts.
 */
import { readFileSync } from 'node:fs';
import type { Document, Node } from 'yaml';
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { ExitError, usageError } from '../cli/errors.js';
import { EXIT } from '../cli/exit-codes.js';
import type { ConfigProblem } from './config-problem.js';
import { configError } from './config-problem.js';
import { jsonSyntaxProblem } from './json-syntax.js';
import type { ConfigSource, Position } from './settings-types.js';

/** A parsed file: its value and where each field's key and value start. */
export interface LocatedDocument {
  value: unknown;
  keyAt(path: readonly string[]): Position | undefined;
  valueAt(path: readonly string[]): Position | undefined;
}

interface Places {
  keys: Map<string, Position>;
  values: Map<string, Position>;
}

/** Reads and parses `source`; a syntax error is a usage error with its line and column. */
export function readConfig(source: ConfigSource): LocatedDocument {
  const text = readText(source);
  const json = source.absolute.toLowerCase().endsWith('.json');
  if (json) {
    const problem = jsonSyntaxProblem(text);
    if (problem !== undefined) throw configError(source, [problem]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const problems = yamlProblems(doc, lines, json ? 'JSON' : 'YAML');
  if (problems.length > 0) throw configError(source, problems);
  const places: Places = { keys: new Map(), values: new Map() };
  walk(doc.contents, [], lines, places);
  return {
    value: json ? (JSON.parse(text) as unknown) : doc.toJS({ maxAliasCount: 100 }),
    keyAt: (path) => places.keys.get(keyOf(path)),
    valueAt: (path) => places.values.get(keyOf(path)),
  };
}

function readText(source: ConfigSource): string {
  try {
    return readFileSync(source.absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    if (code === 'ENOENT' || code === 'EISDIR') {
      throw usageError(
        `--config ${source.shown}: ${code === 'ENOENT' ? 'no such file' : 'a directory, not a file'} ` +
          `(${source.absolute}); name an existing .json, .yaml or .yml file`,
      );
    }
    throw new ExitError(
      EXIT.io,
      `cannot read the config file ${source.absolute} (${code}); check its permissions`,
      { cause: error },
    );
  }
}

/** Errors and warnings (an unknown tag, say) alike: a config file needs neither. */
function yamlProblems(
  doc: Document,
  lines: LineCounter,
  format: string,
): ConfigProblem[] {
  return [...doc.errors, ...doc.warnings].map((error) => ({
    position: positionOf(lines, error.pos[0]),
    text:
      error.code === 'DUPLICATE_KEY'
        ? 'a field is written twice; keep one'
        : `not valid ${format}: ${firstLine(error.message)}`,
  }));
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

function walk(
  node: Node | null,
  path: readonly string[],
  lines: LineCounter,
  places: Places,
): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const child = [...path, key];
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      const keyPlace = keyNode?.range ? positionOf(lines, keyNode.range[0]) : undefined;
      if (keyPlace !== undefined) places.keys.set(keyOf(child), keyPlace);
      const valuePlace = valueNode?.range
        ? positionOf(lines, valueNode.range[0])
        : keyPlace;
      if (valuePlace !== undefined) places.values.set(keyOf(child), valuePlace);
      walk(valueNode, child, lines, places);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const child = [...path, String(index)];
      const itemNode = item as Node | null;
      if (itemNode?.range) {
        places.values.set(keyOf(child), positionOf(lines, itemNode.range[0]));
      }
      walk(itemNode, child, lines, places);
    });
  }
}

function positionOf(lines: LineCounter, offset: number): Position {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

/** A map key for a path; NUL cannot occur in a field name typed into a file. */
function keyOf(path: readonly string[]): string {
  return path.join('\u0000');
}
