/**
 * Turns "customer X has no org_name" into one problem per file whose header has
 * no org_name column: a file without the column would otherwise repeat the same
 * line for each of its customers. Each such customer keeps a short problem that
 * points at the header; the run's problem list shows the header problem once.
 */
import type { CustomerDraft } from './customer-draft.js';
import type { CanonicalField } from './fields.js';
import type { HeaderGap } from './header-check.js';
import type { RowProblem } from './records.js';

/** The `code` of the short problem each customer affected by a header gap keeps. */
export const MISSING_COLUMN_REF = 'required-column';
const MISSING_COLUMN = 'missing-column';

/** Counts customers per (file, field) whose field is missing because of a header. */
export class HeaderGapTally {
  private readonly counts = new Map<string, number>();

  constructor(private readonly gaps: readonly HeaderGap[]) {}

  /**
   * The short problem for a customer without `field`, when every file its
   * records came from has no column for it; undefined otherwise.
   */
  refer(draft: CustomerDraft, field: CanonicalField): RowProblem | undefined {
    const first = draft.records[0];
    if (first === undefined) return undefined;
    const gap = this.gapOf(first.file, field);
    const all = draft.records.every((record) => this.gapOf(record.file, field));
    if (gap === undefined || !all) return undefined;
    const id = `${gap.file}\u0000${field}`;
    this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
    return {
      code: MISSING_COLUMN_REF,
      file: first.file,
      line: first.line,
      column: field,
      reason: `${field} is required, and the header of ${gap.file} (line ${gap.line}) has no ${field} column`,
    };
  }

  /** One problem per file and field that left customers without the field. */
  problems(): RowProblem[] {
    const problems: RowProblem[] = [];
    for (const gap of this.gaps) {
      for (const field of gap.fields) {
        const count = this.counts.get(`${gap.file}\u0000${field}`) ?? 0;
        if (count > 0) problems.push(gapProblem(gap, field, count));
      }
    }
    return problems;
  }

  private gapOf(file: string, field: CanonicalField): HeaderGap | undefined {
    return this.gaps.find((gap) => gap.file === file && gap.fields.includes(field));
  }
}

function gapProblem(gap: HeaderGap, field: CanonicalField, count: number): RowProblem {
  const customers =
    count === 1 ? '1 customer' : `${count.toLocaleString('en-US')} customers`;
  return {
    code: MISSING_COLUMN,
    file: gap.file,
    line: gap.line,
    reason:
      `the header has no ${field} column, and no input gives ${field} to the ` +
      `${customers} of this file, so ${count === 1 ? 'it is' : 'they are'} rejected`,
    hint: `Add a column named ${field}, or name the column that holds it with --map ('{ "${field}": "<header>" }').`,
  };
}
