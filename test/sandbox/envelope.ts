// The Cloudflare v4 response envelope, the error type the routes throw, and every error code the sandbox uses
// (README.md lists them too). The codes are plausible rather than documented: Cloudflare publishes few of them.

export interface CfMessage {
  code: number;
  message: string;
  documentation_url?: string;
  source?: { pointer: string };
}

/**
 * Paging facts next to a list. Most lists use page, per_page, count and total_count (Access lists add
 * total_pages); the audit log pages by cursor and has its own shape (`count` as a string, `cursor`).
 */
export type ResultInfo =
  | { page: number; per_page: number; count: number; total_count: number; total_pages?: number }
  | { count: number | string; cursor?: string; history_status?: string };

export interface Envelope {
  success: boolean;
  errors: CfMessage[];
  messages: CfMessage[];
  result: unknown;
  result_info?: ResultInfo;
  [extra: string]: unknown;
}

export const ERROR_CODES = {
  invalidApiToken: 1000, // 401 unknown bearer token, or a token of the wrong kind on a verify endpoint
  resourceNotFound: 1003, // 404 well-formed id that names nothing in this account
  invalidBodyField: 1004, // 400 a body field is missing, of the wrong type or format, or unknown
  duplicateReferenceId: 1005, // 409 risk scoring reference_id already used in the account (also: control insert of a used id)
  invalidQueryParameter: 1006, // 400 page / per_page / direction / all out of range
  postureCredentialsRefused: 2046, // 400 the posture provider refused the client credentials (Cloudflare tests them)
  featureNotEnabled: 3314, // 403 the account lacks the feature (risk scoring is Enterprise Zero Trust only)
  invalidRequestHeaders: 6003, // 400 a Global API Key on an endpoint that takes only API tokens
  malformedJson: 6007, // 400 body is not JSON, or not a JSON object
  invalidAuthorizationHeader: 6111, // 400 Authorization present but not "Bearer <token>"
  noRoute: 7000, // 404 no route for that URI
  invalidObjectIdentifier: 7003, // 404 malformed account or resource id in the path
  unknownGlobalKey: 9103, // 401 unknown X-Auth-Email / X-Auth-Key pair
  missingCredentials: 9106, // 400 no credential headers (or only half of the Global API Key pair)
  authenticationError: 10000, // 403 the credential does not reach this account; or a read-only token writes ("Forbidden")
  unknownError: 10013, // 5xx fault, and the default for a success:false fault
  methodNotAllowed: 10405, // 405 known path, other method
  bodyTooLarge: 10413, // 413 request body over the sandbox limit
  rateLimited: 10429, // 429 fault (Cloudflare has also been seen sending 971, which the OpenAPI's minimum 1000 forbids)
} as const;

/** Thrown by routes and checks; the server turns it into a failure envelope with this status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: CfMessage[],
    readonly headers: Record<string, string> = {},
    /** Fields added to the failure envelope (the audit history's 404 carries `result_info`). */
    readonly envelopeExtra: Record<string, unknown> = {},
  ) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join('; '));
  }

  static of(status: number, code: number, message: string, extra: Partial<CfMessage> = {}): ApiError {
    return new ApiError(status, [{ code, message, ...extra }]);
  }

  static notFound(what: string): ApiError {
    return ApiError.of(404, ERROR_CODES.resourceNotFound, `${what} not found`);
  }

  static invalidIdentifier(path: string): ApiError {
    return ApiError.of(404, ERROR_CODES.invalidObjectIdentifier, `Could not route to ${path}, perhaps your object identifier is invalid?`);
  }
}

export function successEnvelope(result: unknown, resultInfo?: ResultInfo, messages: CfMessage[] = []): Envelope {
  const envelope: Envelope = { success: true, errors: [], messages, result };
  if (resultInfo) envelope.result_info = resultInfo;
  return envelope;
}

export function failureEnvelope(errors: CfMessage[]): Envelope {
  return { success: false, errors, messages: [], result: null };
}
