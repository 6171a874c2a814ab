import type { Dispatcher } from 'undici';

// Reading a response body: whole, up to a limit, and in turns of the event loop of their own when it is large.

/** From this size on, a body is compared, parsed and checked in turns of their own (CloudflareClient.attempt). */
export const LARGE_BODY_BYTES = 512 * 1024;

export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Reads a body up to a limit; undefined (and the stream destroyed) when it is larger. */
export async function readLimited(body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += buffer.length;
    if (total > maxBytes) {
      body.destroy();
      return undefined;
    }
    chunks.push(buffer);
  }
  // A copy of its own even for one chunk: the client may keep it (sameAnswers.ts), and never a slice of a larger buffer.
  return Buffer.concat(chunks);
}
