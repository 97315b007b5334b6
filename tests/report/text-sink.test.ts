import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchedSink, collectText } from '../../src/report/text-sink.js';

describe('batchedSink', () => {
  it('hands on the same text, in batches of at least the size asked except the last', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 9 })), fc.integer({ min: 1, max: 20 }), (pieces, size) => {
        const got: string[] = [];
        const out = batchedSink((t) => got.push(t), size);
        for (const p of pieces) out.put(p);
        out.end();
        expect(got.join('')).toBe(pieces.join(''));
        for (const batch of got.slice(0, -1)) expect(batch.length).toBeGreaterThanOrEqual(size);
        expect(got.every((b) => b.length > 0)).toBe(true);
      }),
    );
  });

  it('hands on nothing for no text, and nothing twice', () => {
    const got: string[] = [];
    const out = batchedSink((t) => got.push(t), 4);
    out.end();
    out.put('ab');
    out.end();
    out.end();
    expect(got).toEqual(['ab']);
  });
});

describe('collectText', () => {
  it('joins what the writer hands to its sink, in order', () => {
    expect(
      collectText((sink) => {
        sink('a');
        sink('');
        sink('bc');
      }),
    ).toBe('abc');
  });
});
