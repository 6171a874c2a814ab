// Headers every response carries: a unique cf-ray id and the IETF-draft rate-limit pair Cloudflare sends
// (`Ratelimit: "default";r=<remaining>;t=<seconds>`, `Ratelimit-Policy: "burst";q=<quota>;w=<window>`).
import { randomBytes } from 'node:crypto';

const QUOTA = 1200;
const WINDOW_SECONDS = 300;

export class ResponseHeaders {
  private rayBase = randomBytes(8).readBigUInt64BE();
  private rayCount = 0n;
  private windowStartMs = Date.now();
  private used = 0;

  /** 16 hex digits + colo, like Cloudflare's; base + counter, so ids never repeat within a sandbox. */
  nextRay(): string {
    this.rayCount += 1n;
    const value = (this.rayBase + this.rayCount) & 0xffffffffffffffffn;
    return `${value.toString(16).padStart(16, '0')}-SJC`;
  }

  /**
   * Counts requests in the current 5-minute window. The sandbox never enforces the quota (use a 429 fault
   * for that), so `r` stops at 1: a client that pauses on r=0 is never stalled by the sandbox itself.
   */
  nextRateLimit(): string {
    const now = Date.now();
    if (now - this.windowStartMs >= WINDOW_SECONDS * 1000) {
      this.windowStartMs = now;
      this.used = 0;
    }
    this.used += 1;
    const resetSeconds = Math.max(1, Math.ceil((this.windowStartMs + WINDOW_SECONDS * 1000 - now) / 1000));
    return rateLimitValue(Math.max(1, QUOTA - this.used), resetSeconds);
  }

  /** The headers of one response; `extra` (e.g. a 429's Retry-After and r=0) overrides them. */
  forResponse(extra: Record<string, string> = {}): Record<string, string> {
    return {
      'content-type': 'application/json',
      'cf-ray': this.nextRay(),
      ratelimit: this.nextRateLimit(),
      'ratelimit-policy': `"burst";q=${QUOTA};w=${WINDOW_SECONDS}`,
      server: 'cloudflare',
      ...extra,
    };
  }

  reset(): void {
    this.windowStartMs = Date.now();
    this.used = 0;
  }
}

export function rateLimitValue(remaining: number, resetSeconds: number): string {
  return `"default";r=${remaining};t=${resetSeconds}`;
}
