// A typed client of the sandbox control API, for tests running in another process than the sandbox
// (e.g. the VS Code extension host). Same methods as the module API, async. Uses global fetch only.
import type { AuditEntry } from './audit-log';
import type { ActiveFault, Fault } from './faults';
import type { SandboxInfo } from './index';
import type { RequestLogEntry } from './request-log';
import type { DlpProfileSummary, FamilyName, FamilyRecords, RawRecord, StoredRawRecord } from './types';

interface ControlEnvelope {
  success: boolean;
  errors: { code: number; message: string }[];
  result: unknown;
}

export class SandboxControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class SandboxControl {
  /** `controlUrl` as the sandbox prints it, e.g. http://127.0.0.1:8788/__sandbox (no trailing slash needed). */
  constructor(readonly controlUrl: string) {
    this.controlUrl = controlUrl.replace(/\/+$/, '');
  }

  /** From the API base URL (…/client/v4) the client under test is pointed at. */
  static fromBaseUrl(baseUrl: string): SandboxControl {
    return new SandboxControl(new URL('/__sandbox', baseUrl).toString());
  }

  info(): Promise<SandboxInfo> {
    return this.call<SandboxInfo>('GET', '/info');
  }

  addFault(fault: Fault): Promise<ActiveFault> {
    return this.call<ActiveFault>('POST', '/faults', fault);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/faults');
  }

  faults(): Promise<ActiveFault[]> {
    return this.call<ActiveFault[]>('GET', '/faults');
  }

  requests(): Promise<RequestLogEntry[]> {
    return this.call<RequestLogEntry[]>('GET', '/requests');
  }

  async clearRequests(): Promise<void> {
    await this.call('DELETE', '/requests');
  }

  async reset(): Promise<void> {
    await this.call('POST', '/reset');
  }

  readonly state = {
    list: <F extends FamilyName>(family: F, accountId: string) => this.call<FamilyRecords[F][]>('GET', this.statePath(family, accountId)),
    getResource: async <F extends FamilyName>(family: F, accountId: string, id: string): Promise<FamilyRecords[F] | undefined> => {
      try {
        return await this.call<FamilyRecords[F]>('GET', this.statePath(family, accountId, id));
      } catch (error) {
        if (error instanceof SandboxControlError && error.status === 404) return undefined;
        throw error;
      }
    },
    mutate: <F extends FamilyName>(family: F, accountId: string, id: string, patch: Partial<FamilyRecords[F]>) =>
      this.call<FamilyRecords[F]>('PATCH', this.statePath(family, accountId, id), patch),
    /** Stores a raw record as it is (unknown type, extra fields…); see SandboxState.insert. */
    insert: (family: FamilyName, accountId: string, record: RawRecord) => this.call<StoredRawRecord>('POST', this.statePath(family, accountId), record),
    remove: async (family: FamilyName, accountId: string, id: string): Promise<boolean> => {
      try {
        await this.call('DELETE', this.statePath(family, accountId, id));
        return true;
      } catch (error) {
        if (error instanceof SandboxControlError && error.status === 404) return false;
        throw error;
      }
    },
    profiles: (accountId: string) => this.call<DlpProfileSummary[]>('GET', `/profiles/${encodeURIComponent(accountId)}`),
    /** The account's audit log, oldest first (API calls, state changes as "another admin", seeded history). */
    audit: (accountId: string) => this.call<AuditEntry[]>('GET', `/audit/${encodeURIComponent(accountId)}`),
    /** Plants an audit entry as it is (id generated when absent). */
    insertAudit: (accountId: string, entry: Record<string, unknown>) => this.call<AuditEntry>('POST', `/audit/${encodeURIComponent(accountId)}`, entry),
  };

  /** The state helpers are also reachable directly, as on the module API. */
  readonly list = this.state.list;
  readonly getResource = this.state.getResource;
  readonly mutate = this.state.mutate;
  readonly insert = this.state.insert;
  readonly remove = this.state.remove;
  readonly profiles = this.state.profiles;
  readonly audit = this.state.audit;
  readonly insertAudit = this.state.insertAudit;

  private statePath(family: FamilyName, accountId: string, id?: string): string {
    const base = `/state/${family}/${encodeURIComponent(accountId)}`;
    return id === undefined ? base : `${base}/${encodeURIComponent(id)}`;
  }

  private async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.controlUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const envelope = (await response.json()) as ControlEnvelope;
    if (!response.ok || !envelope.success) {
      throw new SandboxControlError(response.status, `sandbox control ${method} ${path}: ${envelope.errors.map((e) => e.message).join('; ')}`);
    }
    return envelope.result as T;
  }
}
