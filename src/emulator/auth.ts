/**
 * Partners and their API keys, in memory only. Raw keys live in this map and
 * nowhere else: everything outside identifies a key by its label, the partner
 * id and the key's 1-based position (`demo#1`). Exports: `KeyRegistry`,
 * `KeyIdentity`, `PartnerState`, `PartnerSummary`.
 */
import type { PartnerConfig } from './options.js';

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

interface KeyEntry extends KeyIdentity {
  revoked: boolean;
}

/** The key → partner map, with adding, revoking and the embedding switch. */
export class KeyRegistry {
  readonly #byKey = new Map<string, KeyEntry>();
  readonly #partners = new Map<string, PartnerState>();

  constructor(partners: readonly PartnerConfig[]) {
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
    if (conflict !== null) throw new Error(conflict);
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
    return this.#addKey(partner, key);
  }

  /** Revokes a key at once; returns its label, or null for an unknown key. */
  revoke(key: string): string | null {
    const entry = this.#byKey.get(key);
    if (entry === undefined) return null;
    entry.revoked = true;
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
    this.#byKey.set(key, { partnerId: partner.id, label, revoked: false });
    return label;
  }

  /** Why `config` cannot be registered (a key held by another partner), or null. */
  conflictOf(config: PartnerConfig): string | null {
    for (const [index, key] of config.keys.entries()) {
      const owner = this.#byKey.get(key)?.partnerId;
      if (owner !== undefined && owner !== config.id) {
        return `key ${index + 1} of partner "${config.id}" is already a key of partner "${owner}"`;
      }
    }
    return null;
  }
}
