// Where a list answer differs from the last one, in bytes, and which of its items that touches. A refresh mostly
// brings back a list where a few items changed, came or went: every other item is the same run of bytes, at the same
// place or shifted. Those items are the ones parsed and checked last time; only the others need JSON.parse and the
// schema. Written by hand because no JSON library reports where each item of an array lies in a body (parsers return
// values, not offsets); the scan looks only at the structural bytes, which in UTF-8 never occur inside a multi-byte
// character, compares with Buffer#compare (native), and gives up (undefined) on anything it does not expect, so the
// caller reads the answer as usual.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const RESULT_KEY = Buffer.from('"result"');

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Where each item of the envelope's `result` array lies: bytes [starts[i], ends[i]) of the body. */
export interface ItemRanges {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/**
 * The items of the top-level object's `result` array, or undefined when the body is not an object holding exactly one
 * `result` key whose value is an array. Assumes valid JSON (the body parsed).
 */
export function itemRangesOf(bytes: Uint8Array): ItemRanges | undefined {
  let at = 0;
  while (at < bytes.length && isSpace(bytes[at] as number)) at++;
  if (bytes[at] !== OPEN_BRACE) return undefined;
  let depth = 0;
  let keyStart = -1;
  let keyEnd = -1;
  let found: ItemRanges | undefined;
  for (; at < bytes.length; at++) {
    const byte = bytes[at] as number;
    if (byte === QUOTE) {
      const end = stringEnd(bytes, at);
      if (end < 0) return undefined;
      if (depth === 1) {
        keyStart = at;
        keyEnd = end;
      }
      at = end - 1;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth++;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    } else if (byte === COLON && depth === 1) {
      if (!isResultKey(bytes, keyStart, keyEnd)) continue;
      if (found) return undefined;
      let value = at + 1;
      while (value < bytes.length && isSpace(bytes[value] as number)) value++;
      if (bytes[value] !== OPEN_BRACKET) return undefined;
      const items = arrayItems(bytes, value);
      if (!items) return undefined;
      found = items.ranges;
      at = items.end - 1;
    }
  }
  return found;
}

/** The end (exclusive, after the closing quote) of the string starting at `at`, or -1. */
function stringEnd(bytes: Uint8Array, at: number): number {
  for (let i = at + 1; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === BACKSLASH) i++;
    else if (byte === QUOTE) return i + 1;
  }
  return -1;
}

/** Whether the key is "result", written plainly or with escapes (as JSON.parse reads it). */
function isResultKey(bytes: Uint8Array, start: number, end: number): boolean {
  if (sameBytes(bytes, start, end, RESULT_KEY)) return true;
  if (!bytes.subarray(start, end).includes(BACKSLASH)) return false;
  return JSON.parse(Buffer.from(bytes.subarray(start, end)).toString('utf8')) === 'result';
}

