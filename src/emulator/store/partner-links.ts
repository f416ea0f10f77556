/**
 * SQL for partner links (account-linking invites). Exports: `PartnerLinkStore`.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { PartnerLinkRow } from './rows.js';
import { UNKNOWNS } from '../unknowns.js';

/** U5: list order. */
const ORDER = UNKNOWNS.U5.listOrder;

/** Prepared statements over the `partner_links` table. */
export class PartnerLinkStore {
  readonly #insert: Statement<[string, string, string, string], PartnerLinkRow>;
  readonly #find: Statement<[number], PartnerLinkRow>;
  readonly #list: Statement<[string], PartnerLinkRow>;
  readonly #accept: Statement<[number]>;

  constructor(db: Database) {
    this.#insert = db.prepare(
      `INSERT INTO partner_links (partner_id, email, external_id, status, created_at)
       VALUES (?, ?, ?, 'pending', ?) RETURNING *`,
    );
    this.#find = db.prepare('SELECT * FROM partner_links WHERE id = ?');
    this.#list = db.prepare(
      `SELECT * FROM partner_links WHERE partner_id = ? ORDER BY id ${ORDER}`,
    );
    this.#accept = db.prepare(
      "UPDATE partner_links SET status = 'accepted' WHERE id = ?",
    );
  }

  insert(
    partnerId: string,
    email: string,
    externalId: string,
    at: string,
  ): PartnerLinkRow {
    const row = this.#insert.get(partnerId, email, externalId, at);
    if (row === undefined) {
      throw new Error('bug: INSERT ... RETURNING gave no partner link');
    }
    return row;
  }

  /** A link by id, whatever its partner (control endpoints only). */
  find(id: number): PartnerLinkRow | undefined {
    return this.#find.get(id);
  }

  list(partnerId: string): PartnerLinkRow[] {
    return this.#list.all(partnerId);
  }

  markAccepted(id: number): void {
    this.#accept.run(id);
  }
}
