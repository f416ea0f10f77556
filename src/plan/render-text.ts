/**
 * The plan for people, in the manner of `terraform plan`: one block per tenant
 * that has something to say, then unmanaged organizations, guard trips and a
 * summary line. Unchanged tenants are only counted.
 */
import { countOf } from '../util/count-of.js';
import type { Plan, PlanSummary, TenantPlan } from './plan-types.js';
import {
  changesOf,
  describeChange,
  describeOperation,
  markerOf,
  quote,
  sanitise,
} from './render-operations.js';

export interface RenderTextOptions {
  /** ANSI colours; the CLI turns them off when stdout is not a terminal. */
  colour: boolean;
  /** Only the summary line and guard trips (`--quiet`). */
  quiet: boolean;
}

const ANSI = {
  '+': '\u001b[32m',
  '~': '\u001b[33m',
  '-': '\u001b[31m',
  '=': '\u001b[36m',
  '!': '\u001b[35m',
  '?': '\u001b[33m',
  reset: '\u001b[0m',
} as const;

type Mark = Exclude<keyof typeof ANSI, 'reset'>;

const INDENT = '    ';

/** The rendered plan, ending in a newline. */
export function renderPlanText(
  plan: Plan,
  options: Partial<RenderTextOptions> = {},
): string {
  const paint = painter(options.colour ?? false);
  const guards = guardLines(plan, paint);
  const last = isNoChange(plan) ? noChangeLine(plan.summary) : summaryLine(plan.summary);
  if (options.quiet ?? false) return [...guards, last].join('\n') + '\n';
  // One array of lines for the whole text, joined once: a plan of 100,000
  // tenants would otherwise build and join 100,000 small arrays. Sections are
  // separated by one blank line.
  const lines: string[] = [];
  for (const tenant of plan.tenants) {
    if (!isListed(tenant)) continue;
    if (lines.length > 0) lines.push('');
    tenantBlock(tenant, paint, lines);
  }
  for (const section of [unmanagedBlock(plan), guards, [last]]) {
    if (section.length === 0) continue;
    if (lines.length > 0) lines.push('');
    for (const line of section) lines.push(line);
  }
  return lines.join('\n') + '\n';
}

type Paint = (mark: Mark, text: string) => string;

function painter(colour: boolean): Paint {
  return (mark, text) => (colour ? `${ANSI[mark]}${text}${ANSI.reset}` : text);
}

function isNoChange(plan: Plan): boolean {
  const { summary } = plan;
  return (
    summary.tenants.unchanged === summary.customers &&
    summary.customers === plan.tenants.length &&
    summary.drift + summary.locationConflicts + summary.guardTrips === 0
  );
}

function isListed(tenant: TenantPlan): boolean {
  if (tenant.status !== 'unchanged') return true;
  return tenant.drift.length + tenant.locationConflicts.length + tenant.notes.length > 0;
}

const TENANT_MARKS: Record<TenantPlan['status'], Mark> = {
  create: '+',
  update: '~',
  delete: '-',
  adopt: '=',
  conflict: '!',
  unchanged: '?',
};

/** Appends the lines of one tenant to `lines`. */
function tenantBlock(tenant: TenantPlan, paint: Paint, lines: string[]): void {
  const mark = TENANT_MARKS[tenant.status];
  lines.push(paint(mark, `${mark} customer ${quote(tenant.key)}${tenantDetail(tenant)}`));
  for (const operation of tenant.operations) {
    const op = markerOf(operation);
    lines.push(paint(op, `${INDENT}${op} ${describeOperation(operation)}`));
    for (const change of changesOf(operation)) {
      lines.push(`${INDENT}${INDENT}${describeChange(change)}`);
    }
  }
  for (const drift of tenant.drift) {
    const where = `location ${drift.locationId} ${drift.location === null ? '(no name)' : quote(drift.location)}`;
    const text = `${where}: the export says area code ${quote(drift.expected)}, the number is ${quote(drift.phoneNumber)}; an area code cannot change`;
    lines.push(paint('?', `${INDENT}? ${text}`));
  }
  for (const conflict of tenant.locationConflicts) {
    const text = `location ${quote(conflict.name)}: ${sanitise(conflict.reason)}; nothing planned for it`;
    lines.push(paint('!', `${INDENT}! ${text}`));
  }
  const untouched = leftAlone(tenant);
  if (untouched !== null) lines.push(untouched);
  for (const note of tenant.notes) lines.push(`${INDENT}note: ${sanitise(note)}`);
}

