import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRequiredInsertCount, QpackDecoder } from '../../../src/payload/http/qpack-decoder.js';
import { QPACK_STATIC_TABLE } from '../../../src/payload/http/qpack-static-table.js';
import { QpackEncoder } from '../../../src/writer/http3-frames-builder.js';

const hex = (s: string) => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const pairs = (r: ReturnType<QpackDecoder['decodeSection']>) =>
  r.kind === 'headers' ? r.headers.map((h) => [h.name, h.value]) : r;

describe('QpackDecoder: RFC 9204 Appendix B', () => {
  it('B.1-B.5 in order on one decoder (capacity 220)', () => {
    const d = new QpackDecoder();
    d.setMaxTableCapacity(220);
    // B.1: literal field line with a static name reference.
    expect(pairs(d.decodeSection(hex('0000 510b 2f69 6e64 6578 2e68 746d 6c')))).toEqual([[':path', '/index.html']]);

    // B.2: the section arrives before the encoder stream: blocked, then decodable.
    const b2 = hex('0381 10 11');
    const blocked = d.decodeSection(b2);
    expect(blocked).toEqual({ kind: 'blocked', requiredInsertCount: 2 });
    expect(
      d.onEncoderStream(hex('3fbd01 c00f 7777 772e 6578 616d 706c 652e 636f 6d c10c 2f73 616d 706c 652f 7061 7468')),
    ).toBe(true);
    expect(d.insertCount).toBe(2);
    expect(d.size).toBe(106);
    expect(d.tableCapacity).toBe(220);
    expect(pairs(d.decodeSection(b2, 2))).toEqual([
      [':authority', 'www.example.com'],
      [':path', '/sample/path'],
    ]);

    // B.3: insert with literal name.
    d.onEncoderStream(hex('4a63 7573 746f 6d2d 6b65 790c 6375 7374 6f6d 2d76 616c 7565'));
    expect(d.insertCount).toBe(3);
    expect(d.size).toBe(160);

    // B.4: duplicate, then a section with relative dynamic references and a static one.
    d.onEncoderStream(hex('02'));
    expect(d.size).toBe(217);
    expect(pairs(d.decodeSection(hex('0500 80 c1 81')))).toEqual([
      [':authority', 'www.example.com'],
      [':path', '/'],
      ['custom-key', 'custom-value'],
    ]);

    // B.5: insert with a dynamic name reference evicts the oldest entry.
    d.onEncoderStream(hex('810d 6375 7374 6f6d 2d76 616c 7565 32'));
    expect(d.insertCount).toBe(5);
    expect(d.size).toBe(215);
  });

  it('accepts encoder-stream instructions split anywhere', () => {
    const stream = hex(
      '3fbd01 c00f 7777 772e 6578 616d 706c 652e 636f 6d c10c 2f73 616d 706c 652f 7061 7468 4a63 7573 746f 6d2d 6b65 790c 6375 7374 6f6d 2d76 616c 7565 02',
    );
    for (const size of [1, 2, 3, 5, 8, 13]) {
      const d = new QpackDecoder();
      d.setMaxTableCapacity(220);
      for (let i = 0; i < stream.length; i += size) d.onEncoderStream(stream.subarray(i, i + size));
      expect(d.insertCount).toBe(4);
      expect(d.size).toBe(217);
    }
  });

  it('has the 99-entry static table of Appendix A', () => {
    expect(QPACK_STATIC_TABLE).toHaveLength(99);
    expect(QPACK_STATIC_TABLE[0]).toEqual([':authority', '']);
    expect(QPACK_STATIC_TABLE[17]).toEqual([':method', 'GET']);
    expect(QPACK_STATIC_TABLE[25]).toEqual([':status', '200']);
    expect(QPACK_STATIC_TABLE[85]?.[0]).toBe('content-security-policy');
    expect(QPACK_STATIC_TABLE[98]).toEqual(['x-frame-options', 'sameorigin']);
  });
});

describe('QpackDecoder: Required Insert Count and errors', () => {
  it('decodes the encoded Required Insert Count with wrapping (§4.5.1.1)', () => {
    // MaxEntries = 3 (capacity 100), FullRange = 6.
    expect(decodeRequiredInsertCount(0, 100, 0)).toBe(0);
    expect(decodeRequiredInsertCount(3, 100, 2)).toBe(2);
    expect(decodeRequiredInsertCount(2, 100, 9)).toBe(7);
    expect(decodeRequiredInsertCount(1, 100, 9)).toBe(12);
    expect(decodeRequiredInsertCount(7, 100, 2)).toBeNull(); // beyond FullRange
    expect(decodeRequiredInsertCount(1, 0, 0)).toBeNull();
  });

  it('waits for SETTINGS before decoding a section that uses the dynamic table', () => {
    const d = new QpackDecoder();
    expect(d.decodeSection(hex('0381 10 11'))).toEqual({ kind: 'blocked', requiredInsertCount: null });
    expect(pairs(d.decodeSection(hex('0000 d1')))).toEqual([[':method', 'GET']]);
  });

  it('rejects bad references, bad capacity and truncated sections', () => {
    const d = new QpackDecoder();
    d.setMaxTableCapacity(220);
    expect(d.decodeSection(hex('0000 ff 7f'))).toEqual({ kind: 'error' }); // static index 190
    expect(d.decodeSection(hex('0000 51 0b 2f'))).toEqual({ kind: 'error' }); // value cut short
    expect(d.decodeSection(hex(''))).toEqual({ kind: 'error' });
    expect(d.decodeSection(hex('0000 10'))).toEqual({ kind: 'error' }); // post-base with no entries
    expect(d.onEncoderStream(hex('00'))).toBe(false); // duplicate of nothing
    expect(d.failed).toBe(true);
    expect(d.decodeSection(hex('0381 10 11'))).toEqual({ kind: 'error' }); // never satisfiable now
    const e = new QpackDecoder();
    expect(e.onEncoderStream(hex('3fe1ffffff0f'))).toBe(false); // capacity above the hard limit
    const f = new QpackDecoder();
    expect(f.onEncoderStream(hex('20 4a 6375 7374 6f6d 2d6b 6579 00'))).toBe(false); // insert into capacity 0
  });

  it('still resolves references to recently evicted entries (streams read out of order)', () => {
    const enc = new QpackEncoder(100, true, false);
    const first = enc.encodeSection([['x-a', 'one']]);
    const d = new QpackDecoder();
    d.setMaxTableCapacity(100);
    d.onEncoderStream(first.instructions);
    // Further inserts by hand: capacity 100 holds two 38-octet entries, so x-a is evicted.
    d.onEncoderStream(hex('4378 2d62 0374 776f 4378 2d63 0574 6872 6565'));
    expect(d.insertCount).toBe(3);
    expect(pairs(d.decodeSection(first.section, 1))).toEqual([['x-a', 'one']]);
  });

  it('never throws on random sections or encoder streams', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 60 }), { maxLength: 6 }),
        fc.uint8Array({ maxLength: 60 }),
        (enc, section) => {
          const d = new QpackDecoder();
          d.setMaxTableCapacity(4096);
          for (const chunk of enc) d.onEncoderStream(chunk);
          d.decodeSection(section);
          d.decodeSection(section, 1);
        },
      ),
      { numRuns: 500 },
    );
  });
});
