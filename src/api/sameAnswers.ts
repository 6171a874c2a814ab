import type { z } from 'zod';
import { arrayItems, itemChange, itemRangesOf, rangesAfter, type ItemRanges } from './listDelta';
import type { ApiResponse } from './types';

interface Kept {
  readonly bytes: Buffer;
  readonly schema: z.ZodType;
  readonly response: ApiResponse<unknown>;
  /** Where the result's items lie in `bytes`: found the first time a changed answer needs them; null if it cannot be. */
  ranges: ItemRanges | null | undefined;
}

/** What SameAnswers makes of an answer just read. */
export interface SameAnswerReading<T> {
  /** The answer, checked: the last one when the bytes are the same, or the last one with its changed items read anew. */
  readonly same: ApiResponse<T> | undefined;
  /** Keeps the answer checked now (when `same` was undefined) for the next time. */
  keep(response: ApiResponse<T>): void;
}

/**
 * The last answer to each list request that asked for it (`reuseSameAnswer`): its bytes and its checked result, per
 * path and schema. A refresh mostly brings back the same bytes, or bytes where a few items changed in place. Same
 * bytes: the result checked then is the result now (the same object), and the body is neither decoded, parsed nor
 * checked. Changed items only (see listDelta.ts): only the changed run is parsed and checked with the list's schema,
 * and the result is the last one with those items replaced, every other item the same object. Anything else (an item
 * added or removed at an end, the envelope changed, a changed item the schema refuses) is read as always, so a refusal
 * is reported with zod's paths over the whole list. Only 2xx answers that passed their schema are kept; beyond
 * `maxBytes` in all, the keys unused for longest go. Results are never changed in place by anyone (families copy what
 * they derive), so handing out the same objects again is safe.
 */
export class SameAnswers {
  private readonly byKey = new Map<string, Kept>();
  private bytesKept = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  /** The answer just read for `key` (a path with its query) and `schema`. */
  reading<S extends z.ZodType>(key: string, schema: S, bytes: Buffer): SameAnswerReading<z.output<S>> {
    const kept = this.byKey.get(key);
    const keep = (response: ApiResponse<z.output<S>>, ranges?: ItemRanges): void => this.set(key, { bytes, schema, response, ranges });
    if (!kept || kept.schema !== schema) return { same: undefined, keep };
    if (kept.bytes.equals(bytes)) {
      this.set(key, kept);
      return { same: kept.response as ApiResponse<z.output<S>>, keep: () => undefined };
    }
    const patched = this.patched(kept, schema, bytes);
    if (!patched) return { same: undefined, keep };
    keep(patched.response, patched.ranges);
    return { same: patched.response, keep: () => undefined };
  }

  clear(): void {
    this.byKey.clear();
    this.bytesKept = 0;
  }

  /** The last result with the items that changed in place read from `bytes`, or undefined to read it all. */
  private patched<S extends z.ZodType>(kept: Kept, schema: S, bytes: Buffer): { response: ApiResponse<z.output<S>>; ranges: ItemRanges } | undefined {
    const list: unknown = kept.response.result;
    if (!Array.isArray(list)) return undefined;
    const items: readonly unknown[] = list;
    const rangesOf = (): ItemRanges | undefined => {
      if (kept.ranges === undefined) kept.ranges = itemRangesOf(kept.bytes) ?? null;
      return kept.ranges && kept.ranges.starts.length === items.length ? kept.ranges : undefined;
    };
    const change = itemChange(kept.bytes, rangesOf, bytes);
    if (!change || !kept.ranges) return undefined;
    // The changed run, as an array of its own: `[` + the items + `]`.
    const region = Buffer.concat([Buffer.from('['), bytes.subarray(change.regionStart, change.regionEnd), Buffer.from(']')]);
    const found = arrayItems(region, 0);
    let values: unknown;
    try {
      values = JSON.parse(region.toString('utf8'));
    } catch {
      return undefined;
    }
    // No item at all would leave two commas side by side, or an empty slot, in the new body: read it as always.
    if (!found || !Array.isArray(values) || values.length === 0 || values.length !== found.ranges.starts.length) return undefined;
    const checked = schema.safeParse(values);
    if (!checked.success || !Array.isArray(checked.data)) return undefined;
    const changed: readonly unknown[] = checked.data;
    const result = [...items.slice(0, change.from), ...changed, ...items.slice(change.to + 1)];
    const shifted = { starts: found.ranges.starts.map((s) => s - 1), ends: found.ranges.ends.map((e) => e - 1) };
    return { response: { ...kept.response, result: result as z.output<S> }, ranges: rangesAfter(kept.ranges, change, shifted) };
  }

  private set(key: string, entry: Kept): void {
    const before = this.byKey.get(key);
    if (before) this.bytesKept -= before.bytes.length;
    this.byKey.delete(key);
    this.byKey.set(key, entry);
    this.bytesKept += entry.bytes.length;
    // The oldest keys first, never the one just kept.
    for (const [oldest, { bytes }] of this.byKey) {
      if (this.bytesKept <= this.maxBytes || oldest === key) break;
      this.byKey.delete(oldest);
      this.bytesKept -= bytes.length;
    }
  }
}
