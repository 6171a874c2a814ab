import * as z from 'zod';

// Small builders for fields whose JSON Schema must carry more than their zod type: the help text VS Code
// shows on hover and in completions, and the readOnly / writeOnly annotations. `.meta()` keys are copied
// verbatim into the generated JSON Schema, so they are the one place where editor help is written.

/** A field Cloudflare sets; shown in the editor, never sent. */
export function readOnlyField<T extends z.ZodType>(schema: T, description: string): T {
  return schema.meta({ description: `${description} Read-only: set by Cloudflare.`, readOnly: true });
}

/**
 * A write-only secret: accepted on create and update, never returned by Cloudflare. The editor shows a
 * placeholder instead; changing the object that holds it means typing the secret again.
 */
export function secretField(description: string): z.ZodString {
  return z.string().min(1).meta({
    description: `${description} Write-only: Cloudflare never returns it; enter it again whenever this config changes.`,
    writeOnly: true,
  });
}

/** A non-empty string with help text and an example value. */
export function textField(description: string, example?: string): z.ZodString {
  return z.string().min(1).meta(example === undefined ? { description } : { description, examples: [example] });
}

/**
 * An absolute http(s) URL. zod's url check accepts any scheme by default (`javascript:` included), so the
 * protocol is pinned; the pattern repeats that rule for the JSON Schema, which cannot express the check.
 */
export function httpUrlField(description: string, example: string): z.ZodURL {
  return z
    .url({ protocol: /^https?$/, error: 'Enter an absolute URL starting with https://' })
    .meta({ description, examples: [example], pattern: '^https?://' });
}
