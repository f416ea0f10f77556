/**
 * SQL for the register of issued phone numbers. Exports: `PhoneNumberStore`.
 */
import type { Database, Statement } from 'better-sqlite3';

/** Every number ever issued, so none is issued twice (UNIQUE in SQLite). */
export class PhoneNumberStore {
  readonly #issue: Statement<[string, string]>;

  constructor(db: Database) {
    this.#issue = db.prepare(
      'INSERT INTO phone_numbers (number, issued_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
  }

  /** Records the number as issued; false when it was issued before. */
  tryIssue(number: string, at: string): boolean {
    return this.#issue.run(number, at).changes === 1;
  }
}
