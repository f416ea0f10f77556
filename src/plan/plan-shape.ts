/**
 * Checks that a parsed plan file has the structure of a `Plan`, so that a
 * hand-edited or truncated plan is refused with the JSON path of the first
 * problem instead of failing half-way through an apply.
 */
import { describeValue } from '../util/describe-value.js';
import { isPlainObject } from '../util/is-plain-object.js';
import type { Plan } from './plan-types.js';
import {
  GUARD_KINDS,
  IDENTITIES,
  OPERATION_KINDS,
  SYNC_MODES,
  TENANT_STATUSES,
  CONFLICT_KINDS,
} from './plan-types.js';

/** The first structural problem found, with its JSON path (`$.tenants[0].key`). */
export class PlanShapeError extends Error {
  readonly path: string;

  constructor(path: string, expected: string, value: unknown) {
    const got = value === undefined ? 'nothing' : describeValue(value);
    super(`${path} should be ${expected}, but is ${got}`);
    this.name = 'PlanShapeError';
    this.path = path;
  }
}

type Obj = Record<string, unknown>;
type Check = (value: unknown, path: string) => void;

const fail = (path: string, expected: string, value: unknown): never => {
  throw new PlanShapeError(path, expected, value);
};

const object = (value: unknown, path: string): Obj =>
  isPlainObject(value) ? value : fail(path, 'an object', value);

const string: Check = (v, p) => void (typeof v === 'string' || fail(p, 'a string', v));
const number: Check = (v, p) => void (typeof v === 'number' || fail(p, 'a number', v));
const boolean: Check = (v, p) =>
  void (typeof v === 'boolean' || fail(p, 'true or false', v));
const nullable =
  (check: Check): Check =>
  (v, p) => {
    if (v !== null) check(v, p);
  };
const oneOf =
  (allowed: readonly string[]): Check =>
  (v, p) => {
    if (typeof v !== 'string' || !allowed.includes(v)) {
      fail(p, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, v);
    }
  };
const arrayOf =
  (check: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) return fail(p, 'an array', v);
    v.forEach((item, index) => check(item, `${p}[${index}]`));
  };
const shape =
  (fields: Record<string, Check>): Check =>
  (v, p) => {
    const obj = object(v, p);
    for (const [name, check] of Object.entries(fields)) check(obj[name], `${p}.${name}`);
  };

const source = nullable(shape({ file: string, line: number }));
const change = shape({
  field: string,
  from: nullable(string),
  to: nullable(string),
  fromKnown: boolean,
});
const orgTarget: Check = (v, p) => {
  if (typeof v !== 'number') shape({ ref: string })(v, p);
};

/** Fields each operation kind has besides the common ones. */
const OPERATION_FIELDS: Record<
  (typeof OPERATION_KINDS)[number],
  Record<string, Check>
> = {
  'create-organization': {
    body: shape({ name: string, owner: shape({ external_id: string }) }),
  },
  'update-organization': {
    organizationId: number,
    body: object,
    changes: arrayOf(change),
  },
  'create-user': { externalId: string, body: shape({ organization_id: orgTarget }) },
  'update-user': { externalId: string, body: object, changes: arrayOf(change) },
  'set-user-role': { externalId: string, body: shape({ organization_id: orgTarget }) },
  'create-location': {
    areaCode: nullable(string),
    body: shape({ organization_id: orgTarget }),
  },
  'update-location': { locationId: number, body: object, changes: arrayOf(change) },
  'delete-location': {
    locationId: number,
    organizationId: number,
    name: nullable(string),
  },
  'delete-organization': { organizationId: number, name: string },
};

const operation: Check = (v, p) => {
  const op = object(v, p);
  oneOf(OPERATION_KINDS)(op.kind, `${p}.kind`);
  const fields = OPERATION_FIELDS[op.kind as (typeof OPERATION_KINDS)[number]];
  shape({ id: string, tenant: string, dependsOn: arrayOf(string), source, ...fields })(
    v,
    p,
  );
};

const tenant = shape({
  key: string,
  organizationId: nullable(number),
  identity: oneOf(IDENTITIES),
  status: oneOf(TENANT_STATUSES),
  liveFingerprint: nullable(string),
  operations: arrayOf(operation),
  drift: arrayOf(
    shape({ kind: oneOf(['area-code']), locationId: number, expected: string }),
  ),
  notes: arrayOf(string),
  conflict: (v, p) => {
    if (v !== undefined) {
      shape({ kind: oneOf(CONFLICT_KINDS), reason: string, candidates: arrayOf(number) })(
        v,
        p,
      );
    }
  },
  locationConflicts: arrayOf(shape({ name: string, reason: string })),
  unmanagedMembers: arrayOf(shape({ externalId: string, email: string })),
  unmanagedLocations: arrayOf(shape({ id: number, name: nullable(string) })),
});

const planShape = shape({
  fingerprints: shape({
    inputs: arrayOf(shape({ file: string, sha256: string, bytes: number })),
    live: string,
    options: string,
  }),
  options: shape({
    mode: oneOf(SYNC_MODES),
    prune: boolean,
    matchByName: boolean,
    maxDeletes: number,
    maxDeletePercent: number,
  }),
  summary: shape({ customers: number }),
  tenants: arrayOf(tenant),
  unmanaged: arrayOf(
    shape({ organizationId: number, name: string, rememberedAs: nullable(string) }),
  ),
  guards: arrayOf(
    shape({ kind: oneOf(GUARD_KINDS), limit: number, planned: number, message: string }),
  ),
});

/** Throws `PlanShapeError` at the first problem; format and version are checked before. */
export function assertPlanShape(value: unknown): asserts value is Plan {
  planShape(value, '$');
  checkReferences(value as Plan);
}

/** Operation ids are unique, and every dependency and org reference names one. */
function checkReferences(plan: Plan): void {
  const kinds = new Map<string, string>();
  plan.tenants.forEach((t, ti) =>
    t.operations.forEach((op, oi) => {
      const path = `$.tenants[${ti}].operations[${oi}].id`;
      if (kinds.has(op.id)) fail(path, 'an id used once in the plan', op.id);
      kinds.set(op.id, op.kind);
    }),
  );
  plan.tenants.forEach((t, ti) =>
    t.operations.forEach((op, oi) => {
      const path = `$.tenants[${ti}].operations[${oi}]`;
      op.dependsOn.forEach((id, di) => {
        if (!kinds.has(id))
          fail(`${path}.dependsOn[${di}]`, 'the id of an operation', id);
      });
      const target = 'body' in op ? (op.body as Obj).organization_id : undefined;
      if (
        isPlainObject(target) &&
        kinds.get(target.ref as string) !== 'create-organization'
      ) {
        fail(`${path}.body.organization_id.ref`, 'a create-organization id', target.ref);
      }
    }),
  );
}
