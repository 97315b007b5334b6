import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HpackDecoder } from '../../../src/payload/http/hpack-decoder.js';
import { encodePrefixedInt } from '../../../src/payload/http/prefixed-int.js';
import { MAX_HEADER_BLOCK_BYTES } from '../../../src/payload/types.js';

const hex = (s: string) => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
type Fields = [string, string][];

/** RFC 7541 Appendix C.3-C.6: each group is decoded in order on one decoder (tables carry over). */
const REQUESTS_PLAIN = [
  '8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d',
  '8286 84be 5808 6e6f 2d63 6163 6865',
  '8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65',
];
const REQUESTS_HUFFMAN = [
  '8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff',
  '8286 84be 5886 a8eb 1064 9cbf',
  '8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf',
];
const REQUEST_FIELDS: Fields[] = [
  [
    [':method', 'GET'],
    [':scheme', 'http'],
    [':path', '/'],
    [':authority', 'www.example.com'],
  ],
  [
    [':method', 'GET'],
    [':scheme', 'http'],
    [':path', '/'],
    [':authority', 'www.example.com'],
    ['cache-control', 'no-cache'],
  ],
  [
    [':method', 'GET'],
    [':scheme', 'https'],
    [':path', '/index.html'],
    [':authority', 'www.example.com'],
    ['custom-key', 'custom-value'],
  ],
];
const REQUEST_TABLES: { size: number; entries: Fields }[] = [
  { size: 57, entries: [[':authority', 'www.example.com']] },
  {
    size: 110,
    entries: [
      ['cache-control', 'no-cache'],
      [':authority', 'www.example.com'],
    ],
  },
  {
    size: 164,
    entries: [
      ['custom-key', 'custom-value'],
      ['cache-control', 'no-cache'],
      [':authority', 'www.example.com'],
    ],
  },
];

const RESPONSES_PLAIN = [
  '4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d',
  '4803 3330 37c1 c0bf',
  '88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31',
];
const RESPONSES_HUFFMAN = [
  '4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3',
  '4883 640e ffc1 c0bf',
  '88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07',
];
const COOKIE = 'foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1';
const RESPONSE_FIELDS: Fields[] = [
  [
    [':status', '302'],
    ['cache-control', 'private'],
    ['date', 'Mon, 21 Oct 2013 20:13:21 GMT'],
    ['location', 'https://www.example.com'],
  ],
  [
    [':status', '307'],
    ['cache-control', 'private'],
    ['date', 'Mon, 21 Oct 2013 20:13:21 GMT'],
    ['location', 'https://www.example.com'],
  ],
  [
    [':status', '200'],
    ['cache-control', 'private'],
    ['date', 'Mon, 21 Oct 2013 20:13:22 GMT'],
    ['location', 'https://www.example.com'],
    ['content-encoding', 'gzip'],
    ['set-cookie', COOKIE],
  ],
];
const RESPONSE_TABLES: { size: number; entries: Fields }[] = [
  {
    size: 222,
    entries: [
      ['location', 'https://www.example.com'],
      ['date', 'Mon, 21 Oct 2013 20:13:21 GMT'],
      ['cache-control', 'private'],
      [':status', '302'],
    ],
  },
  {
    size: 222,
    entries: [
      [':status', '307'],
      ['location', 'https://www.example.com'],
      ['date', 'Mon, 21 Oct 2013 20:13:21 GMT'],
      ['cache-control', 'private'],
    ],
  },
  {
    size: 215,
    entries: [
      ['set-cookie', COOKIE],
      ['content-encoding', 'gzip'],
      ['date', 'Mon, 21 Oct 2013 20:13:22 GMT'],
    ],
  },
];

const asPairs = (headers: { name: string; value: string }[]) => headers.map((h) => [h.name, h.value]);

