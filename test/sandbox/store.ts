// The in-memory state: records per family per account in one generic store, and the state helpers tests use
// to read and change it behind the client's back (e.g. "someone else edited this between open and save").
// The store knows families only through their definitions (family.ts); routes reach their records through
// `FamilyTable`, the state helpers through `list / getResource / mutate / insert / remove`.
import { actionDescription, ANOTHER_ADMIN, auditObject, AuditLog, DASHBOARD_USER_AGENT, foreignRay, writeBodyOf, type AuditActionType, type AuditEntry } from './audit-log';
import type { DlpProfileRecord } from './dlp-types';
import type { FamilyDefinition, StoredRecord } from './family';
import { createRng, deriveSeed, randomUuid, type Rng } from './prng';
import { isoTime } from './seed/timestamps';
import type { DlpProfileSummary, RawRecord, SandboxAccount, StoredRawRecord } from './types';

/** The family definitions by name, in seeding order. */
export type FamilyDefinitions = Readonly<Record<string, FamilyDefinition>>;

/** One account's tables: one per family (named like the family) and any side tables (e.g. `dlpProfiles`). */
export class AccountTables {
  private readonly tables = new Map<string, Map<string, StoredRecord>>();

  /** The live table (created empty on first use). Map order is insertion order: the order lists answer in. */
  table<R extends { id: string } = StoredRecord>(name: string): Map<string, R> {
    let table = this.tables.get(name);
    if (!table) {
      table = new Map();
      this.tables.set(name, table);
    }
    return table as unknown as Map<string, R>;
  }
}

export interface SeededWorld {
  accounts: SandboxAccount[];
  tables: Map<string, AccountTables>;
  /** The accounts' audit logs, with their seeded older entries. */
  audit: AuditLog;
}

export class UnknownResourceError extends Error {}
export class DuplicateResourceError extends Error {}

/**
 * One family in one account, live (no copies): what routes read and write. `list` and `get` see only the records
 * that belong to the family; `stored` is the whole table (DLP: every entry type).
 */
export class FamilyTable<R extends { id: string }> {
  constructor(
    readonly family: string,
    private readonly definition: FamilyDefinition,
    readonly stored: Map<string, StoredRecord>,
    private readonly tables: AccountTables,
    private readonly accountId: string,
  ) {}

  list(): R[] {
    const all = [...this.stored.values()];
    const belongs = this.definition.belongs;
    return (belongs ? all.filter((r) => belongs(r)) : all) as unknown as R[];
  }

  get(id: string): R | undefined {
    const record = this.stored.get(id);
    if (!record || (this.definition.belongs && !this.definition.belongs(record))) return undefined;
    return record as unknown as R;
  }

  /** Adds a new record; an id already in the table is refused. */
  create(record: R): R {
    if (this.stored.has(record.id)) throw new DuplicateResourceError(`${this.family} ${record.id} already exists in account ${this.accountId}`);
    this.stored.set(record.id, record as unknown as StoredRecord);
    return record;
  }

  /** Shallow-merges `changes` (the id never changes). */
  update(id: string, changes: Partial<R>): R {
    const record = this.get(id);
    if (!record) throw new UnknownResourceError(`${this.family} ${id} not found in account ${this.accountId}`);
    Object.assign(record, changes, { id: record.id });
    return record;
  }

  /** Replaces the whole record (a full-replace PUT), keeping its place in the list. */
  replace(id: string, record: Omit<R, 'id'>): R {
    if (!this.get(id)) throw new UnknownResourceError(`${this.family} ${id} not found in account ${this.accountId}`);
    const stored = { ...record, id } as unknown as R;
    this.stored.set(id, stored as unknown as StoredRecord);
    return stored;
  }

  remove(id: string): boolean {
    if (!this.get(id)) return false;
    this.stored.delete(id);
    this.definition.afterRemove?.(id, this.tables);
    return true;
  }

