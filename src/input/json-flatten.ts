/**
 * Flattening of customer objects, shared by the JSON and NDJSON readers.
 *
 * The one shape of a customer in a JSON or NDJSON export: the Partner API's
 * create-organization request plus the partner's own customer id.
 *
 * ```json
 * { "customer_id": "c-1", "name": "Org", "description": "...",
 *   "owner": { "external_id": "u-1", "email": "a@b.c", "name": "Ann" },
 *   "users": [{ "external_id": "u-2", "email": "d@e.f", "name": "Dan", "role": "manager" }],
 *   "locations": [{ "name": "Main St", "address": "...", "area_code": "617",
 *                   "google_place_id": "..." }] }
 * ```
 *
 * Every value is a string (or null, meaning absent); `owner` is an object,
 * `users` and `locations` arrays of objects. Any other key is reported.
 */

import type { CanonicalField } from './fields.js';
import type { JsonMember, JsonNode } from './json-value.js';
import type { FieldValue, FlatRow, RecordSource, RowProblem } from './records.js';
import { visibleText } from './problem-text.js';

/** JSON keys of one object, to the canonical field each feeds. */
type FieldKeys = Readonly<Record<string, CanonicalField>>;

const ORGANIZATION_KEYS: FieldKeys = {
  customer_id: 'customer_id',
  name: 'org_name',
  description: 'org_description',
};
const OWNER_KEYS: FieldKeys = {
  external_id: 'owner_external_id',
  email: 'owner_email',
  name: 'owner_name',
};
const USER_KEYS: FieldKeys = {
  external_id: 'user_external_id',
  email: 'user_email',
  name: 'user_name',
  role: 'user_role',
};
const LOCATION_KEYS: FieldKeys = {
  name: 'location_name',
  address: 'location_address',
  area_code: 'location_area_code',
  google_place_id: 'location_google_place_id',
};
const NESTED_KEYS = ['owner', 'users', 'locations'];
/** The fields a user or location row repeats from its customer so that rows merge. */
const LINK_FIELDS: readonly CanonicalField[] = [
  'customer_id',
  'owner_external_id',
  'org_name',
];
/** What a record of the wrong type should be. */
const CUSTOMER_OBJECT_HINT =
  'Each record must be a customer object: {"name": ..., "owner": {"external_id": ..., "email": ...}}';

/** Longest raw text quoted in a problem about an object or array value. */
const MAX_QUOTED_CHARS = 80;

/**
 * Turns one customer object into rows: one for the organization and owner, then
 * one per user and one per location, all sharing `source`. `text` is the text
 * the node was parsed from (to quote values that are not strings). `record`
 * names the record in every path (`[3]` for the fourth element of a JSON array),
 * so that a problem can be found in a file written on one line.
 */
export function flattenCustomer(
  node: JsonNode,
  text: string,
  source: RecordSource,
  record = '',
): FlatRow[] {
  const flattener = new Flattener(text, source);
  const main: FlatRow = { source, values: {}, problems: [] };
  if (node.type !== 'object') {
    main.problems.push(
      flattener.notA('an object', node, record || '(the record)', CUSTOMER_OBJECT_HINT),
    );
    return [main];
  }
  const base = record === '' ? '' : `${record}.`;
  const nested = new Map<string, JsonNode>();
  flattener.fields(node.members, base, ORGANIZATION_KEYS, main, NESTED_KEYS, nested);
  const owner = nested.get('owner');
  if (owner !== undefined)
    flattener.object(owner, `${base}owner`, OWNER_KEYS, main, main);
  const rows = [main];
  for (const [key, keys] of [
    ['users', USER_KEYS],
    ['locations', LOCATION_KEYS],
  ] as const) {
    const list = nested.get(key);
    if (list !== undefined) rows.push(...flattener.list(list, base + key, keys, main));
  }
  return rows;
}

class Flattener {
  constructor(
    private readonly text: string,
    private readonly source: RecordSource,
  ) {}