function sameBytes(bytes: Uint8Array, start: number, end: number, expected: Uint8Array): boolean {
  if (end - start !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (bytes[start + i] !== expected[i]) return false;
  return true;
}

/** The items of the array whose `[` is at `open`, and where the array ends (after its `]`). */
function arrayItems(bytes: Uint8Array, open: number): { ranges: ItemRanges; end: number } | undefined {
  const starts: number[] = [];
  const ends: number[] = [];
  let at = skipSpace(bytes, open + 1, bytes.length);
  if (bytes[at] !== CLOSE_BRACKET) {
    for (;;) {
      const itemEnd = valueEnd(bytes, at, bytes.length);
      if (itemEnd < 0) return undefined;
      starts.push(at);
      ends.push(itemEnd);
      at = skipSpace(bytes, itemEnd, bytes.length);
      if (bytes[at] === CLOSE_BRACKET) break;
      if (bytes[at] !== COMMA) return undefined;
      at = skipSpace(bytes, at + 1, bytes.length);
    }
  }
  return { ranges: { starts: Int32Array.from(starts), ends: Int32Array.from(ends) }, end: at + 1 };
}

function skipSpace(bytes: Uint8Array, at: number, end: number): number {
  while (at < end && isSpace(bytes[at] as number)) at++;
  return at;
}

/**
 * The end of the JSON value starting at `at` (before `end`): where a comma or a closing bracket at its depth, or `end`,
 * comes; -1 when there is no value there or its brackets do not pair.
 */
function valueEnd(bytes: Uint8Array, at: number, end: number): number {
  let depth = 0;
  let lastSolid = -1;
  for (let i = at; i < end; i++) {
    const byte = bytes[i] as number;
    if (isSpace(byte)) continue;
    if (depth === 0 && (byte === COMMA || byte === CLOSE_BRACKET)) break;
    if (byte === QUOTE) {
      const close = stringEnd(bytes, i);
      if (close < 0 || close > end) return -1;
      i = close - 1;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth++;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      if (--depth < 0) return -1;
    }
    lastSolid = i;
  }
  return depth === 0 && lastSolid >= at ? lastSolid + 1 : -1;
}

/** The items `from`..`to` (inclusive) of the last body changed into `region` of the new one; the rest is the same. */
export interface ItemChange {
  readonly from: number;
  readonly to: number;
  /** Offset of the changed run in the new body, and its end (exclusive). */
  readonly regionStart: number;
  readonly regionEnd: number;
  /** How much longer the new body is (negative when shorter): the shift of every item after the change. */
  readonly shift: number;
}

/**
 * Which items of the last body (`last`, its items at `rangesOf()`) the new body changed: the run of items from the
 * first to the last changed byte, when both lie inside items of its `result` array (the envelope, the brackets and the
 * items around the run are byte for byte the same); undefined when the bodies are the same, or when the change touches
 * anything else (the envelope, an item added or removed at an end). Within the run, items may have changed, come or
 * gone: matchRun tells which of its new items are old ones.
 */
export function itemChange(last: Buffer, rangesOf: () => ItemRanges | undefined, next: Buffer): ItemChange | undefined {
  const shortest = Math.min(last.length, next.length);
  // Bytes the two share from the start, then from the end (never overlapping the start).
  const prefix = longestSame(shortest, (from, to) => last.compare(next, from, to, from, to) === 0);
  if (prefix === shortest && last.length === next.length) return undefined;
  const suffix = longestSame(shortest - prefix, (from, to) => last.compare(next, next.length - to, next.length - from, last.length - to, last.length - from) === 0);
  const ranges = rangesOf();
  if (!ranges) return undefined;
  const lastChangedEnd = last.length - suffix;
  const { starts, ends } = ranges;
  // The first item that ends at or after the first changed byte, and the last that starts at or before the end of the
  // change (bytes added at an item's end or start belong to it: 5 → 55).
  const from = firstIndex(ends.length, (i) => (ends[i] as number) >= prefix);
  const to = firstIndex(starts.length, (i) => (starts[i] as number) > lastChangedEnd) - 1;
  if (from > to || from >= starts.length || to < 0) return undefined;
  // The change must begin and end inside those items, not in the commas and brackets around them.
  if ((starts[from] as number) > prefix || (ends[to] as number) < lastChangedEnd) return undefined;
  const shift = next.length - last.length;
  return { from, to, regionStart: starts[from] as number, regionEnd: (ends[to] as number) + shift, shift };
}

/** The first i in [0, n) for which `test` holds (it holds from some index on), or n. */
function firstIndex(n: number, test: (i: number) => boolean): number {
  let low = 0;
  let high = n;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (test(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * The largest n ≤ limit for which `same(from, n)` holds, given that it held up to `from`: halving, each step one native
 * Buffer#compare of the bytes not yet known to be the same, so no loop over bytes in JavaScript.
 */
function longestSame(limit: number, same: (from: number, to: number) => boolean): number {
  let low = 0;
  let high = limit;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (same(low, mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The ranges of the new body: the items before and after the change as they were (shifted), the new ones between. */
export function rangesAfter(ranges: ItemRanges, change: ItemChange, changed: ItemRanges): ItemRanges {
  const { starts, ends } = ranges;
  const count = starts.length - (change.to - change.from + 1) + changed.starts.length;
  const nextStarts = new Int32Array(count);
  const nextEnds = new Int32Array(count);
  nextStarts.set(starts.subarray(0, change.from));
  nextEnds.set(ends.subarray(0, change.from));
  for (let i = 0; i < changed.starts.length; i++) {
    nextStarts[change.from + i] = (changed.starts[i] as number) + change.regionStart;
    nextEnds[change.from + i] = (changed.ends[i] as number) + change.regionStart;
  }
  const after = change.from + changed.starts.length;
  for (let i = change.to + 1; i < starts.length; i++) {
    nextStarts[after + i - change.to - 1] = (starts[i] as number) + change.shift;
    nextEnds[after + i - change.to - 1] = (ends[i] as number) + change.shift;
  }
  return { starts: nextStarts, ends: nextEnds };
}

/** How far ahead the matching looks for an old item that the new run kept after a removal. */
const LOOKAHEAD = 16;

/** The new run's items (absolute offsets in the new body), and for each the index of the old run item it is, or -1. */
export interface RunItems {
  readonly ranges: ItemRanges;
  readonly matches: Int32Array;
}

/**
 * The items of the new run (bytes [start, end) of `next`, between the same items or brackets as the old run) and,
 * for each, the old run item (`old`, offsets in `last`) with the very same bytes, so the same value, or -1 where it
 * must be read. Each old item is looked for where the next new item begins, in order, a few places ahead (items
 * removed before it): a match costs one native compare and no scan, so a run that is long only because its items
 * moved (one removed near the start, one added at the end) is cheap. An unmatched item is scanned to its end, and takes
 * the old item's place unless that one comes right after it (it was inserted). Written for what a refresh sees, not as
 * a minimal diff: an unmatched item is only read, never wrong. Undefined for a run that is not values between commas.
 */
export function matchRun(last: Buffer, old: ItemRanges, next: Buffer, start: number, end: number): RunItems | undefined {
  const oldCount = old.starts.length;
  /** The end of old item k's bytes when they stand at `at` in the new run as a whole item, else -1. */
  const sameAt = (k: number, at: number): number => {
    const length = (old.ends[k] as number) - (old.starts[k] as number);
    if (at + length > end || next.compare(last, old.starts[k], old.ends[k], at, at + length) !== 0) return -1;
    const after = skipSpace(next, at + length, end);
    return after === end || next[after] === COMMA ? at + length : -1;
  };
  const starts: number[] = [];
  const ends: number[] = [];
  const matches: number[] = [];
  let j = 0;
  let at = skipSpace(next, start, end);
  while (at < end) {
    let matched = -1;
    let itemEnd = -1;
    for (let k = j; k < Math.min(oldCount, j + 1 + LOOKAHEAD) && matched < 0; k++) {
      itemEnd = sameAt(k, at);
      if (itemEnd >= 0) matched = k;
    }
    if (matched >= 0) {
      j = matched + 1;
    } else {
      itemEnd = valueEnd(next, at, end);
      if (itemEnd < 0) return undefined;
    }
    starts.push(at);
    ends.push(itemEnd);
    matches.push(matched);
    const separator = skipSpace(next, itemEnd, end);
    if (separator === end) break;
    if (next[separator] !== COMMA) return undefined;
    at = skipSpace(next, separator + 1, end);
    if (at === end) return undefined;
    // A new or changed item takes the place of old item j, unless old j is the very next item (it was inserted).
    if (matched < 0 && !(j < oldCount && sameAt(j, at) >= 0)) j++;
  }
  if (starts.length === 0) return undefined;
  return { ranges: { starts: Int32Array.from(starts), ends: Int32Array.from(ends) }, matches: Int32Array.from(matches) };
}
