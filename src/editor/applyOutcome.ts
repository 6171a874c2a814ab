import type { ResourceBase } from '../families/family';

/**
 * What one Apply came to. Every case is reported in the extension's own words (applyReport.ts); none of them is
 * a file-system failure, because applying never happens inside a file save.
 */
export type ApplyOutcome =
  | { readonly kind: 'applied'; readonly resource: ResourceBase; readonly fields: readonly string[] }
  | { readonly kind: 'created'; readonly resource: ResourceBase }
  /** The document has problems; `messages` name them (also shown in the Problems panel). Nothing was sent. */
  | { readonly kind: 'problems'; readonly messages: readonly string[] }
  | { readonly kind: 'unchanged' }
  /** A conflict, and the user chose to compare first: the diff is open, the edits stay pending. */
  | { readonly kind: 'compare' }
  /** A conflict, and the user chose to drop the edits: the document holds the server copy. */
  | { readonly kind: 'discarded' }
  | { readonly kind: 'cancelled' }
  /** Refused before anything was sent, for a reason that is not a problem in the text (wrong account, read-only…). */
  | { readonly kind: 'refused'; readonly reason: string }
  /** Cloudflare (or the network) failed the request; the edits stay pending. */
  | { readonly kind: 'failed'; readonly error: unknown; readonly mayHaveCreated?: boolean };

export type ApplyKind = ApplyOutcome['kind'];
