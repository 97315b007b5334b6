import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeField, isPlausibleHostname, toSafeName } from '../../../src/decode/names/safe-name.js';

describe('toSafeName', () => {
  it('lower-cases and strips the root dot', () => {
    expect(toSafeName('WWW.Example.COM.')).toEqual({ name: 'www.example.com' });
    // Two trailing dots: an empty last label, kept whole so that a safe name's safe name is itself.
    expect(toSafeName('a.example..')).toEqual({ name: 'a.example..' });
    expect(toSafeName(Buffer.from('Mail.Example.org'))).toEqual({ name: 'mail.example.org' });
    expect(toSafeName('_dmarc.example.com')).toEqual({ name: '_dmarc.example.com' });
    expect(toSafeName('*.example.com')).toEqual({ name: '*.example.com' });
    expect(toSafeName('2001:db8::1')).toEqual({ name: '2001:db8::1' });
    expect(toSafeName('')).toEqual({ name: '' });
  });

  it('escapes terminal escape sequences and flags them', () => {
    expect(toSafeName('\x1b[31mred.example\x1b[0m')).toEqual({
      name: '\\x1b\\x5b31mred.example\\x1b\\x5b0m',
      suspicious: 'control-characters,invalid-characters',
    });
    expect(toSafeName('a\x00b')).toEqual({ name: 'a\\x00b', suspicious: 'control-characters' });
  });

  it('escapes markup, formulas and spaces', () => {
    expect(toSafeName('<script>alert(1)</script>')).toEqual({
      name: '\\x3cscript\\x3ealert\\x281\\x29\\x3c\\x2fscript\\x3e',
      suspicious: 'invalid-characters',
    });
    expect(toSafeName('=HYPERLINK("x")').name).not.toMatch(/[=("]/);
    expect(toSafeName('evil host.com')).toEqual({ name: 'evil\\x20host.com', suspicious: 'spaces' });
  });

  it('escapes non-ASCII bytes and UTF-8 text', () => {
    expect(toSafeName(Uint8Array.from([0x63, 0xc3, 0xa9, 0x2e, 0x66, 0x72]))).toEqual({
      name: 'c\\xc3\\xa9.fr',
      suspicious: 'non-ascii',
    });
    expect(toSafeName('café.fr')).toEqual({ name: 'caf\\xe9.fr', suspicious: 'non-ascii' });
    expect(toSafeName('€.fr')).toEqual({ name: '\\xe2\\x82\\xac.fr', suspicious: 'non-ascii' });
  });

  it('cuts names over 253 bytes and flags them', () => {
    const long = `${'a'.repeat(60)}.`.repeat(5);
    const out = toSafeName(long);
    expect(out.name).toHaveLength(253);
    expect(out.suspicious).toBe('too-long');
    const exactly = 'b'.repeat(253);
    expect(toSafeName(`${exactly}.`)).toEqual({ name: exactly });
    expect(toSafeName('c'.repeat(100_000)).name).toHaveLength(253);
  });

  it('is idempotent: escaped text is not escaped twice', () => {
    for (const raw of ['\x1b[31mx', 'a b', '<b>', 'x\\y', 'caf\xe9', '..', 'a..', '...', '.']) {
      const once = toSafeName(raw);
      expect(toSafeName(once.name)).toEqual(once);
    }
  });

  it('does not let escape-looking text pose as name bytes', () => {
    expect(toSafeName('www\\x2eexample\\x2eCOM')).toEqual({
      name: 'www\\x5cx2eexample\\x5cx2ecom',
      suspicious: 'invalid-characters',
    });
    expect(toSafeName('\\x41\\x61.example').suspicious).toBe('invalid-characters');
    expect(toSafeName('a\\x1b.example')).toEqual({ name: 'a\\x1b.example', suspicious: 'control-characters' });
  });

  it('decodes valid punycode into `unicode`', () => {
    expect(toSafeName('xn--bcher-kva.example')).toEqual({ name: 'xn--bcher-kva.example', unicode: 'bücher.example' });
    expect(toSafeName('WWW.XN--BCHER-KVA.de')).toEqual({ name: 'www.xn--bcher-kva.de', unicode: 'www.bücher.de' });
    expect(toSafeName('xn--ls8h.la').unicode).toBe('💩.la');
  });

  it('flags punycode that does not decode or only pretends to', () => {
    for (const bad of ['xn--zz.example', 'xn--.example', 'xn--bcher-kva-.de', 'xn--abc-.de']) {
      expect(toSafeName(bad)).toEqual({ name: bad, suspicious: 'invalid-punycode' });
    }
    expect(toSafeName('abc-xn--d.example')).toEqual({ name: 'abc-xn--d.example' });
  });

  it('always returns printable ASCII within bounds (fuzz)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.uint8Array({ maxLength: 400 })), (raw) => {
        const out = toSafeName(raw);
        expect(out.name).toMatch(/^[\x20-\x7e]*$/);
        expect(out.name).not.toMatch(/[ <>"'=\x60]/);
        expect(out.name.length).toBeLessThanOrEqual(253 * 4);
        if (out.suspicious !== undefined) expect(out.suspicious).toMatch(/^[a-z-]+(,[a-z-]+)*$/);
        expect(toSafeName(out.name).name).toBe(out.name);
      }),
      { numRuns: 500 },
    );
  });
});

describe('isPlausibleHostname', () => {
  it('accepts LDH names, with service labels and one trailing dot', () => {
    for (const ok of ['example.com', 'localhost', 'a-b.c', '_dmarc.example.com', 'xn--bcher-kva.de', 'EXAMPLE.com.']) {
      expect(isPlausibleHostname(ok)).toBe(true);
    }
  });

  it('rejects IP literals, empty labels, hyphen edges, long labels and odd bytes', () => {
    for (const bad of [
      '',
      '.',
      '1.2.3.4',
      '::1',
      'a..b',
      '-a.com',
      'a-.com',
      `${'a'.repeat(64)}.com`,
      'a b.com',
      'a\\x00.com',
      'é.fr',
      `${'a.'.repeat(127)}ab`,
    ]) {
      expect(isPlausibleHostname(bad)).toBe(false);
    }
  });
});

describe('escapeField', () => {
  it('keeps printable ASCII and escapes the rest and backslashes', () => {
    expect(escapeField('GET /a?b=c')).toBe('GET /a?b=c');
    expect(escapeField('a\x1b[0m\\\x7f\xff')).toBe('a\\x1b[0m\\x5c\\x7f\\xff');
    expect(escapeField(Uint8Array.from([0x68, 0x32, 0x00]))).toBe('h2\\x00');
  });
});
