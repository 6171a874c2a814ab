import * as z from 'zod';
import type { CloudflareErrorItem } from './errors';
import type { ResultInfo } from './types';

const messageItem = z.looseObject({
  code: z.number(),
  message: z.string(),
  documentation_url: z.string().optional(),
  source: z.looseObject({ pointer: z.string().optional() }).optional(),
});

/** Cloudflare's v4 envelope. Loose: Cloudflare adds fields over time and we must not break on them. */
const envelopeSchema = z.looseObject({
  success: z.boolean(),
  errors: z.array(messageItem).optional().default([]),
  messages: z.array(z.unknown()).optional(),
  result: z.unknown().optional(),
  result_info: z
    .looseObject({
      page: z.number().optional(),
      per_page: z.number().optional(),
      // The audit log (v2) sends its count as a string ("12"); every other list as a number.
      count: z.union([z.number(), z.string().transform(Number)]).optional(),
      total_count: z.number().optional(),
      total_pages: z.number().optional(),
      // Cursor paging (audit log v2); the SDK also reads `cursors.after`, so both are kept.
      cursor: z.string().optional(),
      cursors: z.looseObject({ after: z.string().optional() }).optional(),
    })
    .nullish(),
});

export interface Envelope {
  readonly success: boolean;
  readonly errors: CloudflareErrorItem[];
  readonly result: unknown;
  readonly resultInfo?: ResultInfo;
}

/** Parses a body as the envelope; undefined when it is not JSON or not envelope-shaped. */
export function parseEnvelope(text: string): Envelope | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { success, errors, result, result_info } = parsed.data;
  return {
    success,
    errors: errors.map((e) => ({
      code: e.code,
      message: e.message,
      ...(e.documentation_url ? { documentation_url: e.documentation_url } : {}),
      ...(e.source?.pointer ? { pointer: e.source.pointer } : {}),
    })),
    result,
    ...(result_info ? { resultInfo: result_info } : {}),
  };
}

/** A few zod issues as one line, paths first; zod 4 messages name types, never the values. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const shown = error.issues.slice(0, max).map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  const more = error.issues.length > max ? `; and ${error.issues.length - max} more` : '';
  return shown.join('; ') + more;
}
