import fc from 'fast-check';
import { Reader } from 'maxmind';
import { describe, expect, it } from 'vitest';
import {
  type MmdbValue,
  MmdbWriter,
  mmdbType,
  rangeToPrefixes,
  rangeToPrefixes32,
  writeMmdb,
} from '../../src/writer/mmdb-writer.js';

type Rec = Record<string, unknown>;
const read = (buf: Buffer): Reader<Rec> => new Reader<Rec>(buf);

describe('MmdbWriter: data types read back by the maxmind package', () => {
  const value: MmdbValue = {
    str: 'hello',
    empty: '',
    utf8: 'Zürich 東京',
    u16: mmdbType.uint16(65535),
    u32: 4294967295,
    u32zero: 0,
    u64: mmdbType.uint64(2n ** 64n - 1n),
    u128: mmdbType.uint128(2n ** 127n + 5n),
    i32neg: -123456,
    i32pos: mmdbType.int32(2147483647),
    i32min: -2147483648,
    dbl: 52.5167,
    dblNeg: -13.4,
    flt: mmdbType.float(1.5),
    yes: true,
    no: false,
    arr: ['a', 1, [true, { nested: 'x' }]],
    emptyArr: [],
    emptyMap: {},
    bytes: mmdbType.bytes(new Uint8Array([0, 1, 255])),
  };

  for (const ipVersion of [4, 6] as const) {
    it(`round-trips every type (IPv${ipVersion})`, () => {
      const network = ipVersion === 4 ? '192.0.2.0/24' : '2001:db8::/32';
      const buf = writeMmdb([{ network, data: value }], { databaseType: 'Test', ipVersion, buildEpoch: 1700000000 });
      const got = read(buf).get(ipVersion === 4 ? '192.0.2.77' : '2001:db8:1::9');
      expect(got).toMatchObject({
        str: 'hello',
        empty: '',
        utf8: 'Zürich 東京',
        u16: 65535,
        u32: 4294967295,
        u32zero: 0,
        i32neg: -123456,
        i32pos: 2147483647,
        i32min: -2147483648,
        dbl: 52.5167,
        dblNeg: -13.4,
        flt: 1.5,
        yes: true,
        no: false,
        arr: ['a', 1, [true, { nested: 'x' }]],
        emptyArr: [],
        emptyMap: {},
      });
      expect(BigInt(String(got?.u64))).toBe(2n ** 64n - 1n);
      expect(BigInt(String(got?.u128))).toBe(2n ** 127n + 5n);
      expect([...((got?.bytes ?? []) as Uint8Array)]).toEqual([0, 1, 255]);
    });
  }

  it('handles string lengths at the size-encoding boundaries (28/29, 284/285, 65820/65821)', () => {
    const lengths = [0, 28, 29, 30, 284, 285, 286, 65820, 65821, 70000];
    const entries = lengths.map((n, i) => ({ network: `10.0.${i}.0/24`, data: { s: 'x'.repeat(n), n } }));
    const r = read(writeMmdb(entries, { databaseType: 'T', ipVersion: 4 }));
    lengths.forEach((n, i) => {
      expect(String(r.get(`10.0.${i}.1`)?.s).length).toBe(n);
    });
  });

  it('uses pointers for repeated strings across many records (all pointer sizes)', () => {
    // Long distinct strings push later offsets past 2048 and 526336 so 2-, 3- and 4-byte pointers occur.
    const w = new MmdbWriter({ databaseType: 'T', ipVersion: 4 });
    for (let i = 0; i < 300; i++)
      w.insert(`10.${i >> 8}.${i & 255}.0/24`, { key_shared: `org-${i}-${'y'.repeat(2000)}`, k: i });
    const r = read(w.build());
    for (const i of [0, 1, 150, 299]) {
      expect(r.get(`10.${i >> 8}.${i & 255}.9`)).toEqual({ key_shared: `org-${i}-${'y'.repeat(2000)}`, k: i });
    }
  });

  it('writes metadata the reader understands', () => {
    const buf = writeMmdb([{ network: '1.2.3.0/24', data: { a: 1 } }], {
      databaseType: 'GeoLite2-Country',
      ipVersion: 6,
      buildEpoch: 1717200000,
      languages: ['en', 'de'],
      description: { en: 'test db' },
    });
    const m = read(buf).metadata;
    expect(m.databaseType).toBe('GeoLite2-Country');
    expect(m.ipVersion).toBe(6);
    expect(m.buildEpoch.toISOString()).toBe('2024-06-01T00:00:00.000Z');
    expect(m.languages).toEqual(['en', 'de']);
    expect(m.description).toEqual({ en: 'test db' });
    expect(m.binaryFormatMajorVersion).toBe(2);
    expect(buf.includes(Buffer.from([0xab, 0xcd, 0xef, ...Buffer.from('MaxMind.com')]))).toBe(true);
  });
});

