/**
 * A JSON or NDJSON record as rows of the canonical columns, for rejected.csv
 * and failed.csv, losing nothing it held. Exports: `jsonRecordRows`,
 * `JsonRecordRows`.
 *
 * The JSON readers keep only strings: a number, a boolean, an object or an
 * array where a value belongs is a problem, and its value is dropped. Written
 * back that way, `"area_code": 617` would become an empty cell, and the file
 * fed back would create a location without a number. So such a value is
 * written as its JSON text (`617`, `true`; null stays empty), which the
 * readers then take as the string it is. What has no canonical column at all
 * (an unknown key, an `owner` that is not an object, a record that is not an
 * object or not JSON, the losing copy of a key written twice) is listed
 * apart, with its path, so that the person fixing the row sees it.
 */
import { flattenCustomer } from '../input/json-flatten.js';
import type { JsonMember, JsonNode } from '../input/json-value.js';
import { JsonSyntaxError, parseJsonValue } from '../input/json-value.js';
import type { FlatRow, RecordSource } from '../input/records.js';

/**
 * The keys of a customer object that hold other objects, as the customer
 * shape in input/json-flatten.ts documents it: every other key's value belongs
 * in a column, as do the values of these objects' members.
 */
const OWNER_KEY = 'owner';
const LIST_KEYS: readonly string[] = ['users', 'locations'];
/** The path of a value that is the whole record. */
const WHOLE_RECORD = '(the record)';

/** The rows of a JSON record, and what no column of them holds. */
export interface JsonRecordRows {
  /** As the JSON readers flatten the record, every value as text. */
  rows: FlatRow[];
  /** `path: JSON text as written`, in the order written; empty when all fits. */
  unplaced: string[];
}

/** A value read from the record, with the path the readers name it by. */
interface Placed {
  path: string;
  node: JsonNode;
}

/** The rows of the JSON record `text` read from `source` (see the file comment). */
export function jsonRecordRows(source: RecordSource, text: string): JsonRecordRows {
  // An element of a JSON file sits inside the file's array; an NDJSON line does not.
  const depth = source.format === 'json' ? 1 : 0;
  let node: JsonNode;
  try {
    node = parseJsonValue(text, { line: source.line, column: 1 }, depth);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return {
      rows: [{ source, values: {}, problems: [] }],
      unplaced: [`${WHOLE_RECORD}: ${text}`],
    };
  }
  const record = valuesAsText(node, text);
  const rows = flattenCustomer(record, text, source);
  const { values, misfits } = walk(record);
  const placed = placedValues(rows);
  const lost = values.filter(
    ({ path, node: value }) =>
      value.type === 'string' &&
      value.value.trim() !== '' &&
      !placed.has(placeKey(path, value.value.trim())),
  );
  const unplaced = [...misfits, ...lost]
    .sort((a, b) => a.node.start - b.node.start)
    .map(({ path, node: value }) => `${path}: ${text.slice(value.start, value.end)}`);
  return { rows, unplaced };
}

/**
 * The record with every value that belongs in a column and is neither a
 * string nor null replaced by a string of its JSON text as written.
 */
function valuesAsText(node: JsonNode, text: string): JsonNode {
  if (node.type !== 'object') return node;
  const members = node.members.map((member): JsonMember => {
    const { key, value } = member;
    if (key === OWNER_KEY) return { ...member, value: objectAsText(value, text) };
    if (LIST_KEYS.includes(key)) {
      if (value.type !== 'array') return member;
      const items = value.items.map((item) => objectAsText(item, text));
      return { ...member, value: { ...value, items } };
    }
    return { ...member, value: asText(value, text) };
  });
  return { ...node, members };
}

function objectAsText(node: JsonNode, text: string): JsonNode {
  if (node.type !== 'object') return node;
  const members = node.members.map((member) => ({
    ...member,
    value: asText(member.value, text),
  }));
  return { ...node, members };
}

function asText(node: JsonNode, text: string): JsonNode {
  if (node.type === 'string' || node.type === 'null') return node;
  const { line, column, start, end } = node;
  return { type: 'string', value: text.slice(start, end), line, column, start, end };
}

/**
 * Every value of `record` that belongs in a column, by the path the readers
 * give it; and `misfits`, what has no column whatever it holds (a nested
 * object or list of the wrong type, a record that is not an object).
 */
function walk(record: JsonNode): { values: Placed[]; misfits: Placed[] } {
  const values: Placed[] = [];
  const misfits: Placed[] = [];
  if (record.type !== 'object') {
    return { values, misfits: [{ path: WHOLE_RECORD, node: record }] };
  }
  const object = (node: JsonNode, path: string): void => {
    if (node.type === 'object') {
      for (const member of node.members) {
        values.push({ path: `${path}.${member.key}`, node: member.value });
      }
    } else if (node.type !== 'null') misfits.push({ path, node });
  };
  for (const { key, value } of record.members) {
    if (key === OWNER_KEY) object(value, key);
    else if (!LIST_KEYS.includes(key)) values.push({ path: key, node: value });
    else if (value.type === 'array') {
      value.items.forEach((item, index) => object(item, `${key}[${index}]`));
    } else if (value.type !== 'null') misfits.push({ path: key, node: value });
  }
  return { values, misfits };
}

/** The path and value of every value the rows hold. */
function placedValues(rows: readonly FlatRow[]): Set<string> {
  const placed = new Set<string>();
  for (const row of rows) {
    for (const value of Object.values(row.values)) {
      placed.add(placeKey(value.column, value.value));
    }
  }
  return placed;
}

function placeKey(path: string, value: string): string {
  return `${path}\u0000${value}`;
}
