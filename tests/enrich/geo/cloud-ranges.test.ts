import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CidrMatcher } from '../../../src/enrich/addresses/cidr-matcher.js';
import {
  CLOUD_TABLE_FORMAT,
  CloudRanges,
  cloudReason,
  locationNotFixed,
  shippedCloudRanges,
} from '../../../src/enrich/geo/cloud-ranges.js';
import {
  type CloudTableRange,
  compactIntervals,
  serialiseTable,
} from '../../../src/tools/cloud-ranges-import/build-table.js';

const SOURCE = {
  id: 'aws-ip-ranges',
  provider: 'AWS',
  name: 'ip-ranges.json',
  url: 'https://ip-ranges.amazonaws.com/ip-ranges.json',
  version: 'syncToken 1',
  date: '2026-08-22',
  licence: 'none stated',
  regionDocumentation: null,
};

/** A table as the importer writes it (format 2: answers, prefix/answer pairs, flattened intervals). */
const table = (ranges: CloudTableRange[]): CloudRanges =>
  CloudRanges.fromJson(
    serialiseTable({
      format: CLOUD_TABLE_FORMAT,
      about: '',
      sources: [SOURCE],
      ranges,
      ...compactIntervals(ranges.map((r) => r[0])),
    }),
  );

/** A table written by hand, to feed the reader what the importer never writes. */
const raw = (answers: unknown[], ranges: unknown[], v4: unknown[] = [], v6: unknown[] = []): CloudRanges =>
  CloudRanges.fromJson(JSON.stringify({ format: 2, about: '', sources: [SOURCE], answers, ranges, v4, v6 }));

