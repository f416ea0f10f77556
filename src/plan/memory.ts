/**
 * What earlier runs left in the state directory that planning needs. The CLI
 * loads it from the checkpoint; planning only reads it, so it stays pure.
 */
export interface PlanMemory {
  /** Customer key to the organization id it was created as or adopted into. */
  organizations: ReadonlyMap<string, number>;
  /** Customer key to the values last applied for fields the API does not return. */
  lastApplied: ReadonlyMap<string, LastApplied>;
  /** How many customers the previous completed run's input held; null before the first. */
  previousInputCustomers: number | null;
}

/**
 * Values aa-sync last sent for fields that the live state may not show. The
 * reference documents no `description` in organization responses (U20), so
 * without this a nightly run would send the same update every night.
 */
export interface LastApplied {
  /** Absent: never applied. `null`: applied as "no description". */
  description?: string | null;
  /**
   * The external id aa-sync last made owner of the customer's organization
   * (by creating it, or by adding an owner). Absent for an organization only
   * matched. A remembered organization none of whose live owners is this one
   * or the export's is not the customer's any more.
   */
  owner?: string;
}

/** Memory of a state directory that has never been used. */
export const EMPTY_MEMORY: PlanMemory = {
  organizations: new Map(),
  lastApplied: new Map(),
  previousInputCustomers: null,
};