describe('MmdbWriter: search tree', () => {
  for (const recordSize of [24, 28, 32] as const) {
    it(`looks up with ${recordSize}-bit records, giving prefix lengths`, () => {
      const buf = writeMmdb(
        [
          { network: '0.0.0.0/1', data: { n: 'low' } },
          { network: '203.0.113.0/24', data: { n: 'doc' } },
          { network: '203.0.113.128/25', data: { n: 'upper' } },
          { network: '2001:db8::/32', data: { n: 'v6' } },
        ],
        { databaseType: 'T', ipVersion: 6, recordSize },
      );
      const r = read(buf);
      expect(r.metadata.recordSize).toBe(recordSize);
      expect(r.getWithPrefixLength('8.8.8.8')).toEqual([{ n: 'low' }, 1]);
      expect(r.getWithPrefixLength('203.0.113.5')).toEqual([{ n: 'doc' }, 25]);
      expect(r.getWithPrefixLength('203.0.113.200')).toEqual([{ n: 'upper' }, 25]);
      expect(r.get('198.51.100.1')).toBeNull();
      expect(r.get('2001:db8::1')).toEqual({ n: 'v6' });
      expect(r.get('2001:db9::1')).toBeNull();
    });
  }

  it('picks 28-bit records when 24 bits cannot address the data section', () => {
    const w = new MmdbWriter({ databaseType: 'T', ipVersion: 4 });
    // ~17 MB of distinct data pushes the largest record value past 2^24.
    for (let i = 0; i < 260; i++) w.insert(`10.0.${i & 255}.${i >> 8}/32`, { s: `${i}${'z'.repeat(65000)}` });
    const r = read(w.build());
    expect(r.metadata.recordSize).toBe(28);
    expect(String(r.get('10.0.7.0')?.s).startsWith('7z')).toBe(true);
  });

  it('aliases IPv4-mapped and 6to4 addresses to the IPv4 subtree in an IPv6 database', () => {
    const r = read(writeMmdb([{ network: '192.0.2.0/24', data: { c: 'X' } }], { databaseType: 'T', ipVersion: 6 }));
    expect(r.get('192.0.2.1')).toEqual({ c: 'X' });
    expect(r.get('::ffff:192.0.2.1')).toEqual({ c: 'X' });
    expect(r.get('2002:c000:0201::1')).toEqual({ c: 'X' });
    expect(r.get('::ffff:198.51.100.1')).toBeNull();
    const noAlias = read(
      writeMmdb([{ network: '192.0.2.0/24', data: { c: 'X' } }], { databaseType: 'T', ipVersion: 6, aliasIPv4: false }),
    );
    expect(noAlias.get('::ffff:192.0.2.1')).toBeNull();
  });

  it('lets later inserts win, and handles /0 and /32 and /128', () => {
    const r = read(
      writeMmdb(
        [
          { network: '0.0.0.0/0', data: { v: 'all' } },
          { network: '10.0.0.0/8', data: { v: 'ten' } },
          { network: '10.1.2.3/32', data: { v: 'host' } },
        ],
        { databaseType: 'T', ipVersion: 4 },
      ),
    );
    expect(r.get('1.1.1.1')).toEqual({ v: 'all' });
    expect(r.get('10.9.9.9')).toEqual({ v: 'ten' });
    expect(r.getWithPrefixLength('10.1.2.3')).toEqual([{ v: 'host' }, 32]);
    const r6 = read(writeMmdb([{ network: '2001:db8::1/128', data: { v: 1 } }], { databaseType: 'T', ipVersion: 6 }));
    expect(r6.getWithPrefixLength('2001:db8::1')).toEqual([{ v: 1 }, 128]);
    expect(r6.get('2001:db8::2')).toBeNull();
  });

  it('deduplicates equal data and merges sibling networks with the same data', () => {
    const w = new MmdbWriter({ databaseType: 'T', ipVersion: 4 });
    w.insert('10.0.0.0/25', { a: 1, b: 'x' });
    w.insert('10.0.0.128/25', { b: 'x', a: 1 });
    expect(w.dataCount).toBe(1);
    const r = read(w.build());
    expect(r.getWithPrefixLength('10.0.0.200')).toEqual([{ a: 1, b: 'x' }, 24]);
  });

  it('writes an empty database that answers null', () => {
    const r = read(writeMmdb([], { databaseType: 'T', ipVersion: 6 }));
    expect(r.get('1.2.3.4')).toBeNull();
    expect(r.get('::1')).toBeNull();
  });

  it('refuses bad networks', () => {
    const w = new MmdbWriter({ databaseType: 'T', ipVersion: 4 });
    expect(() => w.insert('2001:db8::/32', 1)).toThrow(RangeError);
    expect(() => w.insert('10.0.0.0/33', 1)).toThrow(RangeError);
    expect(() => w.insert('nope/8', 1)).toThrow(RangeError);
    expect(() => w.insertRange('10.0.0.1', '::1', 1)).toThrow(RangeError);
  });

  it('inserts ranges as the fewest CIDR blocks and reads every address back', () => {
    expect(rangeToPrefixes32(0x0a000001, 0x0a0000fe).length).toBe(14);
    expect(rangeToPrefixes(0n, 2n ** 128n - 1n, 128)).toEqual([[0n, 0]]);
    const w = new MmdbWriter({ databaseType: 'T', ipVersion: 6 });
    w.insertRange('1.0.0.5', '1.0.1.2', { r: 1 });
    w.insertRange('2001:db8::ffff', '2001:db8::1:0', { r: 2 });
    const r = read(w.build());
    expect(r.get('1.0.0.4')).toBeNull();
    expect(r.get('1.0.0.5')).toEqual({ r: 1 });
    expect(r.get('1.0.0.255')).toEqual({ r: 1 });
    expect(r.get('1.0.1.2')).toEqual({ r: 1 });
    expect(r.get('1.0.1.3')).toBeNull();
    expect(r.get('2001:db8::fffe')).toBeNull();
    expect(r.get('2001:db8::1:0')).toEqual({ r: 2 });
  });

  it('property: every range split covers exactly the range with aligned blocks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 2 ** 20 }), (a, len) => {
        const b = Math.min(2 ** 32 - 1, a + len);
        const blocks = rangeToPrefixes32(a, b);
        let next = a;
        for (const [start, prefix] of blocks) {
          const size = 2 ** (32 - prefix);
          expect(start).toBe(next);
          expect(start % size).toBe(0);
          next = start + size;
        }
        expect(next).toBe(b + 1);
      }),
      { numRuns: 300 },
    );
  });
});
