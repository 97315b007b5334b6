/**
 * Wraps what a reader consumes, one wrapper instead of hooks in every reader: tells `onBytes` of each chunk
 * (the progress line; from a worker, a message to the main thread), and before the next chunk waits for
 * `drain`, so flows written into a slow pipe hold up the reading instead of queueing in memory.
 */
import type { InputSource } from '../ingest/source.js';

export function pacedSource(
  source: InputSource,
  onBytes: ((bytes: number) => void) | null,
  drain: (() => Promise<void> | undefined) | null,
): InputSource {
  if (onBytes === null && drain === null) return source;
  const inner = source.chunks;
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of inner) {
      onBytes?.(chunk.length);
      yield chunk;
      // Awaited only when there is something to wait for: an await of nothing still yields to the event loop,
      // and the read the consumer asked for would start only after it parsed its chunk (capture-driver.ts).
      const drained = drain?.();
      if (drained !== undefined) await drained;
    }
  }
  return { ...source, chunks: chunks() };
}
