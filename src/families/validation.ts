import type { z } from 'zod';

/** One reason a request body was refused, located by its path in the body (`config.client_secret`). */
export interface BodyIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * A request body our own schema refused before anything was sent. Kept apart from the client's
 * CloudflareApiError on purpose: Cloudflare never saw this request, so no status, code or cf-ray exists.
 * zod 4 messages name expected types, never the offending values, so no secret ends up in the message.
 */
export class InvalidRequestBody extends Error {
  /** What was being sent, e.g. "device posture integration create body". */
  readonly what: string;
  readonly issues: readonly BodyIssue[];

  constructor(what: string, issues: readonly BodyIssue[]) {
    super(`Invalid ${what}: ${issues.map(formatIssue).join('; ')}`);
    this.name = 'InvalidRequestBody';
    this.what = what;
    this.issues = issues;
  }
}

function formatIssue(issue: BodyIssue): string {
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/** zod issues as body issues; symbol keys never occur in JSON bodies and are dropped. */
export function bodyIssuesOf(error: z.ZodError): BodyIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: issue.message,
  }));
}

/** Parses `body` with a strict body schema and returns what is safe to send, or throws InvalidRequestBody. */
export function validateBody<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new InvalidRequestBody(what, bodyIssuesOf(parsed.error));
  return parsed.data;
}
