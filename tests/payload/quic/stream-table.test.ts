import { describe, expect, it } from 'vitest';
import { MAX_CONNECTION_HELD_BYTES, MAX_OPEN_STREAMS, StreamTable } from '../../../src/payload/quic/stream-table.js';
import { type Direction, MAX_FLOW_PLAINTEXT_BYTES } from '../../../src/payload/types.js';

function table(): { t: StreamTable; calls: [Direction, number, number, boolean, number][] } {
  const calls: [Direction, number, number, boolean, number][] = [];
  const t = new StreamTable((dir, id, data, fin, frame) => calls.push([dir, id, data.length, fin, frame]));
  return { t, calls };
}

describe('StreamTable', () => {
  it('keeps directions and streams apart, with the frame that completed the data', () => {
    const { t, calls } = table();
    t.add('out', 0, 0, new Uint8Array(3), false, 1);
    t.add('in', 0, 2, new Uint8Array(2), true, 2);
    t.add('in', 0, 0, new Uint8Array(2), false, 3);
    t.add('out', 4, 0, new Uint8Array(1), true, 4);
    expect(calls).toEqual([
      ['out', 0, 3, false, 1],
      ['in', 0, 2, false, 3],
      ['in', 0, 2, true, 3],
      ['out', 4, 1, true, 4],
    ]);
  });

  it('a closed stream is not read again (a late retransmission is not a new stream)', () => {
    const { t, calls } = table();
    t.add('out', 0, 0, new Uint8Array(3), true, 1);
    t.add('out', 0, 0, new Uint8Array(3), true, 2);
    expect(calls).toHaveLength(1);
  });

  it('RESET_STREAM ends the stream with a fin and drops what waited', () => {
    const { t, calls } = table();
    t.add('in', 8, 0, new Uint8Array(2), false, 1);
    t.add('in', 8, 10, new Uint8Array(2), false, 2);
    t.reset('in', 8, 3);
    t.add('in', 8, 2, new Uint8Array(8), false, 4);
    t.reset('in', 8, 5);
    expect(calls).toEqual([
      ['in', 8, 2, false, 1],
      ['in', 8, 0, true, 3],
    ]);
    expect(t.stats.resetStreams).toBe(1);
  });

  it('refuses streams past MAX_OPEN_STREAMS open at once, and reads new ones once others closed', () => {
    const { t, calls } = table();
    for (let i = 0; i < MAX_OPEN_STREAMS + 5; i++) t.add('out', i * 4, 0, new Uint8Array(1), false, i);
    expect(t.stats.refusedStreams).toBe(5);
    expect(calls).toHaveLength(MAX_OPEN_STREAMS);
    t.add('out', 0, 1, new Uint8Array(0), true, 999);
    t.add('out', 100_000, 0, new Uint8Array(1), true, 1000);
    expect(calls.at(-1)).toEqual(['out', 100_000, 1, true, 1000]);
  });

  it('stops the stream that would make the connection hold more than MAX_CONNECTION_HELD_BYTES', () => {
    const { t, calls } = table();
    const chunk = new Uint8Array(1000 << 10);
    const streams = Math.floor(MAX_CONNECTION_HELD_BYTES / chunk.length) + 1;
    for (let i = 0; i < streams; i++) t.add('in', i * 4, 1, chunk, false, i);
    expect(t.stats.stoppedStreams).toBe(1);
    // The stopped stream reads nothing more; the others still complete.
    const last = (streams - 1) * 4;
    t.add('in', last, 0, new Uint8Array(1), false, 100);
    t.add('in', 0, 0, new Uint8Array(1), false, 101);
    expect(calls).toEqual([
      ['in', 0, 1, false, 101],
      ['in', 0, chunk.length, false, 101],
    ]);
  });

  it('hands on at most MAX_FLOW_PLAINTEXT_BYTES per connection and counts the rest', () => {
    const { t, calls } = table();
    const chunk = new Uint8Array(1 << 20);
    const chunks = MAX_FLOW_PLAINTEXT_BYTES / chunk.length + 2;
    for (let i = 0; i < chunks; i++) t.add('in', 0, i * chunk.length, chunk, i === chunks - 1, i);
    const handedOn = calls.reduce((n, c) => n + c[2], 0);
    expect(handedOn).toBe(MAX_FLOW_PLAINTEXT_BYTES);
    expect(t.stats.bytesOverLimit).toBe(2 * chunk.length);
    expect(calls.some((c) => c[3])).toBe(false);
  });
});
