import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ibanValid, luhnValid } from '../../../src/assess/pii/checksums.js';
import { detectPii } from '../../../src/assess/pii/registry.js';
import { maskValue, percentDecode } from '../../../src/assess/pii/text.js';
import type { PiiKind } from '../../../src/assess/pii/types.js';

const kinds = (text: string, field = 'http.body', internalSuffixes: string[] = []): PiiKind[] =>
  detectPii(text, { field }, { internalSuffixes }).map((f) => f.kind);
const values = (text: string, field = 'http.body'): string[] =>
  detectPii(text, { field }, { showValues: true }).map((f) => f.excerpt);

describe('e-mail', () => {
  it('finds addresses, also percent-encoded in a query', () => {
    expect(values('{"mail":"jan.jansen@example.nl"}')).toContain('jan.jansen@example.nl');
    expect(values('q=a&to=jan%40gemeente.nl', 'http.query')).toContain('jan@gemeente.nl');
  });
  it('ignores asset names and bare @', () => {
    expect(kinds('icon@2x.png logo@3x.webp @user foo@bar')).not.toContain('email');
  });
});

describe('Windows profile paths', () => {
  it('finds C:\\Users\\<name>, JSON-escaped, forward-slash and URL-encoded forms', () => {
    expect(values('path=C:\\Users\\pieter\\Documents\\x.docx')).toContain('pieter');
    expect(values('{"p":"C:\\\\Users\\\\anna\\\\AppData"}')).toContain('anna');
    expect(values('f=c:/users/kees/desktop')).toContain('kees');
    expect(values('file=C%3A%5CUsers%5Cmarie%5CDownloads', 'url')).toContain('marie');
    expect(kinds('%USERPROFILE%\\Desktop')).toContain('windows-profile-path');
  });
  it('ignores shared profiles and other paths', () => {
    expect(kinds('C:\\Users\\Public\\Desktop C:\\Users\\Default\\x C:\\Windows\\System32')).not.toContain(
      'windows-profile-path',
    );
  });
});

describe('UNC paths', () => {
  it('finds \\\\server\\share, also JSON-escaped', () => {
    expect(values('open \\\\fs01.gemeente.local\\home$')).toContain('\\\\fs01.gemeente.local\\home$');
    expect(kinds('{"p":"\\\\\\\\fileserver\\\\Finance"}')).toContain('unc-path');
  });
  it('ignores device paths and single backslashes', () => {
    expect(kinds('\\\\?\\C:\\x \\\\.\\pipe\\name C:\\dir\\file')).not.toContain('unc-path');
  });
});

describe('user names in parameters', () => {
  it('finds user=, username=, upn=, login=, account=, uid=', () => {
    expect(values('user=jdoe&x=1', 'http.query')).toContain('jdoe');
    expect(values('upn=j.doe%40corp.example', 'http.query')).toContain('j.doe@corp.example');
    expect(values('{"userName": "Piet Pietersen"}')).toContain('Piet Pietersen');
    expect(kinds('Login: admin2\r\nX: y', 'http.header')).toContain('user-name');
  });
  it('ignores placeholders and unrelated keys', () => {
    expect(kinds('user=anonymous&username=null&users=12&name=report', 'http.query')).not.toContain('user-name');
  });
});

describe('MAC addresses', () => {
  it('finds unicast addresses', () => {
    expect(values('mac=00:1A:2B:3C:4D:5E')).toContain('00:1a:2b:3c:4d:5e');
    expect(kinds('hw 3c-22-fb-01-02-03')).toContain('mac-address');
  });
  it('ignores zero, broadcast, multicast, times and IPv6', () => {
    expect(kinds('00:00:00:00:00:00 ff:ff:ff:ff:ff:ff 01:00:5e:00:00:fb 12:34:56 fe80::1:2:3:4')).not.toContain(
      'mac-address',
    );
  });
});

