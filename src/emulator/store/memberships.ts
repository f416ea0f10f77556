/**
 * SQL for memberships (user × organization × role). Exports: `MembershipStore`.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { MembershipRow, Role } from './rows.js';
import { UNKNOWNS } from '../unknowns.js';

/** U5: list order. */
const ORDER = UNKNOWNS.U5.listOrder;

const WITH_NAME = `SELECT m.organization_id, m.user_id, m.role, o.name AS organization_name
  FROM memberships m JOIN organizations o ON o.id = m.organization_id`;

/** Prepared statements over the `memberships` table. */
export class MembershipStore {
  readonly #add: Statement<[number, number, Role]>;
  readonly #role: Statement<[number, number], { role: Role }>;
  readonly #setRole: Statement<[Role, number, number]>;
  readonly #owners: Statement<[number], { n: number }>;
  readonly #byPartner: Statement<[string], MembershipRow>;
  readonly #byUser: Statement<[number], MembershipRow>;
  readonly #ofMembers: Statement<[number], MembershipRow>;
  readonly #memberIds: Statement<[number], { user_id: number }>;
  readonly #soleOwnerOf: Statement<[number], { id: number; name: string }>;

  constructor(db: Database) {
    this.#add = db.prepare(
      'INSERT INTO memberships (organization_id, user_id, role) VALUES (?, ?, ?)',
    );
    this.#role = db.prepare(
      'SELECT role FROM memberships WHERE organization_id = ? AND user_id = ?',
    );
    this.#setRole = db.prepare(
      'UPDATE memberships SET role = ? WHERE organization_id = ? AND user_id = ?',
    );
    this.#owners = db.prepare(
      "SELECT count(*) AS n FROM memberships WHERE organization_id = ? AND role = 'owner'",
    );
    this.#byPartner = db.prepare(
      `${WITH_NAME} WHERE o.partner_id = ? ORDER BY m.user_id ${ORDER}, m.organization_id ${ORDER}`,
    );
    this.#byUser = db.prepare(
      `${WITH_NAME} WHERE m.user_id = ? ORDER BY m.organization_id ${ORDER}`,
    );
    this.#ofMembers = db.prepare(
      `${WITH_NAME} WHERE m.user_id IN
         (SELECT user_id FROM memberships WHERE organization_id = ?)
       ORDER BY m.user_id ${ORDER}, m.organization_id ${ORDER}`,
    );
    this.#memberIds = db.prepare(
      'SELECT user_id FROM memberships WHERE organization_id = ? ORDER BY user_id',
    );
    this.#soleOwnerOf = db.prepare(
      `SELECT o.id, o.name FROM memberships m JOIN organizations o ON o.id = m.organization_id
       WHERE m.user_id = ? AND m.role = 'owner'
         AND (SELECT count(*) FROM memberships x
              WHERE x.organization_id = m.organization_id AND x.role = 'owner') = 1
       ORDER BY o.id`,
    );
  }

  add(organizationId: number, userId: number, role: Role): void {
    this.#add.run(organizationId, userId, role);
  }

  /** The user's role in the organization, or undefined when not a member. */
  role(organizationId: number, userId: number): Role | undefined {
    return this.#role.get(organizationId, userId)?.role;
  }

  setRole(organizationId: number, userId: number, role: Role): void {
    this.#setRole.run(role, organizationId, userId);
  }

  ownerCount(organizationId: number): number {
    return this.#owners.get(organizationId)?.n ?? 0;
  }

  /** Every membership in the partner's organizations, by user then organization. */
  byPartner(partnerId: string): MembershipRow[] {
    return this.#byPartner.all(partnerId);
  }

  /** A user's memberships by ascending organization id. */
  byUser(userId: number): MembershipRow[] {
    return this.#byUser.all(userId);
  }

  /** Every membership of every member of the organization, by user then organization. */
  ofMembersOf(organizationId: number): MembershipRow[] {
    return this.#ofMembers.all(organizationId);
  }

  memberIds(organizationId: number): number[] {
    return this.#memberIds.all(organizationId).map((row) => row.user_id);
  }

  /** The organizations where this user is the only owner (U13). */
  soleOwnerOf(userId: number): { id: number; name: string }[] {
    return this.#soleOwnerOf.all(userId);
  }
}
