// The control API at /__sandbox/…, so a test in another process (the VS Code extension host) can script
// faults, read the request log, reset, and read, change or add to the state. Loopback only, no credentials.
import { ApiError, ERROR_CODES, failureEnvelope, successEnvelope, type Envelope } from './envelope';
import { FAMILIES, isFamilyName, type FamilyName } from './families';
import { faultProblems, type Fault, type FaultList } from './faults';
import type { RequestLog } from './request-log';
import { Router } from './router';
import { DuplicateResourceError, UnknownResourceError, type SandboxStore } from './store';
import type { RawRecord } from './types';
import { isJsonObject } from './validate';

export const CONTROL_PREFIX = '/__sandbox';

type ControlAction = (params: Record<string, string>, body: unknown) => unknown;

export interface ControlDeps {
  faults: FaultList;
  log: RequestLog;
  store: SandboxStore;
  reset(): void;
  info(): unknown;
}

function bad(message: string): ApiError {
  return ApiError.of(400, ERROR_CODES.invalidBodyField, message);
}

function familyOf(params: Record<string, string>): FamilyName {
  const family = params.family ?? '';
  if (!isFamilyName(family)) throw ApiError.of(404, ERROR_CODES.noRoute, `Unknown family "${family}" (use ${FAMILIES.join(', ')})`);
  return family;
}

export class ControlHandler {
  private readonly router = new Router<ControlAction>();

  constructor(private readonly deps: ControlDeps) {
    const { faults, log, store } = deps;
    const state = '/__sandbox/state/:family/:accountId';
    this.router
      .add('GET', '/__sandbox/info', () => deps.info())
      .add('GET', '/__sandbox/faults', () => faults.list())
      .add('POST', '/__sandbox/faults', (_p, body) => faults.add(checkedFault(body)))
      .add('DELETE', '/__sandbox/faults', () => {
        faults.clear();
        return null;
      })
      .add('GET', '/__sandbox/requests', () => log.list())
      .add('DELETE', '/__sandbox/requests', () => {
        log.clear();
        return null;
      })
      .add('POST', '/__sandbox/reset', () => {
        deps.reset();
        return null;
      })
      .add('GET', '/__sandbox/profiles/:accountId', (p) => store.profiles(p.accountId ?? ''))
      .add('GET', '/__sandbox/audit/:accountId', (p) => store.auditEntries(p.accountId ?? ''))
      .add('POST', '/__sandbox/audit/:accountId', (p, body) => {
        if (!isJsonObject(body)) throw bad('The audit entry must be a JSON object');
        return store.insertAudit(p.accountId ?? '', body);
      })
      .add('GET', state, (p) => store.list(familyOf(p), p.accountId ?? ''))
      .add('POST', state, (p, body) => {
        if (!isJsonObject(body)) throw bad('The record must be a JSON object');
        if (body.id !== undefined && (typeof body.id !== 'string' || body.id === '')) throw bad('id: must be a non-empty string, or left out to get a new one');
        // Stored as it is, on purpose: unknown types and fields must reach the client's lists.
        return store.insert(familyOf(p), p.accountId ?? '', body as RawRecord);
      })
      .add('GET', `${state}/:id`, (p) => {
        const record = store.getResource(familyOf(p), p.accountId ?? '', p.id ?? '');
        if (!record) throw ApiError.notFound(`${p.family} ${p.id}`);
        return record;
      })
      .add('PATCH', `${state}/:id`, (p, body) => {
        if (!isJsonObject(body)) throw bad('The patch must be a JSON object');
        // Unchecked on purpose: a test may plant values the API itself would refuse.
        return store.mutate(familyOf(p), p.accountId ?? '', p.id ?? '', body);
      })
      .add('DELETE', `${state}/:id`, (p) => {
        if (!store.remove(familyOf(p), p.accountId ?? '', p.id ?? '')) throw ApiError.notFound(`${p.family} ${p.id}`);
        return null;
      });
  }

  handle(method: string, path: string, rawBody: string): { status: number; body: Envelope } {
    try {
      const lookup = this.router.lookup(method, path);
      if (lookup.kind === 'notFound') throw ApiError.of(404, ERROR_CODES.noRoute, 'No route for that URI');
      if (lookup.kind === 'methodNotAllowed') throw ApiError.of(405, ERROR_CODES.methodNotAllowed, `Allowed: ${lookup.allowed.join(', ')}`);
      return { status: 200, body: successEnvelope(lookup.handler(lookup.params, parseBody(rawBody))) };
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: failureEnvelope(error.errors) };
      if (error instanceof UnknownResourceError) return { status: 404, body: failureEnvelope([{ code: ERROR_CODES.resourceNotFound, message: error.message }]) };
      if (error instanceof DuplicateResourceError) return { status: 409, body: failureEnvelope([{ code: ERROR_CODES.duplicateReferenceId, message: error.message }]) };
      throw error;
    }
  }
}

function parseBody(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw ApiError.of(400, ERROR_CODES.malformedJson, 'Malformed JSON in request body');
  }
}

function checkedFault(body: unknown): Fault {
  if (!isJsonObject(body)) throw bad('A fault must be a JSON object');
  const problems = faultProblems(body);
  if (problems.length > 0) throw new ApiError(400, problems.map((message) => ({ code: ERROR_CODES.invalidBodyField, message })));
  return body as unknown as Fault;
}