describe('HpackDecoder: RFC 7541 Appendix C', () => {
  it.each([
    ['C.3 requests without Huffman', REQUESTS_PLAIN],
    ['C.4 requests with Huffman', REQUESTS_HUFFMAN],
  ])('%s', (_name, blocks) => {
    const d = new HpackDecoder();
    blocks.forEach((block, i) => {
      const r = d.decode(hex(block));
      expect(r && asPairs(r.headers)).toEqual(REQUEST_FIELDS[i]);
      expect(d.dynamicTableSize).toBe(REQUEST_TABLES[i]?.size);
      expect(asPairs(d.dynamicEntries())).toEqual(REQUEST_TABLES[i]?.entries);
    });
  });

  it.each([
    ['C.5 responses without Huffman', RESPONSES_PLAIN],
    ['C.6 responses with Huffman', RESPONSES_HUFFMAN],
  ])('%s (256-octet table, with eviction)', (_name, blocks) => {
    const d = new HpackDecoder();
    // The examples assume SETTINGS_HEADER_TABLE_SIZE 256: an encoder signals it with a size update.
    expect(d.decode(hex('3fe1 01'))?.headers).toEqual([]);
    blocks.forEach((block, i) => {
      const r = d.decode(hex(block));
      expect(r && asPairs(r.headers)).toEqual(RESPONSE_FIELDS[i]);
      expect(d.dynamicTableSize).toBe(RESPONSE_TABLES[i]?.size);
      expect(asPairs(d.dynamicEntries())).toEqual(RESPONSE_TABLES[i]?.entries);
    });
  });

  it('C.2 literal representations (indexed, without indexing, never indexed)', () => {
    const d = new HpackDecoder();
    expect(
      asPairs(d.decode(hex('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572'))?.headers ?? []),
    ).toEqual([['custom-key', 'custom-header']]);
    expect(asPairs(d.decode(hex('040c 2f73 616d 706c 652f 7061 7468'))?.headers ?? [])).toEqual([
      [':path', '/sample/path'],
    ]);
    expect(asPairs(d.decode(hex('1008 7061 7373 776f 7264 0673 6563 7265 74'))?.headers ?? [])).toEqual([
      ['password', 'secret'],
    ]);
    expect(asPairs(d.decode(hex('82'))?.headers ?? [])).toEqual([[':method', 'GET']]);
    expect(d.dynamicTableSize).toBe(55);
  });
});

describe('HpackDecoder: table size updates and errors', () => {
  it('evicts on a size update and uses the smaller table afterwards', () => {
    const d = new HpackDecoder();
    d.decode(hex(REQUESTS_PLAIN[0] ?? ''));
    expect(d.dynamicTableSize).toBe(57);
    // Size update to 0 empties the table; then referencing index 62 fails.
    expect(d.decode(hex('20'))?.headers).toEqual([]);
    expect(d.dynamicTableSize).toBe(0);
    expect(d.decode(hex('be'))).toBeNull();
  });

  it('accepts updates above 4096 up to the lenient bound, and more once SETTINGS allow it', () => {
    const d = new HpackDecoder();
    expect(d.decode(hex('3fe1ff03'))).not.toBeNull(); // 65535
    expect(d.decode(hex('3fe1ff0f'))).toBeNull(); // 262143 > bound
    const e = new HpackDecoder();
    e.allowTableSize(1 << 18);
    expect(e.decode(hex('3fe1ff0f'))).not.toBeNull();
  });

  it('rejects malformed blocks without throwing', () => {
    const d = new HpackDecoder();
    for (const bad of [
      '80',
      'ff ffff ffff ff',
      '7f',
      '41',
      '418c f1e3',
      '4088 25a8 49e9 5ba9 7d7f 89',
      '00 ff',
      '0081 ff',
    ]) {
      expect(d.decode(hex(bad))).toBeNull();
    }
  });

  it('rejects Huffman strings with bad padding or an EOS symbol', () => {
    const d = new HpackDecoder();
    // "a" is 00011 (5 bits): padding with zeros is invalid, with ones valid.
    expect(d.decode(hex('00 81 18 81 18'))).toBeNull();
    expect(asPairs(d.decode(hex('00 81 1f 81 1f'))?.headers ?? [])).toEqual([['a', 'a']]);
    expect(d.decode(hex('00 84 ff ff ff ff 81 1f'))).toBeNull();
  });

  it('caps the decoded list of a header bomb but keeps the table in step', () => {
    const d = new HpackDecoder();
    const value = 'v'.repeat(4000);
    // Literal with incremental indexing, new name "x", 4000-octet value; then 20000 references to it (index 62).
    const insert = Buffer.concat([
      Buffer.from([0x40, 0x01, 0x78]),
      Buffer.from(encodePrefixedInt(4000, 7, 0)),
      Buffer.from(value),
    ]);
    const refs = Buffer.alloc(20_000, 0xbe);
    const r = d.decode(new Uint8Array(Buffer.concat([insert, refs])));
    expect(r?.truncated).toBe(true);
    const total = (r?.headers ?? []).reduce((n, h) => n + h.name.length + h.value.length + 32, 0);
    expect(total).toBeLessThanOrEqual(MAX_HEADER_BLOCK_BYTES);
    expect(d.dynamicTableSize).toBe(4033);
  });

  it('never throws or hangs on random blocks', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 80 }), { maxLength: 6 }), (blocks) => {
        const d = new HpackDecoder();
        for (const b of blocks) d.decode(b);
      }),
      { numRuns: 500 },
    );
  });
});
