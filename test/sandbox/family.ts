// What a resource family is: its routes, its seed, and the few facts the generic store needs about it. A family
// lives in one routes file (routes/<family>.ts, which also holds its definition) and one seed file
// (seed/<family>.ts); families.ts lists the definitions, and everything else (store, state helpers, control API,
// seeding, audit entries) works from that list.
import type { Rng } from './prng';
import type { ApiRoute } from './routes/route';
import type { AccountTables } from './store';
import type { SandboxAccount, SandboxFeature } from './types';

/** Any stored record: an object with a string id (planted records may hold anything else). */
export type StoredRecord = { id: string; [field: string]: unknown };

/** How a kind of resource is named in audit log entries (`resource.type`, `resource.product`, the description). */
export interface AuditResource {
  type: string;
  product: string;
  /** Lower-case noun for `action.description`, e.g. "device posture rule". */
  label: string;
}

export interface FamilyResource extends AuditResource {
  /**
   * API path of one resource after `/accounts/{account_id}/`, without the id (e.g. `devices/posture`), and the
   * method that updates it there. Audit entries of changes made behind the API's back (control API, seed) use them.
   */
  path: string;
  updateMethod: 'PUT' | 'PATCH';
}

/** What a seed function gets for one account. */
export interface SeedContext {
  /** The family's own PRNG stream in this account (independent of every other family's). */
  rng: Rng;
  account: SandboxAccount;
  accountIndex: number;
  /** Undefined: the hand-written default data; otherwise exactly this many records. */
  items: number | undefined;
  /** Records of a family seeded earlier in the same account (families.ts order); [] when none. */
  seeded(family: string): StoredRecord[];
  /** A side table seeded earlier in the same account (e.g. `dlpProfiles`); [] when none. */
  side(name: string): StoredRecord[];
}

/**
 * What a seed returns: the family's records in list order, and optionally side tables (records a family's routes
 * need that are not the family itself, e.g. DLP profiles). Records are loosely typed here: a family's table may
 * hold more than the family (the DLP table holds every entry type).
 */
export interface SeedOutput {
  records: readonly { id: string }[];
  side?: Record<string, readonly { id: string }[]>;
}

export interface FamilyDefinition<R extends { id: string } = { id: string }> {
  /** PRNG stream label of the seed (kept per family, so adding a family never shifts another's data). */
  stream: string;
  resource: FamilyResource;
  /** An account without this feature holds no records of the family (its routes check the feature themselves). */
  feature?: SandboxFeature;
  /**
   * Which stored records the state helpers show as the family. Default: all. The DLP family stores every entry
   * type (the API lists them all) but is only its integration entries.
   */
  belongs?(record: StoredRecord): boolean;
  /** After a raw insert (e.g. a DLP entry joins its profile's entry list). */
  afterInsert?(record: StoredRecord, tables: AccountTables): void;
  /** After a removal behind the API's back. */
  afterRemove?(id: string, tables: AccountTables): void;
  /** `state.mutate` sets a fresh `updated_at` unless the patch sets one. */
  stampsUpdatedAt?: boolean;
  /** The record as the API answers it (secrets dropped, computed fields added): the `response` of audit entries. */
  present?(record: StoredRecord): unknown;
  /**
   * The fields its update body carries (e.g. DLP: `enabled`), for the `request` of audit entries about changes
   * made outside the API (seeded history, state helpers). Default: every field that is not read-only.
   */
  writeFields?: readonly string[];
  seed(ctx: SeedContext): readonly { id: string }[] | SeedOutput;
  routes: readonly ApiRoute[];
}

/** Identity, to name the record type the state helpers return: `defineFamily<MyRecord>({ … })`. */
export function defineFamily<R extends { id: string }>(definition: FamilyDefinition<R>): FamilyDefinition<R> {
  return definition;
}

/** The record type of a family definition. */
export type RecordOf<D> = D extends FamilyDefinition<infer R> ? R : never;
