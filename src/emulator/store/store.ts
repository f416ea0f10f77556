/**
 * The emulator's storage: one SQLite database (in memory or a state file) with
 * a repository per table. Exports: `Store`.
 */
import type { Database } from 'better-sqlite3';
import { openDatabase } from './database.js';
import { LocationStore } from './locations.js';
import { MembershipStore } from './memberships.js';
import { OrganizationStore } from './organizations.js';
import { PartnerLinkStore } from './partner-links.js';
import { PhoneNumberStore } from './phone-numbers.js';
import { RevokedKeyStore } from './revoked-keys.js';
import { DATA_TABLES } from './schema.js';
import { UserStore } from './users.js';

/** All repositories over one database; every write runs inside `transaction`. */
export class Store {
  readonly organizations: OrganizationStore;
  readonly users: UserStore;
  readonly memberships: MembershipStore;
  readonly locations: LocationStore;
  readonly partnerLinks: PartnerLinkStore;
  readonly phoneNumbers: PhoneNumberStore;
  readonly revokedKeys: RevokedKeyStore;
  readonly #db: Database;

  /** Opens `path` (`:memory:` or a file) and prepares every statement. */
  constructor(path: string) {
    this.#db = openDatabase(path);
    this.organizations = new OrganizationStore(this.#db);
    this.users = new UserStore(this.#db);
    this.memberships = new MembershipStore(this.#db);
    this.locations = new LocationStore(this.#db);
    this.partnerLinks = new PartnerLinkStore(this.#db);
    this.phoneNumbers = new PhoneNumberStore(this.#db);
    this.revokedKeys = new RevokedKeyStore(this.#db);
  }

  /** Runs `work` as one transaction: all of it commits, or none of it on a throw. */
  transaction<T>(work: () => T): T {
    return this.#db.transaction(work)();
  }

  /** True when no partner data is stored (id sequences are not data). */
  isEmpty(): boolean {
    return DATA_TABLES.every((table) => {
      const row = this.#db
        .prepare(`SELECT EXISTS (SELECT 1 FROM ${table}) AS found`)
        .get();
      return (row as { found: number }).found === 0;
    });
  }

  /**
   * Deletes all partner data, issued numbers included. Id sequences continue,
   * so an id remembered from before the reset answers 404 instead of naming
   * something new.
   */
  reset(): void {
    this.transaction(() => {
      for (const table of DATA_TABLES) this.#db.prepare(`DELETE FROM ${table}`).run();
    });
  }

  get open(): boolean {
    return this.#db.open;
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
