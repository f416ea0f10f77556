/**
 * SQL for the hashes of revoked API keys, so a revocation survives a restart
 * on the same state file. Exports: `RevokedKeyStore`.
 */
import type { Database, Statement } from 'better-sqlite3';

/** SHA-256 hashes of revoked keys (see `keyHash` in auth.ts); never raw keys. */
export class RevokedKeyStore {
  readonly #add: Statement<[string, string]>;
  readonly #all: Statement<[], { key_hash: string }>;

  constructor(db: Database) {
    this.#add = db.prepare(
      'INSERT INTO revoked_keys (key_hash, revoked_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
    this.#all = db.prepare('SELECT key_hash FROM revoked_keys ORDER BY key_hash');
  }

  /** Records a revoked key's hash; revoking again changes nothing. */
  add(keyHash: string, at: string): void {
    this.#add.run(keyHash, at);
  }

  /** Every stored hash. */
  hashes(): string[] {
    return this.#all.all().map((row) => row.key_hash);
  }
}
