/** The byte reader's duration arithmetic must equal the text reader's Math.round(Number(text) * 1e6). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durationMicros } from '../../../src/ingest/logs/zeek-conn-bytes.js';

const micros = (text: string) => durationMicros(Buffer.from(text), 0, text.length);

describe('zeek conn byte reader: durations', () => {
  it('equals Math.round(Number(text) * 1e6) for every plain duration it reads', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,9}(\.\d{1,6})?$/), (text) => {
        expect(micros(text)).toBe(Math.round(Number(text) * 1_000_000));
      }),
      { numRuns: 20_000 },
    );
    for (const text of ['999999999.999999', '0.000001', '1.585269', '4503599.627370', '0', '000000001.5'])
      expect(micros(text)).toBe(Math.round(Number(text) * 1_000_000));
  });

  it('declines what it does not read exactly (the text reader decides)', () => {
    for (const text of ['1.', '.5', '1e3', '+1', '-1', '1234567890.5', '1.1234567', '0x10', ' 1', 'inf', ''])
      expect(micros(text)).toBe(-1);
  });
});
