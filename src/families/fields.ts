import * as z from 'zod';

// Small builders for fields whose schema must carry more than their zod type: the help text VS Code shows on hover
// and in completions, the readOnly / writeOnly annotations, and messages a person wrote. `.meta()` keys are copied
// verbatim into the generated JSON Schema, so they are the one place where editor help is written; `errorMessage`
// is the message VS Code's live JSON check shows for the field, and the zod `error`s are what the apply check says.

/**
 * Longest name accepted. The official OpenAPI fragment states no length for these names and Cloudflare documents
 * no dashboard limit, so this is the extension's own cap: long enough for any real name, short enough that a
 * pasted blob is refused before it reaches Cloudflare.
 */
export const MAX_NAME_LENGTH = 255;
/** Longest other text value (URLs, ids, secrets): the extension's own cap, for the same reason. */
export const MAX_TEXT_LENGTH = 8192;

/** A field Cloudflare sets; shown in the editor, never sent. */
export function readOnlyField<T extends z.ZodType>(schema: T, description: string): T {
  return schema.meta({ description: `${description} Read-only: set by Cloudflare.`, readOnly: true });
}

/** A non-empty string of at most `max` characters, with messages naming the field (no metadata yet). */
function boundedText(field: string, max: number): z.ZodString {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be text (in quotes)`) })
    .min(1, { error: `${field} can't be empty` })
    .max(max, { error: `${field} is too long: at most ${max} characters` });
}

/** A non-empty string of at most `max` characters, with help text, an example, and messages naming the field. */
export function textField(field: string, description: string, example?: string, max = MAX_TEXT_LENGTH): z.ZodString {
  return boundedText(field, max).meta({
    description,
    ...(example === undefined ? {} : { examples: [example] }),
    errorMessage: `${field} must be text of 1 to ${max} characters`,
  });
}

/**
 * A write-only secret: accepted on create and update, never returned by Cloudflare. The editor shows a
 * placeholder instead; changing the object that holds it means typing the secret again.
 */
export function secretField(field: string, description: string): z.ZodString {
  return boundedText(field, MAX_TEXT_LENGTH).meta({
    description: `${description} Write-only: Cloudflare never returns it; enter it again whenever this config changes.`,
    writeOnly: true,
    errorMessage: `${field} must be the secret itself, as text`,
  });
}

/** true or false. */
export function booleanField(field: string, description: string): z.ZodBoolean {
  const message = `${field} must be true or false (without quotes)`;
  return z.boolean({ error: (issue) => (issue.input === undefined ? `${field} is required` : message) }).meta({ description, errorMessage: message });
}

/**
 * An absolute http(s) URL. zod's url check accepts any scheme by default (`javascript:` included), so the
 * protocol is pinned; the pattern repeats that rule for the JSON Schema, which cannot express the check.
 */
export function httpUrlField(field: string, description: string, example: string): z.ZodURL {
  const message = `${field} must be an address starting with https://, such as ${example}`;
  return z
    .url({ protocol: /^https?$/, error: (issue) => (issue.input === undefined ? `${field} is required` : message) })
    .max(MAX_TEXT_LENGTH, { error: `${field} is too long: at most ${MAX_TEXT_LENGTH} characters` })
    .meta({ description, examples: [example], pattern: '^https?://', errorMessage: message });
}
