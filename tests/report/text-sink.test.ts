import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchedSink, collectText, encodedSink } from '../../src/report/text-sink.js';

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

describe('encodedSink', () => {
  // Code units that need 1, 2, 3 and 4 (a pair) UTF-8 bytes, and lone surrogates (written as U+FFFD).
  const unit = fc.constantFrom('a', '{', 'é', '→', '€', '😀', '\ud800', '\udfff', '\n');
  const piece = fc.array(unit, { maxLength: 12 }).map((units) => units.join(''));

  it('hands on the UTF-8 bytes of the text, whatever the pieces and the buffer size', () => {
    fc.assert(
      fc.property(fc.array(piece), fc.integer({ min: 1, max: 40 }), (pieces, size) => {
        const got: Buffer[] = [];
        // The buffer is written over after each hand-over: the test copies, as a file write consumes at once.
        const out = encodedSink((bytes) => got.push(Buffer.from(bytes)), size);
        for (const p of pieces) out.put(p);
        out.end();
        expect(Buffer.concat(got).equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true);
        expect(got.every((b) => b.length > 0)).toBe(true);
      }),
    );
  });

  it('hands on a piece too big for its buffer whole, after what came before it', () => {
    const got: string[] = [];
    const out = encodedSink((bytes) => got.push(Buffer.from(bytes).toString('utf8')), 8);
    out.put('ab');
    out.put('0123456789');
    out.put('c');
    out.end();
    expect(got).toEqual(['ab', '0123456789', 'c']);
  });
});