/** Live members and locations the export lacks; deleted locations are operations instead. */
function leftAlone(tenant: TenantPlan): string | null {
  if (tenant.unmanagedLocations.length + tenant.unmanagedMembers.length === 0)
    return null;
  const deleted = new Set(
    tenant.operations.flatMap((op) =>
      op.kind === 'delete-location' ? [op.locationId] : [],
    ),
  );
  const locations = tenant.unmanagedLocations
    .filter((location) => !deleted.has(location.id))
    .map((l) => `location ${l.id} ${l.name === null ? '(no name)' : quote(l.name)}`);
  const members = tenant.unmanagedMembers.map((m) => `${m.role} ${quote(m.externalId)}`);
  const items = [...locations, ...members];
  if (items.length === 0) return null;
  return `${INDENT}left alone (not in the export): ${items.join(', ')}`;
}

function tenantDetail(tenant: TenantPlan): string {
  const id = tenant.organizationId;
  switch (tenant.status) {
    case 'create':
      return ': new organization';
    case 'conflict': {
      // Every conflict reason names its candidate organizations already.
      const reason =
        tenant.conflict === undefined ? '' : `, ${sanitise(tenant.conflict.reason)}`;
      return `: conflict${reason}; nothing planned`;
    }
    case 'adopt':
      return ` (organization ${id}): adopted, matched by ${tenant.identity}; no changes`;
    case 'delete':
      return ` (organization ${id}): no longer in the export`;
    case 'update':
    case 'unchanged':
      return tenant.identity === 'remembered'
        ? ` (organization ${id})`
        : ` (organization ${id}, adopted: matched by ${tenant.identity})`;
  }
}

function unmanagedBlock(plan: Plan): string[] {
  if (plan.unmanaged.length === 0) return [];
  const lines = [
    'Unmanaged organizations (no valid customer of the export matches them; left alone):',
  ];
  for (const org of plan.unmanaged) {
    const was =
      org.rememberedAs === null
        ? ''
        : org.wouldDelete
          ? ` (was customer ${quote(org.rememberedAs)}; --mode mirror --prune would delete it)`
          : ` (customer ${quote(org.rememberedAs)}, rejected by validation: kept)`;
    lines.push(`${INDENT}${org.organizationId} ${quote(org.name)}${was}`);
  }
  return lines;
}

function guardLines(plan: Plan, paint: Paint): string[] {
  if (plan.guards.length === 0) return [];
  const head = 'Safety guards tripped; applying this plan will change nothing:';
  return [
    head,
    ...plan.guards.map((g) => paint('!', `${INDENT}! ${sanitise(g.message)}`)),
  ];
}

const figure = (n: number): string => n.toLocaleString('en-US');

/** `Plan: 12 to create (3 organizations, 9 locations: 9 new phone numbers), ...`. */
export function summaryLine(summary: PlanSummary): string {
  const { toCreate, toDelete, tenants } = summary;
  const creates = toCreate.organizations + toCreate.users + toCreate.locations;
  const parts = [
    toCreate.organizations > 0 ? countOf(toCreate.organizations, 'organization') : '',
    toCreate.users > 0 ? countOf(toCreate.users, 'user') : '',
    toCreate.locations > 0
      ? countOf(toCreate.locations, 'location') + phones(summary)
      : '',
  ].filter((part) => part !== '');
  const detail = parts.length === 0 ? '' : ` (${parts.join(', ')})`;
  const deletes = toDelete.organizations + toDelete.locations;
  const conflicts = tenants.conflict + summary.locationConflicts;
  return (
    `Plan: ${figure(creates)} to create${detail}, ${figure(summary.toUpdate)} to update, ` +
    `${figure(deletes)} to delete; ${figure(tenants.unchanged)} unchanged, ` +
    `${figure(summary.adopted)} adopted, ${countOf(conflicts, 'conflict')}, ` +
    `${figure(summary.drift)} drift${rejectedPart(summary)}.`
  );
}

function rejectedPart(summary: PlanSummary): string {
  return summary.rejected === 0 ? '' : `, ${figure(summary.rejected)} rejected`;
}

function phones(summary: PlanSummary): string {
  const n = summary.newPhoneNumbers;
  return n === 0 ? '' : `: ${countOf(n, 'new phone number')}`;
}

function noChangeLine(summary: PlanSummary): string {
  const n = summary.customers;
  const rejected =
    summary.rejected === 0
      ? ''
      : ` ${countOf(summary.rejected, 'customer')} rejected by validation.`;
  return `No changes. ${countOf(n, 'customer')} ${n === 1 ? 'matches' : 'match'} the live state.${rejected}`;
}
