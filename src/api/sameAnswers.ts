import type { z } from 'zod';
import { itemChange, itemRangesOf, matchRun, rangesAfter, type ItemRanges } from './listDelta';
import type { ApiResponse } from './types';

interface Kept {
  readonly bytes: Buffer;
  readonly schema: z.ZodType;
  readonly response: ApiResponse<unknown>;
  /** Where the result's items lie in `bytes`: found the first time a changed answer needs them; null if it cannot be. */
  ranges: ItemRanges | null | undefined;
}

interface Patched<T> {
  readonly response: ApiResponse<T>;
  readonly ranges: ItemRanges;
}

/** JSON.parse's value, or undefined for text that is not JSON. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The items read anew, checked with the list's own schema as a list of their own (the list schemas check each item on
 * its own); undefined when it refuses them, so the whole answer is read and the refusal reported with its paths.
 */
function checkedItems(schema: z.ZodType, values: unknown[]): readonly unknown[] | undefined {
  const checked = schema.safeParse(values);
  if (!checked.success || !Array.isArray(checked.data)) return undefined;
  const items: readonly unknown[] = checked.data;
  return items;
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
 * path and schema. A refresh mostly brings back the same bytes, or bytes where a few items changed, came or went.
 * Same bytes: the result checked then is the result now (the same object); the body is neither decoded, parsed nor
 * checked. Otherwise, with the envelope the same (see listDelta.ts): in the run of items between the first and the
 * last changed byte (found by comparing the bodies from both ends), each new item with the bytes of an old one is that
 * object, and only the others are parsed and checked, with the list's schema. Anything else (the envelope changed,
 * more than a quarter of the items to read, a changed item the schema refuses, bytes that are not JSON) is
 * read whole as before, so a refusal is reported with zod's paths over the whole list. Only 2xx answers that passed
 * their schema are kept; beyond `maxBytes` in all, the keys unused for longest go. Results are never changed in place
 * by anyone (families copy what they derive), so handing out the same objects again is safe.
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

  /**
   * The last result with the items that changed, came or went read from `bytes` (the run of items between the first
   * and the last changed byte, each of its new items that has the bytes of an old one being that object), or
   * undefined to read it all: the envelope changed, more than a quarter of the items to read, or not JSON.
   */
  private patched<S extends z.ZodType>(kept: Kept, schema: S, bytes: Buffer): Patched<z.output<S>> | undefined {
    const list: unknown = kept.response.result;
    if (!Array.isArray(list)) return undefined;
    const items: readonly unknown[] = list;
    const rangesOf = (): ItemRanges | undefined => {
      if (kept.ranges === undefined) kept.ranges = itemRangesOf(kept.bytes) ?? null;
      return kept.ranges && kept.ranges.starts.length === items.length ? kept.ranges : undefined;
    };
    const change = itemChange(kept.bytes, rangesOf, bytes);
    const ranges = kept.ranges;
    if (!change || !ranges) return undefined;
    const old = { starts: ranges.starts.subarray(change.from, change.to + 1), ends: ranges.ends.subarray(change.from, change.to + 1) };
    const run = matchRun(kept.bytes, old, bytes, change.regionStart, change.regionEnd);
    if (!run) return undefined;
    const { matches } = run;
    const unread: number[] = [];
    for (let i = 0; i < matches.length; i++) if (matches[i] === -1) unread.push(i);
    if (unread.length > items.length / 4) return undefined;
    const values: unknown[] = [];
    for (const i of unread) {
      const value = parsed(bytes.toString('utf8', run.ranges.starts[i], run.ranges.ends[i]));
      if (value === undefined) return undefined;
      values.push(value);
    }
    const read = checkedItems(schema, values);
    if (!read) return undefined;
    let next = 0;
    const runItems = Array.from(matches, (match) => (match >= 0 ? items[change.from + match] : read[next++]));
    const result = [...items.slice(0, change.from), ...runItems, ...items.slice(change.to + 1)];
    const shifted = { starts: run.ranges.starts.map((s) => s - change.regionStart), ends: run.ranges.ends.map((e) => e - change.regionStart) };
    return { response: { ...kept.response, result: result as z.output<S> }, ranges: rangesAfter(ranges, change, shifted) };
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
