/**
 * Every request the extension sends waits for one of a fixed number of slots, whichever account or view asked.
 * Expanding fifty accounts at once then queues their lists here instead of opening hundreds of connections and
 * running into Cloudflare's per-user rate limit together. Slots are handed out first come, first served.
 */
export class RequestScheduler {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private limit: number) {
    this.limit = RequestScheduler.clamp(limit);
  }

  static clamp(limit: number): number {
    return Number.isFinite(limit) ? Math.min(64, Math.max(1, Math.floor(limit))) : 1;
  }

  /** A new limit applies to the next slot handed out; requests already running finish. */
  setLimit(limit: number): void {
    this.limit = RequestScheduler.clamp(limit);
    this.drain();
  }

  /** How many requests hold a slot now, and how many wait for one (the benchmark and tests read these). */
  get stats(): { readonly running: number; readonly waiting: number; readonly limit: number } {
    return { running: this.running, waiting: this.waiting.length, limit: this.limit };
  }

  /**
   * Runs `task` once a slot is free. A caller that gives up while waiting (its signal aborts) leaves the queue
   * without taking a slot.
   */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.running--;
      this.drain();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (this.running < this.limit && this.waiting.length === 0) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        this.running++;
        resolve();
      };
      const onAbort = (): void => {
        const at = this.waiting.indexOf(grant);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  private drain(): void {
    while (this.running < this.limit) {
      const next = this.waiting.shift();
      if (!next) return;
      next();
    }
  }
}
