import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ATTRIBUTE_CHARS, parseCertificateNames } from '../../../src/decode/names/x509-names.js';
import { buildCertificate } from '../../../src/writer/tls-server-hello-builder.js';

function names(der: Uint8Array) {
  const out = parseCertificateNames(der);
  if (out.kind !== 'done') throw new Error(`expected done, got ${JSON.stringify(out)}`);
  return out.value;
}

describe('parseCertificateNames', () => {
  it('reads subject O, C, CN and issuer O', () => {
    expect(names(buildCertificate())).toEqual({
      subjectOrg: 'Example Corp',
      subjectCountry: 'US',
      subjectCommonName: 'www.example.com',
      issuerOrg: 'Example Trust Services',
    });
  });

  it('agrees with node:crypto X509Certificate on the hand-built DER (a real key, several string types)', () => {
    const spki = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({
      type: 'spki',
      format: 'der',
    });
    const der = buildCertificate({
      spki,
      subject: [
        { type: 'C', value: 'DE', tag: 0x13 },
        { type: 'ST', value: 'Bayern' },
        { type: 'O', value: 'Société Générale, S.A.' },
        { type: 'OU', value: 'Web' },
        { type: 'CN', value: '*.example.de' },
      ],
      issuer: [{ type: 'O', value: 'Ünïcode CA', tag: 0x1e }],
      sanNames: Array.from({ length: 40 }, (_, i) => `host${i}.example.de`),
    });
    const x = new X509Certificate(der);
    expect(x.subject).toContain('O=Soci');
    expect(x.subject).toContain('CN=*.example.de');
    expect(x.subjectAltName).toContain('DNS:host39.example.de');
    expect(names(der)).toEqual({
      subjectOrg: 'Société Générale, S.A.',
      subjectCountry: 'DE',
      subjectCommonName: '*.example.de',
      issuerOrg: 'Ünïcode CA',
    });
  });

  it('gives null for absent attributes and for empty values', () => {
    const der = buildCertificate({
      subject: [{ type: 'CN', value: 'a.example' }],
      issuer: [{ type: 'O', value: ' ' }],
    });
    expect(names(der)).toEqual({
      subjectOrg: null,
      subjectCountry: null,
      subjectCommonName: 'a.example',
      issuerOrg: null,
    });
  });

  it('escapes control, bidi and zero-width characters and the backslash, keeps letters', () => {
    const der = buildCertificate({
      subject: [
        { type: 'O', value: 'Evil\u001b[31m Corp\u202e\u200b\\' },
        { type: 'CN', value: new Uint8Array([0x61, 0x00, 0x0a, 0x62]), tag: 0x16 },
      ],
    });
    const n = names(der);
    expect(n.subjectOrg).toBe('Evil\\x1b[31m Corp\\u{202e}\\u{200b}\\x5c');
    expect(n.subjectCommonName).toBe('a\\x00\\x0ab');
  });

  it('cuts very long values', () => {
    const n = names(buildCertificate({ subject: [{ type: 'O', value: 'x'.repeat(5000) }] }));
    expect(n.subjectOrg?.length).toBe(MAX_ATTRIBUTE_CHARS + 1);
    expect(n.subjectOrg?.endsWith('…')).toBe(true);
  });

  it('still reads the names of a certificate cut after its subject (snap length)', () => {
    const der = buildCertificate({ sanNames: ['a.example', 'b.example'] });
    const subjectEnd = Buffer.from(der).indexOf(Buffer.from('www.example.com')) + 15;
    expect(names(der.subarray(0, subjectEnd)).subjectCommonName).toBe('www.example.com');
    expect(parseCertificateNames(der.subarray(0, subjectEnd - 1)).kind).toBe('invalid');
  });

  it('names what is wrong with broken input', () => {
    expect(parseCertificateNames(new Uint8Array(0))).toEqual({ kind: 'invalid', reason: 'x509-not-a-sequence' });
    expect(parseCertificateNames(Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x00])).kind).toBe('invalid');
    // Indefinite length (BER, not DER) and a 5-byte length are refused.
    expect(parseCertificateNames(Uint8Array.from([0x30, 0x80, 0x30, 0x80])).kind).toBe('invalid');
    expect(parseCertificateNames(Uint8Array.from([0x30, 0x85, 1, 0, 0, 0, 0])).kind).toBe('invalid');
  });

  it('never throws on mutated or random bytes, and returns bounded strings', () => {
    const base = buildCertificate({ sanNames: ['x.example'] });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(base.length - 1), fc.nat(255)), { maxLength: 8 }),
        fc.nat(base.length),
        (edits, cut) => {
          const b = Uint8Array.from(base);
          for (const [at, v] of edits) b[at] = v;
          const out = parseCertificateNames(b.subarray(0, cut));
          if (out.kind === 'done') {
            for (const v of Object.values(out.value))
              if (v !== null) expect(v.length).toBeLessThanOrEqual(MAX_ATTRIBUTE_CHARS + 1);
          }
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (b) => void parseCertificateNames(b)),
      { numRuns: 2000 },
    );
  });
});
