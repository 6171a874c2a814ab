import { createHash } from 'node:crypto';
import type { Credential } from './credentials';

/**
 * Cloudflare's rate limit is per user, across every tool. When one request is told to wait, every other
 * request with the same credential waits too, instead of each view hammering the API into a longer block.
 * Keyed by a hash so this map never holds a secret.
 */
export class RateLimitGate {
  private readonly blockedUntil = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  static keyOf(credential: Credential): string {
    const secret = credential.kind === 'token' ? credential.token : `${credential.email}\n${credential.key}`;
    return createHash('sha256').update(secret).digest('hex');
  }

  block(key: string, seconds: number): void {
    const until = this.now() + seconds * 1000;
    if (until > (this.blockedUntil.get(key) ?? 0)) this.blockedUntil.set(key, until);
  }

  /** Milliseconds left before this credential may send again (0 when free). */
  waitMs(key: string): number {
    const until = this.blockedUntil.get(key);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left <= 0) {
      this.blockedUntil.delete(key);
      return 0;
    }
    return left;
  }
}