describe('CloudRanges', () => {
  const t = table([
    ['3.0.0.0/8', 0, null, null, 'global'],
    ['3.120.0.0/14', 0, 'eu-central-1', 'DE', 'region'],
    ['3.121.5.0/24', 0, 'eu-west-1', 'IE', 'region'],
    ['104.16.0.0/13', 0, null, null, 'anycast'],
    ['2a05:d014::/35', 0, 'eu-central-1', 'DE', 'region'],
    ['2a05:d014:1::/48', 0, 'us-east-1', 'US', 'region'],
  ]);

  it('answers the most specific published range, IPv4 and IPv6', () => {
    expect(t.lookup('3.120.0.1')?.country).toBe('DE');
    expect(t.lookup('3.121.5.255')?.region).toBe('eu-west-1');
    expect(t.lookup('3.121.6.0')?.country).toBe('DE');
    expect(t.lookup('3.124.0.0')?.kind).toBe('global');
    expect(t.lookup('3.255.255.255')?.kind).toBe('global');
    expect(t.lookup('4.0.0.0')).toBeNull();
    expect(t.lookup('2.255.255.255')).toBeNull();
    expect(t.lookup('2a05:d014::1')?.country).toBe('DE');
    expect(t.lookup('2a05:d014:1:ffff::1')?.country).toBe('US');
    expect(t.lookup('2a05:d014:2::1')?.country).toBe('DE');
    expect(t.lookup('2a05:d015::1')).toBeNull();
    expect(t.lookup('not an address')).toBeNull();
  });

  it('names the source with its version and date', () => {
    expect(t.lookup('3.120.0.1')?.label).toBe('AWS ip-ranges.json eu-central-1 (syncToken 1, 2026-08-22)');
    expect(t.lookup('104.16.0.1')?.label).toBe('AWS ip-ranges.json anycast (syncToken 1, 2026-08-22)');
  });

  it('says why a range matters only when it changes the answer', () => {
    const de = t.lookup('3.120.0.1');
    const any = t.lookup('104.16.0.1');
    if (de === null || any === null) throw new Error('missing');
    expect(cloudReason(de, 'DE')).toBeNull();
    expect(cloudReason(de, 'CA')).toContain('places this address in DE, not CA');
    expect(cloudReason(any, 'CA')).toContain('anycast');
    const global = t.lookup('3.124.0.0');
    if (global === null) throw new Error('missing');
    expect(cloudReason(global, 'CA')).toBe(
      'AWS ip-ranges.json (syncToken 1, 2026-08-22) publishes 3.0.0.0/8 worldwide, without a region: the database country (CA) is not evidence of where the server is',
    );
    expect(cloudReason(global, null)).toContain('the database gave no country either');
    expect([de, any, global].map(locationNotFixed)).toEqual([false, true, true]);
  });

  it('skips malformed answers and ranges and counts them', () => {
    const bad = raw(
      [
        [0, null, null, 'global'], // 0: fine
        [0, 'x', 'DE', 'global'], // a country without a region kind
        [0, null, null, 'region'], // a region kind without a country
        [0, 'x', 'de', 'region'],
        [0, null, null, 'cloudy'],
        [7, null, null, 'global'],
        [0, null, null],
        'junk',
      ],
      ['1.0.0.0/8', 0, '3.0.0.0/8', 1, '3.0.0.0', 0, 'x/8', 0, 7, 0, '4.0.0.0/8', 99, '5.0.0.0/8', 'zero'],
      [16777216, 0, 33554432, -1, 50331648, 1, 67108864, -1],
    );
    expect(bad.size).toBe(1);
    expect(bad.skipped).toBe(7 + 6);
    expect(bad.lookup('1.2.3.4')?.kind).toBe('global');
    // The interval of a skipped range answers nothing: never another range's answer.
    expect(bad.lookup('3.2.3.4')).toBeNull();
  });

  it('skips interval entries that are malformed or break the order, counts them, and never stretches a range', () => {
    const answers = [[0, null, null, 'global']];
    const ranges = ['10.0.0.0/8', 0, '11.0.0.0/8', 0, '12.0.0.0/8', 0];
    const ten = 167772160;
    const eleven = 184549376;
    const twelve = 201326592;
    const thirteen = 218103808;
    // biome-ignore format: one entry a line
    const t = raw(answers, ranges, [
      ten, 0, // 10/8
      eleven, 1, // 11/8
      eleven, -1, // does not start above the previous entry: 11/8 becomes a gap
      twelve, 2, // 12/8
      2 ** 32, -1, // past the address space: 12/8 becomes a gap
    ]);
    expect(t.skipped).toBe(2);
    expect(t.lookup('10.255.255.255')?.prefix).toBe('10.0.0.0/8');
    expect(t.lookup('11.0.0.0')).toBeNull();
    expect(t.lookup('12.0.0.0')).toBeNull();
    // biome-ignore format: one entry a line
    const u = raw(answers, ranges, [
      ten, 0,
      eleven, 5, // no such range
      twelve, 1.5,
      thirteen, -1,
      thirteen + 1, -2,
      1, // a partial entry
    ]);
    expect(u.skipped).toBe(4);
    expect(u.lookup('10.0.0.1')?.prefix).toBe('10.0.0.0/8');
    expect(u.lookup('11.0.0.1')).toBeNull();
    expect(u.lookup('12.0.0.1')).toBeNull();
    expect(u.lookup('13.0.0.1')).toBeNull();
    const six = raw(answers, ['2001:db8::/32', 0], [], [0x20010db8, 0, 0, 0, 0, 0x20010db8, -1, 0, 0, -1]);
    expect(six.skipped).toBe(1);
    expect(six.lookup('2001:db8::1')).toBeNull();
    const gap = raw(answers, ['2001:db8::/32', 0], [], [0x20010db8, 0, 0, 0, 0, 0x20010db9, 0, 0, 0, -1]);
    expect(gap.lookup('2001:db8:ffff::1')?.prefix).toBe('2001:db8::/32');
    expect(gap.lookup('2001:db9::')).toBeNull();
    expect(gap.lookup('2001:db7::')).toBeNull();
  });

  it('rejects a table of another format with a message that says so', () => {
    expect(() => CloudRanges.fromJson('{"format":1,"sources":[],"ranges":[]}')).toThrow(
      'cloud range table format 1: this version of outflow reads format 2 only',
    );
    expect(() => CloudRanges.fromJson('{"about":""}')).toThrow('format missing');
    expect(() => CloudRanges.fromJson('{"format":2,"sources":[]}')).toThrow('v4 or v6 missing');
    expect(() => CloudRanges.fromJson('[]')).toThrow('not a cloud range table');
  });

  it('makes each range once: the same object for every address in it', () => {
    expect(t.lookup('3.120.0.1')).toBe(t.lookup('3.123.255.255'));
    expect(t.lookup('3.120.0.1')?.prefix).toBe('3.120.0.0/14');
  });

  it('lists the table for the report metadata', () => {
    expect(t.info()).toMatchObject({ role: 'cloud-ranges', buildDate: '2026-08-22', file: 'cloud-ranges.json' });
    expect(t.info().source).toContain('AWS ip-ranges.json syncToken 1 (2026-08-22');
  });

  it('agrees with a longest-prefix trie on random nested prefixes, at every interval boundary (property)', () => {
    const v4 = fc
      .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 4, max: 24 }))
      .map(([a, b, len]) => {
        const v = ((a << 24) | (b << 16)) >>> 0;
        const masked = (v & (0xffffffff << (32 - len))) >>> 0;
        return `${masked >>> 24}.${(masked >>> 16) & 255}.${(masked >>> 8) & 255}.${masked & 255}/${len}`;
      });
    // IPv6 prefixes in a small space (2001:db8:XX00::/24–/48) so that they nest often.
    const v6 = fc
      .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 24, max: 48 }))
      .map(([a, b, len]) => {
        const bytes = new Uint8Array(16);
        bytes.set([0x20, 0x01, 0x0d, 0xb8, a, 0, b >> 8, b & 255]);
        for (let i = len; i < 128; i++) bytes[i >> 3] = (bytes[i >> 3] ?? 0) & ~(0x80 >> (i & 7));
        const groups = [];
        for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
        return `${groups.join(':')}/${len}`;
      });
    const address6 = fc
      .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 0xffffff }))
      .map(([a, b]) =>
        Uint8Array.from([0x20, 0x01, 0x0d, 0xb8, a, b >> 16, (b >> 8) & 255, b & 255, 0, 0, 0, 0, 0, 0, 0, 1]),
      );
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.oneof(v4, v6), { maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)), { maxLength: 40 }),
        fc.array(address6, { maxLength: 40 }),
        (prefixes, addrs, addrs6) => {
          const rows: CloudTableRange[] = prefixes.map((p, i) => [p, 0, `r${i}`, 'DE', 'region']);
          const ranges = table(rows);
          const trie = new CidrMatcher<string>();
          for (const p of prefixes) trie.add(p, p);
          const probes: Uint8Array[] = [...addrs.map((a) => Uint8Array.from(a)), ...addrs6];
          // Every interval's first address and its neighbours (the last address of the one before), where an
          // off-by-one would show.
          const { v4: flat4, v6: flat6 } = compactIntervals(prefixes);
          for (const [flat, words] of [
            [flat4, 1],
            [flat6, 4],
          ] as const) {
            for (let k = 0; k < flat.length; k += words + 1) {
              for (const delta of [-1, 0, 1]) probes.push(bytesOf(flat.slice(k, k + words), delta));
            }
          }
          for (const bytes of probes) {
            expect(ranges.lookupBytes(bytes)?.prefix ?? null).toBe(trie.matchBytes(bytes)?.item ?? null);
          }
        },
      ),
    );
  });

  it('loads the shipped table', () => {
    const shipped = shippedCloudRanges();
    expect(shipped.size).toBeGreaterThan(10_000);
    expect(shipped.skipped).toBe(0);
    expect(shipped.lookup('3.120.0.1')?.country).toBe('DE');
  });
});

/** The address of 32-bit words, plus delta (wrapping at the ends of the address space). */
function bytesOf(words: readonly number[], delta: number): Uint8Array {
  const w = [...words];
  for (let i = w.length - 1; i >= 0; i--) {
    const v = (w[i] ?? 0) + delta;
    w[i] = (v + 2 ** 32) % 2 ** 32;
    if (v >= 0 && v < 2 ** 32) break;
  }
  const out = new Uint8Array(w.length * 4);
  for (const [i, x] of w.entries()) out.set([x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255], i * 4);
  return out;
}
