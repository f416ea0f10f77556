/**
 * SQL for organizations. Exports: `OrganizationStore`, `NewOrganization`.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { OrganizationRow } from './rows.js';
import { UNKNOWNS } from '../unknowns.js';

/** U5: list order. */
const ORDER = UNKNOWNS.U5.listOrder;

/** The fields of a new organization. */
export interface NewOrganization {
  partnerId: string;
  name: string;
  description: string | null;
  at: string;
}

/** Prepared statements over the `organizations` table. */
export class OrganizationStore {
  readonly #insert: Statement<
    [string, string, string | null, string, string],
    OrganizationRow
  >;
  readonly #find: Statement<[number, string], OrganizationRow>;
  readonly #list: Statement<[string], OrganizationRow>;
  readonly #count: Statement<[string], { n: number }>;
  readonly #update: Statement<[string, string | null, string, number]>;
  readonly #delete: Statement<[number]>;
  readonly #touch: Statement<[string, number]>;

  constructor(db: Database) {
    this.#insert = db.prepare(
      `INSERT INTO organizations (partner_id, name, description, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?) RETURNING *`,
    );
    this.#find = db.prepare(
      'SELECT * FROM organizations WHERE id = ? AND partner_id = ?',
    );
    this.#list = db.prepare(
      `SELECT * FROM organizations WHERE partner_id = ? ORDER BY id ${ORDER}`,
    );
    this.#count = db.prepare(
      'SELECT count(*) AS n FROM organizations WHERE partner_id = ?',
    );
    this.#update = db.prepare(
      'UPDATE organizations SET name = ?, description = ?, updated_at = ? WHERE id = ?',
    );
    this.#delete = db.prepare('DELETE FROM organizations WHERE id = ?');
    this.#touch = db.prepare('UPDATE organizations SET updated_at = ? WHERE id = ?');
  }

  insert(org: NewOrganization): OrganizationRow {
    const row = this.#insert.get(
      org.partnerId,
      org.name,
      org.description,
      org.at,
      org.at,
    );
    if (row === undefined) {
      throw new Error('bug: INSERT ... RETURNING gave no organization');
    }
    return row;
  }

  /** The partner's organization with that id; another partner's is undefined. */
  find(partnerId: string, id: number): OrganizationRow | undefined {
    return this.#find.get(id, partnerId);
  }

  list(partnerId: string): OrganizationRow[] {
    return this.#list.all(partnerId);
  }

  count(partnerId: string): number {
    return this.#count.get(partnerId)?.n ?? 0;
  }

  update(row: OrganizationRow): void {
    this.#update.run(row.name, row.description, row.updated_at, row.id);
  }

  /** Sets only `updated_at` (U23). */
  touch(id: number, at: string): void {
    this.#touch.run(at, id);
  }

  /** Deletes the organization; its memberships and locations go with it (FK cascade). */
  delete(id: number): void {
    this.#delete.run(id);
  }
}
