// A stand-in for the HTTP client for the families' and models' unit tests: it records every request
// exactly as an operation built it, and answers with canned envelopes. Like the real client it
// validates the canned `result` with the schema the operation passed, so the models are exercised too.
import type { z } from 'zod';
import type { Credential } from '../../src/api/credentials';
import type { AccountContext, ApiCaller, ApiRequest, ApiResponse, QueryValue, ResultInfo } from '../../src/api/types';

export interface SentRequest {
  readonly method: string;
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  readonly hasBody: boolean;
}

export interface CannedAnswer {
  readonly result: unknown;
  readonly resultInfo?: ResultInfo;
}

export interface FakeApi {
  readonly api: ApiCaller;
  readonly sent: SentRequest[];
  readonly ctx: AccountContext;
}

export const TEST_CREDENTIAL: Credential = { kind: 'token', token: 'test-token' };

/** `answer` sees each request (in order) and returns what Cloudflare would put in the envelope. */
export function fakeApi(answer: (request: SentRequest, index: number) => CannedAnswer, accountId = 'acc-1'): FakeApi {
  const sent: SentRequest[] = [];
  const api: ApiCaller = {
    async call<S extends z.ZodType>(_credential: Credential, request: ApiRequest<S>): Promise<ApiResponse<z.output<S>>> {
      const recorded: SentRequest = {
        method: request.method,
        path: request.path,
        hasBody: request.body !== undefined,
        ...(request.query ? { query: request.query } : {}),
        ...(request.body !== undefined ? { body: structuredClone(request.body) } : {}),
      };
      sent.push(recorded);
      const canned = answer(recorded, sent.length - 1);
      const result = request.result.parse(canned.result);
      return { result, status: 200, ...(canned.resultInfo ? { resultInfo: canned.resultInfo } : {}) };
    },
  };
  return { api, sent, ctx: { api, credential: TEST_CREDENTIAL, accountId } };
}

/** The same answer to every request. */
export function answering(result: unknown, resultInfo?: ResultInfo): FakeApi {
  return fakeApi(() => (resultInfo ? { result, resultInfo } : { result }));
}