  /** Stores a copy of `record` without any check (see SandboxStore.insert). */
  insertRaw(record: RawRecord, newId: () => string): StoredRawRecord {
    const id = typeof record.id === 'string' && record.id !== '' ? record.id : newId();
    if (this.stored.has(id)) throw new DuplicateResourceError(`${this.family} ${id} already exists in account ${this.accountId}`);
    const stored: StoredRawRecord = { ...structuredClone(record), id };
    this.stored.set(id, stored);
    this.definition.afterInsert?.(stored, this.tables);
    return structuredClone(stored);
  }
}

export class SandboxStore {
  private world: SeededWorld;
  private idRng: Rng;
  private rayRng: Rng;
  private lastTimestampMs = 0;

  constructor(
    readonly families: FamilyDefinitions,
    private readonly seedWorld: () => SeededWorld,
    private readonly seed: number,
  ) {
    this.world = seedWorld();
    this.idRng = createRng(deriveSeed(seed, 'runtime-ids'));
    this.rayRng = createRng(deriveSeed(seed, 'dashboard-rays'));
  }

  /** Back to the seeded state; ids of resources created afterwards repeat too, which keeps runs comparable. */
  reseed(): void {
    this.world = this.seedWorld();
    this.idRng = createRng(deriveSeed(this.seed, 'runtime-ids'));
    this.rayRng = createRng(deriveSeed(this.seed, 'dashboard-rays'));
  }

  /** The accounts' audit logs (the API records its calls there). */
  get audit(): AuditLog {
    return this.world.audit;
  }

  /** A copy of an account's audit log, oldest first. */
  auditEntries(accountId: string): AuditEntry[] {
    this.require(accountId);
    return this.world.audit.list(accountId);
  }

  /** Plants an audit entry as it is (see AuditLog.insertRaw). */
  insertAudit(accountId: string, entry: Record<string, unknown>): AuditEntry {
    this.require(accountId);
    return this.world.audit.insertRaw(accountId, entry);
  }

  get accounts(): readonly SandboxAccount[] {
    return this.world.accounts;
  }

  /** The account's tables, undefined when the account is unknown. */
  account(accountId: string): AccountTables | undefined {
    return this.world.tables.get(accountId);
  }

  /** The seeded account itself (name, plan, features), undefined when unknown. */
  accountInfo(accountId: string): SandboxAccount | undefined {
    return this.world.accounts.find((a) => a.id === accountId);
  }

  definition(family: string): FamilyDefinition {
    const definition = this.families[family];
    if (!definition) throw new UnknownResourceError(`unknown family ${family}`);
    return definition;
  }

  /** One family of one account, live. Throws UnknownResourceError for an unknown account or family. */
  table<R extends { id: string } = StoredRecord>(family: string, accountId: string): FamilyTable<R> {
    const tables = this.require(accountId);
    return new FamilyTable<R>(family, this.definition(family), tables.table(family), tables, accountId);
  }

  newId(): string {
    return randomUuid(this.idRng);
  }

  /**
   * Now in Cloudflare's form (seconds, `Z`, no milliseconds), but strictly later than the previous call, so two
   * fast writes never share an `updated_at`: several writes within one second run ahead of the clock by a
   * second each.
   */
  timestamp(): string {
    this.lastTimestampMs = Math.max(Math.floor(Date.now() / 1000) * 1000, this.lastTimestampMs + 1000);
    return isoTime(this.lastTimestampMs);
  }

  // The state helpers: copies in, copies out.

  list(family: string, accountId: string): StoredRecord[] {
    return structuredClone(this.table(family, accountId).list());
  }

  getResource(family: string, accountId: string, id: string): StoredRecord | undefined {
    const record = this.table(family, accountId).get(id);
    return record ? structuredClone(record) : undefined;
  }

  /**
   * Shallow-merges `patch` into the record (the id never changes) without any validation, so a test can also
   * plant values the API would refuse. Families with `stampsUpdatedAt` get a fresh `updated_at` unless the patch
   * sets one.
   */
  mutate(family: string, accountId: string, id: string, patch: Record<string, unknown>): StoredRecord {
    const table = this.table(family, accountId);
    const record = table.update(id, structuredClone(patch));
    if (this.definition(family).stampsUpdatedAt && !('updated_at' in patch)) record.updated_at = this.timestamp();
    this.recordOutsideChange(family, accountId, 'update', id, auditObject(patch), record);
    return structuredClone(record);
  }

