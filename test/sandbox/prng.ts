// Seeded pseudo-random numbers, so the seeded data (ids, names, timestamps) is identical on every run.

/** Returns numbers in [0, 1), fully determined by the seed. */
export type Rng = () => number;

/** mulberry32: tiny, fast and good enough to make test data look varied. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seed for one independent stream (e.g. "acct-1/risk"), so growing one family's data
 * never shifts the ids of another family or account.
 */
export function deriveSeed(seed: number, label: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0; // FNV-1a over the label, started from the seed
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function randomInt(rng: Rng, min: number, maxInclusive: number): number {
  return min + Math.floor(rng() * (maxInclusive - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick() from an empty list');
  return item;
}

// Ids are written byte by byte into reused buffers and decoded once: one flat string per id, no
// intermediate strings, which keeps seeding 60,000 records well under a second.
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
const randomBytes = Buffer.alloc(64);
const digits = Buffer.alloc(128);

function fillRandom(rng: Rng, bytes: number): void {
  for (let offset = 0; offset < bytes; offset += 4) randomBytes.writeUInt32BE(Math.floor(rng() * 4294967296), offset);
}

export function randomHex(rng: Rng, length: number): string {
  if (length > digits.length) throw new Error('randomHex: at most 128 digits');
  fillRandom(rng, Math.ceil(length / 2));
  for (let i = 0; i < length; i++) {
    const byte = randomBytes[i >> 1] as number;
    digits[i] = HEX_DIGITS[i & 1 ? byte & 15 : byte >> 4] as number;
  }
  return digits.toString('latin1', 0, length);
}

/** A version-4 UUID (the form Cloudflare uses for these resources), drawn from the seeded stream. */
export function randomUuid(rng: Rng): string {
  fillRandom(rng, 16);
  randomBytes[6] = ((randomBytes[6] as number) & 0x0f) | 0x40; // version 4
  randomBytes[8] = ((randomBytes[8] as number) & 0x3f) | 0x80; // RFC 4122 variant
  let at = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) digits[at++] = 0x2d; // '-'
    const byte = randomBytes[i] as number;
    digits[at++] = HEX_DIGITS[byte >> 4] as number;
    digits[at++] = HEX_DIGITS[byte & 15] as number;
  }
  return digits.toString('latin1', 0, 36);
}
