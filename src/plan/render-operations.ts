/**
 * One operation of a plan as lines for people. Every value that came from the
 * export or the API is JSON-quoted with extra escapes, so a name holding an
 * escape sequence cannot move the cursor or recolour a terminal.
 */
import type { FieldChange, Operation, OrgTarget } from './plan-types.js';

/**
 * C0 and C1 controls (ESC starts a terminal escape sequence; C1 CSI does too),
 * line separators, and the bidirectional overrides that can make text read
 * differently from what it is.
 */
function isUnsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** Free text (notes, reasons) with every unsafe character as a `\\uXXXX` escape. */
export function sanitise(text: string): string {
  // Nearly all text is safe: copy slices between escapes rather than char by char,
  // and return the text itself when there is nothing to escape.
  let out = '';
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (!isUnsafe(code)) continue;
    out += `${text.slice(start, index)}\\u${code.toString(16).padStart(4, '0')}`;
    start = index + 1;
  }
  return start === 0 ? text : out + text.slice(start);
}

/** A value for display: JSON-quoted, with what JSON leaves alone escaped too. */
export function quote(value: string): string {
  return sanitise(JSON.stringify(value));
}

export type Marker = '+' | '~' | '-';

export function markerOf(operation: Operation): Marker {
  if (operation.kind.startsWith('create-')) return '+';
  if (operation.kind.startsWith('delete-')) return '-';
  return '~';
}

const maybe = (value: string | null): string =>
  value === null ? '(no name)' : quote(value);

function target(org: OrgTarget): string {
  return typeof org === 'number' ? `organization ${org}` : 'the new organization';
}

/** The headline of an operation, without its marker. */
export function describeOperation(operation: Operation): string {
  switch (operation.kind) {
    case 'create-organization': {
      const owner = operation.body.owner;
      return `create organization ${quote(operation.body.name)} with owner ${quote(owner.external_id)}`;
    }
    case 'update-organization':
      return `update organization ${operation.organizationId}`;
    case 'create-user':
      return (
        `create user ${quote(operation.externalId)} as ${operation.body.role} ` +
        `in ${target(operation.body.organization_id)}`
      );
    case 'update-user':
      return `update user ${quote(operation.externalId)}`;
    case 'set-user-role': {
      const user = quote(operation.externalId);
      const org = target(operation.body.organization_id);
      return operation.changes[0]?.from === null
        ? `add user ${user} to ${org} as ${operation.body.role}`
        : `change the role of user ${user} in ${org}`;
    }
    case 'create-location':
      return `create location ${quote(operation.body.name ?? '')}${numberNote(operation.areaCode)}`;
    case 'update-location':
      return `update location ${operation.locationId}`;
    case 'delete-location':
      return `delete location ${operation.locationId} ${maybe(operation.name)}`;
    case 'delete-organization':
      return `delete organization ${operation.organizationId} ${quote(operation.name)}`;
  }
}

function numberNote(areaCode: string | null): string {
  return areaCode === null
    ? ' (no phone number)'
    : ` with a new phone number in area code ${quote(areaCode)}`;
}

/** `field: "old" → "new"`; an old value the API does not return is said so. */
export function describeChange(change: FieldChange): string {
  const from = change.fromKnown
    ? change.from === null
      ? '(none)'
      : quote(change.from)
    : '(not returned by the API)';
  const to = change.to === null ? '(none)' : quote(change.to);
  return `${change.field}: ${from} → ${to}`;
}

/** The field changes listed under an operation's headline. */
export function changesOf(operation: Operation): FieldChange[] {
  switch (operation.kind) {
    case 'update-organization':
    case 'update-user':
    case 'update-location':
      return operation.changes;
    case 'set-user-role':
      // Joining an organization says it all in the headline; a role change shows both roles.
      return operation.changes.filter((change) => change.from !== null);
    case 'create-organization':
    case 'create-user':
    case 'create-location':
    case 'delete-location':
    case 'delete-organization':
      return [];
  }
}
