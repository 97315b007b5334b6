import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAddress, formatIPv4, formatIPv6, parseIPv4, parseIp } from '../../src/core/ip-format.js';

function v6(text: string): string {
  const b = parseIp(text);
  if (b === null) throw new Error(`unparsable ${text}`);
  return formatIPv6(b, 0);
}

describe('formatIPv4', () => {
  it('formats at an offset', () => {
    expect(formatIPv4(Uint8Array.of(9, 192, 0, 2, 255), 1)).toBe('192.0.2.255');
    expect(formatAddress(Uint8Array.of(10, 0, 0, 1), 0, 4)).toBe('10.0.0.1');
  });

  it('spells every octet as decimal without leading zeros, as String(n) does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), (b) => {
        expect(formatIPv4(b, 0)).toBe(`${b[0]}.${b[1]}.${b[2]}.${b[3]}`);
      }),
      { numRuns: 2000 },
    );
    for (let v = 0; v < 256; v++) expect(formatIPv4(Uint8Array.of(v, 0, v, 255), 0)).toBe(`${v}.0.${v}.255`);
  });
});

describe('formatIPv6 (RFC 5952)', () => {
  it.each([
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'], // §4.1 leading zeros, §4.2.1 longest run
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // §4.2.3 first of equal runs
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // §4.2.2 a single 0 group is not compressed
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // longest run wins over an earlier shorter one
    ['2001:DB8::ABCD', '2001:db8::abcd'], // §4.3 lower case
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['fe80::', 'fe80::'],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'], // §5 IPv4-mapped
    ['::ffff:c000:0201', '::ffff:192.0.2.1'],
    ['::102', '::102'], // as inet_ntop: 7 zero groups stay hexadecimal
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
  ])('%s -> %s', (input, expected) => {
    expect(v6(input)).toBe(expected);
  });

  it('prints the deprecated IPv4-compatible form the way tshark does', () => {
    expect(v6('::1.2.3.4')).toBe('::1.2.3.4');
  });

  it('round-trips any address through parseIp', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const text = formatIPv6(bytes, 0);
        expect(parseIp(text)).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseIp', () => {
  it('parses both families', () => {
    expect(parseIp('192.0.2.1')).toEqual(Uint8Array.of(192, 0, 2, 1));
    expect(parseIp(' 10.0.0.255 ')).toEqual(Uint8Array.of(10, 0, 0, 255));
    expect(parseIp('2001:db8::1')?.length).toBe(16);
    expect(parseIp('fe80::1%eth0')).toEqual(parseIp('fe80::1'));
    expect(parseIp('::ffff:1.2.3.4')?.subarray(10)).toEqual(Uint8Array.of(0xff, 0xff, 1, 2, 3, 4));
  });

  it.each([
    '',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '01.2.3.4',
    'a.b.c.d',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '12345::',
    'g::1',
    '::1.2.3',
    '1:2:3:4:5:6:7::8:9',
  ])('rejects %j', (text) => {
    expect(parseIp(text)).toBeNull();
  });
});

/** The split-and-regex parser parseIPv4 replaced, kept as the reference its charCode loop must agree with. */
function referenceIPv4(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i] ?? '';
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    out[i] = v;
  }
  return out;
}

describe('parseIPv4 (charCode loop)', () => {
  it.each([
    ['0.0.0.0', [0, 0, 0, 0]],
    ['255.255.255.255', [255, 255, 255, 255]],
    ['192.0.2.10', [192, 0, 2, 10]],
    ['1.20.100.0', [1, 20, 100, 0]],
  ])('parses %s', (text, bytes) => {
    expect(parseIPv4(text)).toEqual(Uint8Array.from(bytes));
  });

  it.each([
    '1.2.3.4.',
    '.1.2.3.4',
    '1..2.3',
    '1.2.3.04',
    '00.1.2.3',
    '1.2.3.256',
    '1.2.3.1000',
    '1.2.3.-1',
    '1.2.3.+1',
    ' 1.2.3.4',
    '1.2.3.4 ',
    '1.2.3.4\n',
    '１.2.3.4',
    '1.2.3.٣',
    '1.2.3.0x1',
    '1e2.1.1.1',
    '1.2.3.4/24',
    '1.2.3.4.5.6.7.8',
  ])('rejects %j', (text) => {
    expect(parseIPv4(text)).toBeNull();
    expect(referenceIPv4(text)).toBeNull();
  });

  it('agrees with the split-and-regex parser on random and hostile text', () => {
    const octet = fc.oneof(
      fc.integer({ min: 0, max: 300 }).map(String),
      fc.constantFrom('', '0', '00', '01', '007', '255', '256', '999', '1000', '-1', '+1', ' 1', '1 ', 'a', '٣', '１'),
      fc.string({ maxLength: 4 }),
    );
    const dotted = fc.array(octet, { minLength: 0, maxLength: 6 }).map((parts) => parts.join('.'));
    const noise = fc.string({ unit: fc.constantFrom(...'0123456789.. :x-'), maxLength: 20 });
    fc.assert(
      fc.property(fc.oneof(dotted, noise, fc.string({ maxLength: 20 })), (text) => {
        expect(parseIPv4(text)).toEqual(referenceIPv4(text));
      }),
      { numRuns: 20_000 },
    );
  });
});
