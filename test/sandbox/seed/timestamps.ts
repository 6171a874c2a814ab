// Seeded creation and update times: spread over 2025, in creation order, and always in the past.
import { randomInt, type Rng } from '../prng';

const SEED_EPOCH_MS = Date.UTC(2025, 1, 3, 9, 0, 0);
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const dayPrefixes = new Map<number, string>();

/**
 * Cloudflare's form: seconds precision, `Z`, no milliseconds (e.g. 2025-02-03T09:00:00Z); milliseconds are
 * dropped. Several times faster than Date#toISOString for the 10,000s of seeded times: the date part is
 * computed once per day and only the clock part is formatted.
 */
export function isoTime(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  const rest = ms - day * DAY_MS;
  const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  return `${prefix}${two(Math.floor(rest / 3_600_000))}:${two(Math.floor(rest / MINUTE_MS) % 60)}:${two(Math.floor(rest / 1000) % 60)}Z`;
}

/** Creation time of the index-th seeded record of a list: later indexes were created later. */
export function seededCreatedAt(rng: Rng, index: number): number {
  return SEED_EPOCH_MS + index * 17 * MINUTE_MS + randomInt(rng, 0, 600) * 1000;
}

/** Creation and last-update times of the index-th seeded record. */
export function seededTimes(rng: Rng, index: number): { created_at: string; updated_at: string } {
  const created = seededCreatedAt(rng, index);
  const updated = created + randomInt(rng, 0, 45 * 24 * 60) * MINUTE_MS;
  return { created_at: isoTime(created), updated_at: isoTime(updated) };
}
