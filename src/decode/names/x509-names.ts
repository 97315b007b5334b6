/**
 * Subject and issuer of an X.509 certificate (RFC 5280 §4.1) from its DER bytes, by a bounded walk of only the
 * first fields of tbsCertificate:
 *
 *   Certificate ::= SEQUENCE { tbsCertificate SEQUENCE {
 *     version [0] EXPLICIT OPTIONAL, serialNumber INTEGER, signature AlgorithmIdentifier,
 *     issuer Name, validity SEQUENCE, subject Name, ... }, ... }
 *   Name ::= SEQUENCE OF SET OF SEQUENCE { type OBJECT IDENTIFIER, value ANY }
 *
 * Why not node:crypto's X509Certificate: it costs about 150 µs a certificate (a full OpenSSL parse, public key
 * included) against a few µs here, it throws on a certificate cut by the capture's snap length, and its
 * `subject` is text that would have to be parsed back (escaped commas). The walk reads nothing past the subject,
 * so a leaf whose tail is missing still gives its names. Every length is checked against its parent's end;
 * nothing here throws or loops more than the bytes allow.
 */
import { toSafeText } from './safe-name.js';

/** What the audit needs from a certificate: who it was issued to (O, C, CN) and who issued it (O). */
export interface CertificateNames {
  subjectOrg: string | null;
  subjectCountry: string | null;
  subjectCommonName: string | null;
  issuerOrg: string | null;
}

export type X509Outcome = { kind: 'done'; value: CertificateNames } | { kind: 'invalid'; reason: string };

/** Characters kept of one attribute value (RFC 5280 Appendix A.1 upper bounds are 64 for O and CN). */
export const MAX_ATTRIBUTE_CHARS = 256;
/** RDN attributes looked at per Name at most (real ones have fewer than 10). */
const MAX_ATTRIBUTES = 64;

const SEQUENCE = 0x30;
const SET = 0x31;
const OID = 0x06;
const INTEGER = 0x02;
const VERSION_TAG = 0xa0;

/** 2.5.4.x attribute types (id-at), as the DER of the OID's content: 55 04 xx. */
const AT_COMMON_NAME = 3;
const AT_COUNTRY = 6;
const AT_ORGANIZATION = 10;

interface Tlv {
  tag: number;
  /** Content start and end. */
  start: number;
  end: number;
}

/**
 * One DER TLV at `off`, its content within `limit`, or null. Only single-byte tags and definite lengths of at most
 * 4 bytes (DER, X.690 §10.1): anything else cannot start a certificate field.
 */
function tlv(b: Uint8Array, off: number, limit: number): Tlv | null {
  if (off + 2 > limit) return null;
  const tag = b[off] ?? 0;
  if ((tag & 0x1f) === 0x1f) return null;
  let len = b[off + 1] ?? 0;
  let start = off + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > limit) return null;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (b[start + i] ?? 0);
    start += n;
  }
  const end = start + len;
  return end > limit ? null : { tag, start, end };
}

/**
 * Subject and issuer names of a DER certificate. `der` may be cut after the subject (a truncated capture): the
 * outer lengths may then point past its end, and are bounded by what is there.
 */
export function parseCertificateNames(der: Uint8Array): X509Outcome {
  const limit = der.length;
  const cert = tlvOrCut(der, 0, limit);
  if (cert === null || cert.tag !== SEQUENCE) return { kind: 'invalid', reason: 'x509-not-a-sequence' };
  const tbs = tlvOrCut(der, cert.start, cert.end);
  if (tbs === null || tbs.tag !== SEQUENCE) return { kind: 'invalid', reason: 'x509-bad-tbs' };
  let off = tbs.start;
  const first = tlv(der, off, tbs.end);
  if (first?.tag === VERSION_TAG) off = first.end;
  const serial = tlv(der, off, tbs.end);
  if (serial === null || serial.tag !== INTEGER) return { kind: 'invalid', reason: 'x509-bad-serial' };
  const sigAlg = tlv(der, serial.end, tbs.end);
  if (sigAlg === null || sigAlg.tag !== SEQUENCE) return { kind: 'invalid', reason: 'x509-bad-signature-algorithm' };
  const issuer = tlv(der, sigAlg.end, tbs.end);
  if (issuer === null || issuer.tag !== SEQUENCE) return { kind: 'invalid', reason: 'x509-bad-issuer' };
  const validity = tlv(der, issuer.end, tbs.end);
  if (validity === null || validity.tag !== SEQUENCE) return { kind: 'invalid', reason: 'x509-bad-validity' };
  const subject = tlv(der, validity.end, tbs.end);
  if (subject === null || subject.tag !== SEQUENCE) return { kind: 'invalid', reason: 'x509-bad-subject' };
  const issuerAttrs = readName(der, issuer);
  const subjectAttrs = readName(der, subject);
  if (issuerAttrs === null || subjectAttrs === null) return { kind: 'invalid', reason: 'x509-bad-name' };
  return {
    kind: 'done',
    value: {
      subjectOrg: subjectAttrs.o,
      subjectCountry: subjectAttrs.c,
      subjectCommonName: subjectAttrs.cn,
      issuerOrg: issuerAttrs.o,
    },
  };
}

