/**
 * Partners and their API keys, in memory only. Raw keys live in this map and
 * nowhere else: everything outside identifies a key by its label, the partner
 * id and the key's 1-based position (`demo#1`). A revoked key is remembered by
 * its SHA-256 hash only (`keyHash`), which the state file keeps across restarts.
 * Exports: `KeyRegistry`, `KeyIdentity`, `PartnerState`, `PartnerSummary`,
 * `PartnerKeyCount`, `keyHash`.
 */
import { createHash } from 'node:crypto';
import { SecretRedactor } from '../secrets/redactor.js';
import type { PartnerConfig } from './partner-config.js';

/** Who a valid key belongs to. */
export interface KeyIdentity {
  partnerId: string;
  label: string;
}

/** A partner as the emulator tracks it. */
export interface PartnerState {
  id: string;
  name: string | null;
  embedEnabled: boolean;
  keyCount: number;
}

/** A partner as control output shows it: keys by label only. */
export interface PartnerSummary {
  id: string;
  name: string | null;
  embedEnabled: boolean;
  keys: { label: string; revoked: boolean }[];
}

/** A partner with its number of usable (not revoked) keys. */
export interface PartnerKeyCount {
  id: string;
  keys: number;
}

/** The SHA-256 hash (hex) of a key: what is stored of a revoked key, never the key. */
export function keyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

interface KeyEntry extends KeyIdentity {
  revoked: boolean;
}

/** The key → partner map, with adding, revoking and the embedding switch. */
export class KeyRegistry {
  readonly #byKey = new Map<string, KeyEntry>();
  readonly #partners = new Map<string, PartnerState>();
  readonly #revokedHashes: Set<string>;
  #redactor: SecretRedactor | undefined;

  /** `revokedHashes`: hashes of keys revoked earlier; such keys stay revoked. */
  constructor(partners: readonly PartnerConfig[], revokedHashes: Iterable<string> = []) {
    this.#revokedHashes = new Set(revokedHashes);
    partners.forEach((partner) => this.register(partner));
  }

  /**
   * Adds a partner, or merges into an existing one: new keys are added, a given
   * name or embedding switch replaces the old one. A key already held by another
   * partner is refused (without echoing it).
   */
  register(config: PartnerConfig): void {
    const existing = this.#partners.get(config.id);
    const partner: PartnerState = existing ?? {
      id: config.id,
      name: null,
      embedEnabled: true,
      keyCount: 0,
    };
    const conflict = this.conflictOf(config);
    if (conflict !== null) throw new Error(conflict.message);
    if (config.name !== undefined) partner.name = config.name;
    if (config.embedEnabled !== undefined) partner.embedEnabled = config.embedEnabled;
    this.#partners.set(config.id, partner);
    for (const key of config.keys) {
      if (!this.#byKey.has(key)) this.#addKey(partner, key);
    }
  }

  /** Adds one key to an existing partner; returns its label. */
  addKey(partnerId: string, key: string): string {
    const partner = this.#partners.get(partnerId);
    if (partner === undefined) throw new Error(`unknown partner "${partnerId}"`);
    const known = this.#byKey.get(key);
    if (known !== undefined) {
      if (known.partnerId !== partnerId) {
        throw new Error(`that key already belongs to partner "${known.partnerId}"`);
      }
      if (known.revoked) {
        throw new Error(`that key (${known.label}) was revoked for good`);
      }
      return known.label;
    }
    if (this.#revokedHashes.has(keyHash(key))) {
      throw new Error('that key was revoked for good');
    }
    return this.#addKey(partner, key);
  }

  /** Revokes a key at once; returns its label, or null for an unknown key. */
  revoke(key: string): string | null {
    const entry = this.#byKey.get(key);
    if (entry === undefined) return null;
    entry.revoked = true;
    this.#revokedHashes.add(keyHash(key));
    return entry.label;
  }

  /** The identity of a key, or null when it is missing, unknown or revoked. */
  identify(key: string | undefined): KeyIdentity | null {
    if (key === undefined || key === '') return null;
    const entry = this.#byKey.get(key);
    if (entry === undefined || entry.revoked) return null;
    return { partnerId: entry.partnerId, label: entry.label };
  }

  /** A partner by id. */
  partner(id: string): PartnerState | undefined {
    return this.#partners.get(id);
  }

  /** The first registered partner (the seed default). */
  firstPartnerId(): string | undefined {
    return this.#partners.keys().next().value;
  }

  /** Switches dashboard embedding for a partner; false for an unknown partner. */
  setEmbed(partnerId: string, enabled: boolean): boolean {
    const partner = this.#partners.get(partnerId);
    if (partner === undefined) return false;
    partner.embedEnabled = enabled;
    return true;
  }

  /** Every partner with its count of usable (not revoked) keys, sorted by id. */
  keyCounts(): PartnerKeyCount[] {
    const active = [...this.#byKey.values()].filter((entry) => !entry.revoked);
    return [...this.#partners.keys()]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((id) => ({
        id,
        keys: active.filter((entry) => entry.partnerId === id).length,
      }));
  }

  /** Every key label, revoked ones included, in registration order. */
  labels(): string[] {
    return [...this.#byKey.values()].map((entry) => entry.label);
  }

  /** Replaces every key (raw or URL-encoded) in text with `[REDACTED]`. */
  redact(text: string): string {
    this.#redactor ??= new SecretRedactor([...this.#byKey.keys()].flatMap(secretForms));
    return this.#redactor.text(text);
  }

  /** Every partner with its keys by label, in registration order. */
  summaries(): PartnerSummary[] {
    const keys = [...this.#byKey.values()];
    return [...this.#partners.values()].map((partner) => ({
      id: partner.id,
      name: partner.name,
      embedEnabled: partner.embedEnabled,
      keys: keys
        .filter((entry) => entry.partnerId === partner.id)
        .map((entry) => ({ label: entry.label, revoked: entry.revoked })),
    }));
  }

  #addKey(partner: PartnerState, key: string): string {
    partner.keyCount += 1;
    const label = `${partner.id}#${partner.keyCount}`;
    const revoked = this.#revokedHashes.has(keyHash(key));
    this.#byKey.set(key, { partnerId: partner.id, label, revoked });
    this.#redactor = undefined;
    return label;
  }

  /** Why `config` cannot be registered (a key held by another partner), or null. */
  conflictOf(config: PartnerConfig): { index: number; message: string } | null {
    for (const [index, key] of config.keys.entries()) {
      const owner = this.#byKey.get(key)?.partnerId;
      if (owner !== undefined && owner !== config.id) {
        const message = `this key of partner "${config.id}" is already a key of partner "${owner}"`;
        return { index, message };
      }
    }
    return null;
  }
}

/** A key as it may appear in a logged path or query: raw, or percent-encoded. */
function secretForms(key: string): string[] {
  const formEncoded = new URLSearchParams([['k', key]]).toString().slice('k='.length);
  return [...new Set([key, encodeURIComponent(key), formEncoded])];
}
