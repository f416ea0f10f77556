/**
 * SQL for locations. Exports: `LocationStore`, `NewLocation`.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { LocationRow } from './rows.js';
import { UNKNOWNS } from '../unknowns.js';

/** U5: list order. */
const ORDER = UNKNOWNS.U5.listOrder;

/** The fields of a new location; `phoneNumber` must already be reserved. */
export interface NewLocation {
  partnerId: string;
  organizationId: number;
  name: string | null;
  phoneNumber: string | null;
  status: LocationRow['status'];
  activatesAt: number | null;
  address: string | null;
  googlePlaceId: string | null;
  at: string;
}

type InsertParams = [
  string,
  number,
  string | null,
  string | null,
  string,
  number | null,
  string | null,
  string | null,
  string,
  string,
];

/** Prepared statements over the `locations` table. */
export class LocationStore {
  readonly #insert: Statement<InsertParams, LocationRow>;
  readonly #find: Statement<[number, string], LocationRow>;
  readonly #list: Statement<[string], LocationRow>;
  readonly #byOrganization: Statement<[number], LocationRow>;
  readonly #update: Statement<
    [string | null, string | null, string | null, string, number]
  >;
  readonly #delete: Statement<[number]>;
  readonly #activate: Statement<[string, number]>;

  constructor(db: Database) {
    this.#insert = db.prepare(
      `INSERT INTO locations (partner_id, organization_id, name, phone_number, status,
         activates_at, address, google_place_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    );
    this.#find = db.prepare('SELECT * FROM locations WHERE id = ? AND partner_id = ?');
    this.#list = db.prepare(
      `SELECT * FROM locations WHERE partner_id = ? ORDER BY id ${ORDER}`,
    );
    this.#byOrganization = db.prepare(
      `SELECT * FROM locations WHERE organization_id = ? ORDER BY id ${ORDER}`,
    );
    this.#update = db.prepare(
      `UPDATE locations SET name = ?, address = ?, google_place_id = ?, updated_at = ?
       WHERE id = ?`,
    );
    this.#delete = db.prepare('DELETE FROM locations WHERE id = ?');
    // Rows already due are left alone: they read as active, with their own timestamp.
    this.#activate = db.prepare(
      `UPDATE locations SET status = 'active', updated_at = ?
       WHERE status = 'pending' AND phone_number IS NOT NULL
         AND (activates_at IS NULL OR activates_at > ?)`,
    );
  }

  insert(loc: NewLocation): LocationRow {
    const row = this.#insert.get(
      loc.partnerId,
      loc.organizationId,
      loc.name,
      loc.phoneNumber,
      loc.status,
      loc.activatesAt,
      loc.address,
      loc.googlePlaceId,
      loc.at,
      loc.at,
    );
    if (row === undefined) throw new Error('bug: INSERT ... RETURNING gave no location');
    return row;
  }

  /** The partner's location with that id; another partner's is undefined. */
  find(partnerId: string, id: number): LocationRow | undefined {
    return this.#find.get(id, partnerId);
  }

  list(partnerId: string): LocationRow[] {
    return this.#list.all(partnerId);
  }

  byOrganization(organizationId: number): LocationRow[] {
    return this.#byOrganization.all(organizationId);
  }

  update(row: LocationRow): void {
    this.#update.run(row.name, row.address, row.google_place_id, row.updated_at, row.id);
  }

  /** Deletes the location; its number stays issued and is never handed out again. */
  delete(id: number): void {
    this.#delete.run(id);
  }

  /** Activates every pending location that has a number and is not yet due; returns how many. */
  activatePending(at: string, nowMs: number): number {
    return this.#activate.run(at, nowMs).changes;
  }
}