describe('device ids in telemetry parameters', () => {
  it('finds GUIDs and hex ids under identifying keys', () => {
    expect(kinds('deviceId=3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'http.query')).toContain('device-id');
    expect(kinds('{"ext":{"device":{"localId":"x"}},"machineId":"a1b2c3d4e5f60718293a4b5c6d7e8f90"}')).toContain(
      'device-id',
    );
    expect(kinds('cid=1234567890.1700000000&tid=G-XYZ', 'http.query')).toContain('device-id');
    expect(kinds('sqmid=s:{4D36E96A-E325-11CE-BFC1-08002BE10318}', 'http.query')).toContain('device-id');
  });
  it('ignores GUIDs outside identifying keys, and zero GUIDs', () => {
    expect(
      kinds('requestId=3f2504e0-4f89-11d3-9a0c-0305e82c3301&sha=a1b2c3d4e5f60718293a', 'http.query'),
    ).not.toContain('device-id');
    expect(kinds('deviceid=00000000-0000-0000-0000-000000000000', 'http.query')).not.toContain('device-id');
  });
});

describe('IMEI', () => {
  it('finds a Luhn-valid IMEI with context', () => {
    expect(values('imei=490154203237518', 'http.query')).toContain('490154203237518');
    expect(kinds('"IMEI": "35-209900-176148-1"')).toContain('imei');
  });
  it('ignores bad check digits and numbers without context', () => {
    expect(kinds('imei=490154203237519', 'http.query')).not.toContain('imei');
    expect(kinds('id=490154203237518', 'http.query')).not.toContain('imei');
  });
});

describe('E.164 phone numbers', () => {
  it('finds +CC numbers, also %2B-encoded', () => {
    expect(values('tel=+31612345678')).toContain('+31612345678');
    expect(values('phone=%2B4915112345678', 'http.query')).toContain('+4915112345678');
    expect(kinds('call +1 (415) 555-2671')).toContain('phone');
  });
  it('ignores timestamps, zone offsets, versions and unassigned codes', () => {
    expect(kinds('2026-11-29T10:00:00+01:00 v1.2.3+20261129 1e+10 +0000 +80012345678 ts=1732870000000')).not.toContain(
      'phone',
    );
  });
});

describe('IBAN', () => {
  it('finds valid IBANs with or without spaces', () => {
    expect(values('iban=NL91ABNA0417164300')).toContain('NL91ABNA0417164300');
    expect(values('DE89 3704 0044 0532 0130 00')).toContain('DE89370400440532013000');
  });
  it('ignores wrong check digits and lengths', () => {
    expect(kinds('NL92ABNA0417164300 NL91ABNA041716430 XX91ABNA0417164300')).not.toContain('iban');
  });
});

describe('payment cards', () => {
  it('finds Luhn-valid numbers with a known prefix and length', () => {
    expect(values('card=4111 1111 1111 1111')).toContain('4111111111111111');
    expect(kinds('5555555555554444 378282246310005')).toContain('payment-card');
  });
  it('ignores timestamps, Luhn failures, unknown prefixes and repeated digits', () => {
    expect(
      kinds('1732870000000000 4111111111111112 9111111111111111 0000000000000000 1.4111111111111111'),
    ).not.toContain('payment-card');
  });
});

describe('internal addresses', () => {
  it('finds RFC 1918 and ULA addresses', () => {
    expect(values('srv=192.168.1.20')).toContain('192.168.1.20');
    expect(kinds('x 172.20.0.5 y')).toContain('private-ip');
    expect(kinds('addr fd12:3456:789a::1')).toContain('private-ip');
  });
  it('ignores public addresses, versions and out-of-range octets', () => {
    expect(kinds('8.8.8.8 172.32.0.1 10.0.19041.1 192.168.1.300 v10.0.22621.1')).not.toContain('private-ip');
  });
  it('finds internal host names, with configurable suffixes', () => {
    expect(values('host=printer01.local', 'dns.qname')).toContain('printer01.local');
    expect(kinds('dc01.corp', 'dns.qname')).toContain('internal-host');
    expect(kinds('fs.gemeente-intern.nl', 'dns.qname', ['gemeente-intern.nl'])).toContain('internal-host');
  });
  it('ignores public names that merely contain the words', () => {
    expect(kinds('www.local.com corp.example.com internal-tools.io', 'dns.qname')).not.toContain('internal-host');
  });
});

describe('detectPii', () => {
  it('masks by default and keeps location', () => {
    const [f] = detectPii('to=jan@example.nl', { field: 'http.query', frame: 7 });
    expect(f).toEqual({
      kind: 'email',
      detector: 'email',
      field: 'http.query',
      frame: 7,
      excerpt: 'j***@e***.nl',
      confidence: 'high',
    });
    expect(maskValue('pieter')).toBe('p***r');
    expect(maskValue('ab')).toBe('***');
  });

  it('reports each value once', () => {
    expect(kinds('a@example.nl a@example.nl').filter((k) => k === 'email')).toHaveLength(1);
  });

  it('bounds work on large and hostile input and never throws', () => {
    const big = `${'a@b.'.repeat(40_000)}%E0%A4%A`;
    const started = performance.now();
    expect(() => detectPii(big, { field: 'url' })).not.toThrow();
    expect(performance.now() - started).toBeLessThan(3000);
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom('url', 'http.body', 'dns.qname'), (s, field) => {
        const out = detectPii(s, { field });
        return Array.isArray(out) && out.length <= 12 * 20;
      }),
      { numRuns: 300 },
    );
  });

  it('percent-decoding tolerates malformed sequences', () => {
    expect(percentDecode('%FF%41%zz+x+1')).toBe('\u00ffA%zz x+1');
  });
});

describe('checksums', () => {
  it('luhn and iban', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(ibanValid('GB82WEST12345698765433')).toBe(false);
  });
});