  /**
   * Stores `record` as it is (a copy), without any check, so a test can plant data the API would never create:
   * an unknown posture `type`, an unknown field, a missing field. The id is generated when absent; an id already
   * used in the family is refused. A DLP record joins the account's entry list (any `type`; only
   * `type: "integration"` ones belong to the family) and the entry list of the profile its `profile_id` names.
   */
  insert(family: string, accountId: string, record: RawRecord): StoredRawRecord {
    const stored = this.table(family, accountId).insertRaw(record, () => this.newId());
    const presented = this.present(family, stored);
    this.recordOutsideChange(family, accountId, 'create', stored.id, writeBodyOf(presented, this.definition(family).writeFields), stored);
    return stored;
  }

  /** Deletes behind the client's back (even DLP integration entries, which the API itself never deletes). */
  remove(family: string, accountId: string, id: string): boolean {
    const removed = this.table(family, accountId).remove(id);
    if (removed) this.recordOutsideChange(family, accountId, 'delete', id);
    return removed;
  }

  /** A record as the family's API answers it. */
  private present(family: string, record: StoredRecord): unknown {
    const present = this.definition(family).present;
    return present ? present(record) : record;
  }

  /**
   * The state helpers change data behind the client's back, as another admin in the dashboard would: the audit
   * log records it under that person, with the API request the dashboard would have sent.
   */
  private recordOutsideChange(family: string, accountId: string, type: AuditActionType, id: string, request?: Record<string, unknown>, record?: StoredRecord): void {
    const { resource } = this.definition(family);
    const collection = `/client/v4/accounts/${accountId}/${resource.path}`;
    const response = record ? auditObject(this.present(family, record)) : undefined;
    this.world.audit.add(accountId, {
      account: { id: accountId, name: this.accountInfo(accountId)?.name ?? '' },
      action: { type, result: 'success', description: actionDescription(type, resource.label) },
      actor: { ...ANOTHER_ADMIN },
      resource: { id, type: resource.type, product: resource.product, ...(request ? { request } : {}), ...(response ? { response } : {}) },
      raw: {
        method: type === 'create' ? 'POST' : type === 'delete' ? 'DELETE' : resource.updateMethod,
        uri: type === 'create' ? collection : `${collection}/${id}`,
        status_code: 200,
        cf_ray_id: foreignRay(this.rayRng),
        user_agent: DASHBOARD_USER_AGENT,
      },
    });
  }

  /** The account's DLP profiles (all types), so a test can resolve a profile id to its name. */
  profiles(accountId: string): DlpProfileSummary[] {
    return [...this.require(accountId).table<DlpProfileRecord>('dlpProfiles').values()].map((p) => ({ id: p.id, name: p.name, type: p.type, entry_ids: [...p.entry_ids] }));
  }

  /**
   * Creates a DLP profile of the account (an integration profile, as a new CASB tenant brings) or renames one, as
   * the dashboard would: entries then name it by `profile_id` (planted with `insert`). Returns the profile's id.
   */
  putProfile(accountId: string, profile: { id?: string; name: string }): string {
    const table = this.require(accountId).table<DlpProfileRecord>('dlpProfiles');
    const existing = profile.id ? table.get(profile.id) : undefined;
    if (existing) {
      existing.name = profile.name;
      existing.updated_at = this.timestamp();
      return existing.id;
    }
    const id = profile.id ?? this.newId();
    const now = this.timestamp();
    table.set(id, { id, type: 'integration', name: profile.name, description: null, created_at: now, updated_at: now, entry_ids: [], shared_entry_ids: [] });
    return id;
  }

  private require(accountId: string): AccountTables {
    const tables = this.world.tables.get(accountId);
    if (!tables) throw new UnknownResourceError(`account ${accountId} not found`);
    return tables;
  }
}