/** A TLV whose content may run past `limit` (the certificate cut short): its end is then bounded to `limit`. */
function tlvOrCut(b: Uint8Array, off: number, limit: number): Tlv | null {
  const whole = tlv(b, off, limit);
  if (whole !== null) return whole;
  const cut = tlv(b, off, Number.MAX_SAFE_INTEGER);
  return cut === null || cut.start > limit ? null : { tag: cut.tag, start: cut.start, end: limit };
}

interface NameAttrs {
  o: string | null;
  c: string | null;
  cn: string | null;
}

/** The first O, C and CN of a Name, or null when its structure is broken. */
function readName(b: Uint8Array, name: Tlv): NameAttrs | null {
  const out: NameAttrs = { o: null, c: null, cn: null };
  let seen = 0;
  for (let off = name.start; off < name.end; ) {
    const rdn = tlv(b, off, name.end);
    if (rdn === null || rdn.tag !== SET) return null;
    for (let a = rdn.start; a < rdn.end; ) {
      const atv = tlv(b, a, rdn.end);
      if (atv === null || atv.tag !== SEQUENCE || ++seen > MAX_ATTRIBUTES) return null;
      const type = tlv(b, atv.start, atv.end);
      if (type === null || type.tag !== OID) return null;
      const value = tlv(b, type.end, atv.end);
      if (value === null) return null;
      const at = idAt(b, type);
      if (at === AT_ORGANIZATION && out.o === null) out.o = decodeValue(b, value);
      else if (at === AT_COUNTRY && out.c === null) out.c = decodeValue(b, value);
      else if (at === AT_COMMON_NAME && out.cn === null) out.cn = decodeValue(b, value);
      a = atv.end;
    }
    off = rdn.end;
  }
  return out;
}

/** x for an id-at OID 2.5.4.x (DER content 55 04 xx), else -1. */
function idAt(b: Uint8Array, oid: Tlv): number {
  if (oid.end - oid.start !== 3 || b[oid.start] !== 0x55 || b[oid.start + 1] !== 0x04) return -1;
  return b[oid.start + 2] ?? -1;
}

/**
 * A DirectoryString (RFC 5280 §4.1.2.4) as safe text, or null when empty. TeletexString is read as Latin-1 (what
 * certificate software in practice puts there); an unknown string type is read as Latin-1 too, then escaped.
 */
function decodeValue(b: Uint8Array, v: Tlv): string | null {
  const bytes = b.subarray(v.start, Math.min(v.end, v.start + MAX_ATTRIBUTE_CHARS * 4));
  let text: string;
  switch (v.tag) {
    case 0x0c: // UTF8String
      text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
      break;
    case 0x1e: // BMPString: UCS-2 big-endian
      text = utf16be(bytes);
      break;
    case 0x1c: // UniversalString: UCS-4 big-endian
      text = ucs4be(bytes);
      break;
    default: // PrintableString, IA5String, VisibleString, TeletexString, anything else
      text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  }
  const safe = toSafeText(text, MAX_ATTRIBUTE_CHARS);
  return safe === '' ? null : safe;
}

function utf16be(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < b.length; i += 2) out += String.fromCharCode(((b[i] ?? 0) << 8) | (b[i + 1] ?? 0));
  return out;
}

function ucs4be(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 3 < b.length; i += 4) {
    const cp = (((b[i] ?? 0) << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0)) >>> 0;
    out += cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
  }
  return out;
}