  /** Reads the members of one object into `row`; nested keys are handed back. */
  fields(
    members: JsonMember[],
    prefix: string,
    keys: FieldKeys,
    row: FlatRow,
    nestedKeys: readonly string[] = [],
    nested?: Map<string, JsonNode>,
  ): void {
    const seen = new Set<string>();
    for (const member of members) {
      // The path is shown in messages: a key can hold any character, escapes too.
      const path = prefix + visibleText(member.key);
      if (seen.has(member.key)) row.problems.push(this.duplicate(member, path));
      seen.add(member.key);
      const field = Object.hasOwn(keys, member.key) ? keys[member.key] : undefined;
      if (field !== undefined) {
        this.value(member.value, path, field, row);
      } else if (nestedKeys.includes(member.key)) {
        if (member.value.type !== 'null') nested?.set(member.key, member.value);
      } else {
        row.problems.push(
          this.unknown(member, path, [...Object.keys(keys), ...nestedKeys]),
        );
      }
    }
  }

  /** Reads a nested object (`owner`, `users[0]`) into `row`. */
  object(
    node: JsonNode,
    path: string,
    keys: FieldKeys,
    row: FlatRow,
    main: FlatRow,
  ): void {
    if (node.type === 'object') this.fields(node.members, `${path}.`, keys, row);
    else main.problems.push(this.notA('an object', node, path));
  }

  /** One row per element of `users` or `locations`, carrying the customer's link fields. */
  list(node: JsonNode, path: string, keys: FieldKeys, main: FlatRow): FlatRow[] {
    if (node.type !== 'array') {
      main.problems.push(this.notA('an array', node, path));
      return [];
    }
    const rows: FlatRow[] = [];
    node.items.forEach((item, index) => {
      if (item.type === 'null') return;
      const row: FlatRow = {
        source: this.source,
        values: linkValues(main),
        problems: [],
      };
      this.object(item, `${path}[${index}]`, keys, row, main);
      if (item.type === 'object') rows.push(row);
    });
    return rows;
  }

  private value(node: JsonNode, path: string, field: CanonicalField, row: FlatRow): void {
    if (node.type === 'null') return;
    if (node.type !== 'string') {
      row.problems.push(this.notA('a string', node, path));
      return;
    }
    const value = node.value.trim();
    if (value.length > 0) row.values[field] = { value, line: node.line, column: path };
  }

  notA(expected: string, node: JsonNode, path: string, hint?: string): RowProblem {
    const raw = this.text.slice(node.start, node.end);
    const quoted =
      raw.length > MAX_QUOTED_CHARS ? `${raw.slice(0, MAX_QUOTED_CHARS)}…` : raw;
    const scalar = node.type === 'number' || node.type === 'boolean';
    const code =
      expected === 'a string' ? 'not-a-string' : `not-${expected.replace(' ', '-')}`;
    return {
      code,
      file: this.source.file,
      line: node.line,
      column: path,
      value: quoted,
      reason: `${path} is ${describeType(node)} (${visibleText(quoted)}), not ${expected}`,
      hint: hint ?? hintFor(expected, scalar, raw),
    };
  }

  private unknown(member: JsonMember, path: string, known: string[]): RowProblem {
    return {
      code: 'unknown-field',
      file: this.source.file,
      line: member.line,
      column: path,
      reason: `${path} is not a field aa-sync knows`,
      hint: `Check the spelling; the fields here are ${known.join(', ')}`,
    };
  }

  private duplicate(member: JsonMember, path: string): RowProblem {
    return {
      code: 'duplicate-field',
      file: this.source.file,
      line: member.line,
      column: path,
      reason: `${path} is written twice in the same object`,
      hint: 'Keep one of them',
    };
  }
}

function linkValues(main: FlatRow): FlatRow['values'] {
  const values: FlatRow['values'] = {};
  for (const field of LINK_FIELDS) {
    const value: FieldValue | undefined = main.values[field];
    if (value !== undefined) values[field] = value;
  }
  return values;
}

function describeType(node: JsonNode): string {
  switch (node.type) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'null':
      return 'null';
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
  }
}

function hintFor(expected: string, scalar: boolean, raw: string): string {
  if (expected === 'a string' && scalar) {
    return `Write it in quotes ("${raw}") so that leading zeros and long ids are kept`;
  }
  return `Write ${expected} here (see the shape in the aa-sync documentation)`;
}
