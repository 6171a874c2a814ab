// startSandbox(): a loopback Cloudflare API v4 double for the Zero Trust integration families and the resources
// around them, with scripted faults, a request log and direct state access for tests. See README.md.
import type { AddressInfo } from 'node:net';
import { ApiHandler } from './api';
import type { AuditEntry } from './audit-log';
import { credentialSpecsOf, CredentialRegistry, defaultCredentials, type CredentialSpec } from './auth';
import { ControlHandler, CONTROL_PREFIX } from './control';
import { allRoutes, FAMILIES, FAMILY_DEFINITIONS, type FamilyName, type FamilyRecords } from './families';
import { FAULT_KINDS, FaultList, type ActiveFault, type Fault } from './faults';
import type { PostureConfigShape } from './posture-config';
import { RequestLog, type RequestLogEntry } from './request-log';
import { ResponseHeaders } from './response-headers';
import { seedWorld } from './seed/world';
import { API_PREFIX, createSandboxServer } from './server';
import { SandboxStore } from './store';
import type { DlpProfileSummary, RawRecord, SandboxAccount, SandboxCredentials, StoredRawRecord } from './types';

export type { ActiveFault, AppliedFault, Fault, FaultKind } from './faults';
export type { AuditActor, AuditEntry } from './audit-log';
export type { CredentialSpec, PermissionGroup } from './auth';
export type { PostureConfigShape } from './posture-config';
export type { RequestLogEntry } from './request-log';
export type * from './types';
export type { AccessIdentityProviderRecord } from './seed/access-identity-providers';
export type { AccessPolicyRecord, AccessRule } from './seed/access-policies';
export type { GatewayRuleRecord } from './seed/gateway-rules';
export type { DevicePostureRuleRecord } from './seed/posture-rules';
export { FAMILIES, FAULT_KINDS };

export interface SandboxOptions {
  /** 0 (default) = a free port. The sandbox always binds 127.0.0.1 only. */
  port?: number;
  /** Records per family per account; omitted = the small hand-written default data. */
  items?: number;
  /** PRNG seed of the data (default 1). Account ids do not depend on it. */
  seed?: number;
  /** How many accounts (default 2: "Acme Corp", "Acme Labs"). */
  accountCount?: number;
  /** Credentials accepted in addition to the defaults in `Sandbox.credentials`. */
  tokens?: CredentialSpec[];
  /** Device posture answers (config, delete result): 'live' (default, like Cloudflare) or 'spec' (OpenAPI-valid). */
  postureConfigShape?: PostureConfigShape;
}

/** Read and change the data behind the client's back. Returned records are copies. */
export interface SandboxState {
  list<F extends FamilyName>(family: F, accountId: string): FamilyRecords[F][];
  getResource<F extends FamilyName>(family: F, accountId: string, id: string): FamilyRecords[F] | undefined;
  mutate<F extends FamilyName>(family: F, accountId: string, id: string, patch: Partial<FamilyRecords[F]>): FamilyRecords[F];
  /**
   * Stores `record` as it is, unchecked (unknown posture `type`, unknown or missing fields), and the API lists it
   * as it is (posture secrets aside). `id` is generated when absent; a used id throws. Returns the stored copy.
   */
  insert(family: FamilyName, accountId: string, record: RawRecord): StoredRawRecord;
  remove(family: FamilyName, accountId: string, id: string): boolean;
  /** The account's DLP profiles (id, name, type, entry ids). */
  profiles(accountId: string): DlpProfileSummary[];
  /** Creates an integration DLP profile, or renames one when `id` names it; returns its id. */
  putProfile(accountId: string, profile: { id?: string; name: string }): string;
  /**
   * The account's audit log, oldest first: the API's own calls (GETs as views), changes made through these
   * state helpers (by "another admin" in the dashboard) and the seeded older entries.
   */
  audit(accountId: string): AuditEntry[];
  /** Plants an audit entry as it is (id generated when absent); ordered by its `action.time`. */
  insertAudit(accountId: string, entry: Record<string, unknown>): AuditEntry;
}

export interface SandboxInfo {
  baseUrl: string;
  controlUrl: string;
  port: number;
  accounts: SandboxAccount[];
  credentials: SandboxCredentials;
  families: readonly FamilyName[];
}

/** The state helpers are there twice: as `sandbox.state.list(…)` and directly as `sandbox.list(…)`. */
export interface Sandbox extends SandboxInfo, SandboxState {
  addFault(fault: Fault): ActiveFault;
  clearFaults(): void;
  faults(): ActiveFault[];
  requests(): RequestLogEntry[];
  clearRequests(): void;
  /** Reseed the data and clear faults and the request log. */
  reset(): void;
  readonly state: SandboxState;
  close(): Promise<void>;
}

function checkedCount(name: string, value: number | undefined, min: number): number | undefined {
  if (value !== undefined && (!Number.isInteger(value) || value < min)) throw new Error(`startSandbox: ${name} must be an integer >= ${min}`);
  return value;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? 1;
  const items = checkedCount('items', options.items, 0);
  const accountCount = checkedCount('accountCount', options.accountCount, 1) ?? 2;
  const store = new SandboxStore(FAMILY_DEFINITIONS, () => seedWorld({ seed, items, accountCount, families: FAMILY_DEFINITIONS }), seed);
  const accounts = structuredClone([...store.accounts]);
  const firstAccount = accounts[0] as SandboxAccount;
  const credentials = defaultCredentials(firstAccount.id);
  const registry = new CredentialRegistry([...credentialSpecsOf(credentials), ...(options.tokens ?? [])], accounts.map((a) => a.id));
  const faults = new FaultList();
  const log = new RequestLog();
  const headers = new ResponseHeaders();
  const reset = () => {
    store.reseed();
    faults.reset();
    log.reset();
    headers.reset();
  };

  let info: SandboxInfo | undefined;
  const control = new ControlHandler({ faults, log, store, reset, info: () => info });
  const api = new ApiHandler(store, registry, options.postureConfigShape ?? 'live', allRoutes());
  const server = createSandboxServer({ api, control, faults, log, headers });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  info = { baseUrl: `${origin}${API_PREFIX}`, controlUrl: `${origin}${CONTROL_PREFIX}`, port, accounts, credentials, families: FAMILIES };

  const state: SandboxState = {
    list: <F extends FamilyName>(family: F, accountId: string) => store.list(family, accountId) as unknown as FamilyRecords[F][],
    getResource: <F extends FamilyName>(family: F, accountId: string, id: string) => store.getResource(family, accountId, id) as FamilyRecords[F] | undefined,
    mutate: <F extends FamilyName>(family: F, accountId: string, id: string, patch: Partial<FamilyRecords[F]>) =>
      store.mutate(family, accountId, id, patch as Record<string, unknown>) as unknown as FamilyRecords[F],
    insert: (family, accountId, record) => store.insert(family, accountId, record),
    remove: (family, accountId, id) => store.remove(family, accountId, id),
    profiles: (accountId) => store.profiles(accountId),
    putProfile: (accountId, profile) => store.putProfile(accountId, profile),
    audit: (accountId) => store.auditEntries(accountId),
    insertAudit: (accountId, entry) => store.insertAudit(accountId, entry),
  };
  return {
    ...info,
    ...state,
    state,
    addFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    faults: () => faults.list(),
    requests: () => log.list(),
    clearRequests: () => log.clear(),
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive and hung connections would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
