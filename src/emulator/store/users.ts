/**
 * SQL for users. Exports: `UserStore`, `NewUser`.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { UserRow } from './rows.js';
import { UNKNOWNS } from '../unknowns.js';

/** U5: list order. */
const ORDER = UNKNOWNS.U5.listOrder;

/** The fields of a new user. */
export interface NewUser {
  partnerId: string;
  externalId: string;
  email: string;
  name: string | null;
  embedSecret: string;
  at: string;
}

type InsertParams = [string, string, string, string | null, string, string, string];

/** Prepared statements over the `users` table. */
export class UserStore {
  readonly #insert: Statement<InsertParams, UserRow>;
  readonly #find: Statement<[string, string], UserRow>;
  readonly #list: Statement<[string], UserRow>;
  readonly #members: Statement<[number], UserRow>;
  readonly #update: Statement<[string, string | null, string, number]>;
  readonly #setSecret: Statement<[string | null, number]>;
  readonly #delete: Statement<[number]>;
  readonly #deleteIfOrphan: Statement<[number]>;
  readonly #taken: Statement<[string, string, string, string], { n: number }>;
  readonly #emailTaken: Statement<[string, string, number], { n: number }>;

  constructor(db: Database) {
    this.#insert = db.prepare(
      `INSERT INTO users (partner_id, external_id, email, name, embed_secret, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    );
    this.#find = db.prepare(
      'SELECT * FROM users WHERE partner_id = ? AND external_id = ?',
    );
    this.#list = db.prepare(
      `SELECT * FROM users WHERE partner_id = ? ORDER BY id ${ORDER}`,
    );
    this.#members = db.prepare(
      `SELECT u.* FROM users u JOIN memberships m ON m.user_id = u.id
       WHERE m.organization_id = ? ORDER BY u.id ${ORDER}`,
    );
    this.#update = db.prepare(
      'UPDATE users SET email = ?, name = ?, updated_at = ? WHERE id = ?',
    );
    this.#setSecret = db.prepare('UPDATE users SET embed_secret = ? WHERE id = ?');
    this.#delete = db.prepare('DELETE FROM users WHERE id = ?');
    this.#deleteIfOrphan = db.prepare(
      `DELETE FROM users
       WHERE id = ? AND NOT EXISTS (SELECT 1 FROM memberships WHERE user_id = users.id)`,
    );
    this.#emailTaken = db.prepare(
      'SELECT count(*) AS n FROM users WHERE partner_id = ? AND email = ? AND id <> ?',
    );
    this.#taken = db.prepare(
      `SELECT (SELECT count(*) FROM users WHERE partner_id = ? AND external_id = ?)
            + (SELECT count(*) FROM partner_links
               WHERE partner_id = ? AND external_id = ? AND status = 'pending') AS n`,
    );
  }

  /** True when another user of the partner (not `exceptId`) has this email (U24). */
  emailTaken(partnerId: string, email: string, exceptId = 0): boolean {
    return (this.#emailTaken.get(partnerId, email, exceptId)?.n ?? 0) > 0;
  }

  insert(user: NewUser): UserRow {
    const { partnerId, externalId, email, name, embedSecret, at } = user;
    const row = this.#insert.get(partnerId, externalId, email, name, embedSecret, at, at);
    if (row === undefined) throw new Error('bug: INSERT ... RETURNING gave no user');
    return row;
  }

  /** The partner's user with that external id (case-sensitive, U17). */
  find(partnerId: string, externalId: string): UserRow | undefined {
    return this.#find.get(partnerId, externalId);
  }

  list(partnerId: string): UserRow[] {
    return this.#list.all(partnerId);
  }

  /** The members of an organization, by ascending id. */
  members(organizationId: number): UserRow[] {
    return this.#members.all(organizationId);
  }

  update(row: UserRow): void {
    this.#update.run(row.email, row.name, row.updated_at, row.id);
  }

  setEmbedSecret(userId: number, secret: string | null): void {
    this.#setSecret.run(secret, userId);
  }

  delete(userId: number): void {
    this.#delete.run(userId);
  }

  /** Deletes each of these users who no longer belongs to any organization (U8). */
  deleteOrphans(userIds: readonly number[]): void {
    for (const id of userIds) this.#deleteIfOrphan.run(id);
  }

  /** True when a user or a pending partner link of the partner holds the external id (U3). */
  externalIdTaken(partnerId: string, externalId: string): boolean {
    return (this.#taken.get(partnerId, externalId, partnerId, externalId)?.n ?? 0) > 0;
  }
}
