/**
 * Where commands write: an injectable sink so tests capture output, with back-pressure for big streams
 * (NDJSON of a million flows must not pile up in memory when stdout is a slow pipe).
 */
import type { Writable } from 'node:stream';

export interface OutputSink {
  write(text: string): void;
  /** Resolves when buffered output has been taken by the destination. */
  drain(): Promise<void>;
  readonly isTTY: boolean;
  readonly columns: number;
}

/** Batches small writes into larger ones; waits for 'drain' when the stream asks for it. */
export function streamSink(stream: Writable & { isTTY?: boolean; columns?: number }): OutputSink {
  let pending = '';
  let blocked = false;
  const flush = (): void => {
    if (pending.length === 0) return;
    if (!stream.write(pending)) blocked = true;
    pending = '';
  };
  return {
    write(text) {
      pending += text;
      if (pending.length >= 1 << 16) flush();
    },
    async drain() {
      flush();
      if (blocked) {
        blocked = false;
        await new Promise<void>((resolve) => stream.once('drain', resolve));
      }
    },
    isTTY: stream.isTTY === true,
    columns: stream.columns ?? 100,
  };
}

/** Collects output in memory (tests). */
export function memorySink(): OutputSink & { text(): string } {
  const parts: string[] = [];
  return {
    write(text) {
      parts.push(text);
    },
    async drain() {},
    isTTY: false,
    columns: 120,
    text: () => parts.join(''),
  };
}
