/**
 * Builds a TLS server's first flight for tests: ServerHello (RFC 5246 §7.4.1.3, RFC 8446 §4.1.3), Certificate
 * (RFC 5246 §7.4.2) and ServerHelloDone, and the X.509 certificates it carries, written in DER by hand (RFC 5280
 * §4.1): node:crypto can make keys but not certificates. The certificates are well-formed (node:crypto's
 * X509Certificate reads them) but their signatures are filler: nothing here is meant to verify.
 */
import { u16 } from './tls-client-hello-builder.js';

/** A Name attribute: a short type (C, O, CN, OU, ST, L) or a dotted OID, its value and optionally its string tag. */
export interface NameAttribute {
  type: string;
  /** Text (encoded per `tag`) or raw value bytes (hostile tests). */
  value: string | Uint8Array;
  /** DER string tag: 0x0c UTF8String (default), 0x13 PrintableString, 0x1e BMPString, 0x14 TeletexString, ... */
  tag?: number;
}

export interface CertificateSpec {
  /** One RDN per attribute, in order (as certificates usually have). */
  subject?: NameAttribute[];
  issuer?: NameAttribute[];
  serial?: number;
  /** subjectAltName dNSNames: real server certificates carry dozens, which makes them 2–5 KB. */
  sanNames?: string[];
  /** DER SubjectPublicKeyInfo; defaults to a fixed P-256 key. */
  spki?: Uint8Array;
}

/** A valid P-256 SubjectPublicKeyInfo (a public key generated once with node:crypto; nothing secret). */
const DEFAULT_SPKI = Buffer.from(
  '3059301306072a8648ce3d020106082a8648ce3d03010703420004ac32db3049084ffb64782bd7d194786aec418033887b69eac6a61c08' +
    'e14fba403e22c143739454621c777bc34cf8ccbe1d0b8b48eb02ed109ada3f55a00d1c7b',
  'hex',
);

const SHORT_TYPES: Record<string, string> = {
  CN: '2.5.4.3',
  C: '2.5.4.6',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  O: '2.5.4.10',
  OU: '2.5.4.11',
};

/** DER length octets (X.690 §8.1.3): short form below 128, else long form. */
export function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

export function der(tag: number, content: number[] | Uint8Array): number[] {
  const c = [...content];
  return [tag, ...derLength(c.length), ...c];
}

function oid(dotted: string): number[] {
  const parts = dotted.split('.').map(Number);
  const out = [(parts[0] ?? 0) * 40 + (parts[1] ?? 0)];
  for (const p of parts.slice(2)) {
    const groups: number[] = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) groups.unshift(0x80 | (v & 0x7f));
    out.push(...groups);
  }
  return der(0x06, out);
}

function valueBytes(a: NameAttribute): number[] {
  if (typeof a.value !== 'string') return [...a.value];
  const tag = a.tag ?? 0x0c;
  if (tag === 0x1e) return [...a.value].flatMap((ch) => u16(ch.charCodeAt(0)));
  return [...Buffer.from(a.value, tag === 0x0c ? 'utf8' : 'latin1')];
}

export function derName(attrs: NameAttribute[]): number[] {
  const rdns = attrs.flatMap((a) =>
    der(0x31, der(0x30, [...oid(SHORT_TYPES[a.type] ?? a.type), ...der(a.tag ?? 0x0c, valueBytes(a))])),
  );
  return der(0x30, rdns);
}

/** DER INTEGER content of a non-negative number: minimal, with a 0 byte before a high bit (X.690 §8.3.2). */
function positiveInteger(n: number): number[] {
  const out: number[] = [];
  for (let v = Math.max(0, Math.floor(n)); v > 0 || out.length === 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return (out[0] ?? 0) & 0x80 ? [0, ...out] : out;
}

const ECDSA_SHA256 = der(0x30, oid('1.2.840.10045.4.3.2'));

/** A DER X.509 v3 certificate with the given names (see the file comment about its signature). */
export function buildCertificate(spec: CertificateSpec = {}): Uint8Array {
  const subject = spec.subject ?? [
    { type: 'C', value: 'US', tag: 0x13 },
    { type: 'O', value: 'Example Corp' },
    { type: 'CN', value: 'www.example.com' },
  ];
  const issuer = spec.issuer ?? [
    { type: 'C', value: 'US', tag: 0x13 },
    { type: 'O', value: 'Example Trust Services' },
    { type: 'CN', value: 'Example CA 1' },
  ];
  const serial = spec.serial ?? 0x1234;
  const extensions: number[] = [];
  if (spec.sanNames !== undefined && spec.sanNames.length > 0) {
    const names = spec.sanNames.flatMap((n) => der(0x82, [...Buffer.from(n, 'latin1')]));
    extensions.push(...der(0x30, [...oid('2.5.29.17'), ...der(0x04, der(0x30, names))]));
  }
  const tbs = der(0x30, [
    ...der(0xa0, der(0x02, [2])),
    ...der(0x02, positiveInteger(serial)),
    ...ECDSA_SHA256,
    ...derName(issuer),
    ...der(0x30, [...der(0x17, [...Buffer.from('260101000000Z')]), ...der(0x17, [...Buffer.from('361231235959Z')])]),
    ...derName(subject),
    ...(spec.spki ?? DEFAULT_SPKI),
    ...(extensions.length > 0 ? der(0xa3, der(0x30, extensions)) : []),
  ]);
  const r = new Array<number>(32).fill(0x11);
  const s = new Array<number>(32).fill(0x22);
  const signature = der(0x03, [0, ...der(0x30, [...der(0x02, r), ...der(0x02, s)])]);
  return Uint8Array.from(der(0x30, [...tbs, ...ECDSA_SHA256, ...signature]));
}

export interface ServerHelloSpec {
  legacyVersion?: number;
  /** Adds supported_versions with this selected version (0x0304 for TLS 1.3). */
  selectedVersion?: number;
  sessionIdLength?: number;
  cipherSuite?: number;
  /** Omit the extensions block (pre-TLS 1.2 style). */
  noExtensions?: boolean;
}

function u24(n: number): number[] {
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** A handshake message: type, 24-bit length, body. */
export function handshakeMessage(type: number, body: number[] | Uint8Array): Uint8Array {
  const b = [...body];
  return Uint8Array.from([type, ...u24(b.length), ...b]);
}

export function buildServerHello(spec: ServerHelloSpec = {}): Uint8Array {
  const sid = Array.from({ length: spec.sessionIdLength ?? 32 }, (_, i) => (i * 7 + 3) & 0xff);
  const exts: number[] = [...u16(0xff01), ...u16(1), 0]; // renegotiation_info
  if (spec.selectedVersion !== undefined) exts.push(...u16(43), ...u16(2), ...u16(spec.selectedVersion));
  const body = [
    ...u16(spec.legacyVersion ?? 0x0303),
    ...Array.from({ length: 32 }, (_, i) => (i * 13 + 1) & 0xff),
    sid.length,
    ...sid,
    ...u16(spec.cipherSuite ?? 0xc02f),
    0,
    ...(spec.noExtensions ? [] : [...u16(exts.length), ...exts]),
  ];
  return handshakeMessage(2, body);
}

/** Certificate message (RFC 5246 §7.4.2): the chain, leaf first. */
export function buildCertificateMessage(chain: Uint8Array[]): Uint8Array {
  const list = chain.flatMap((c) => [...u24(c.length), ...c]);
  return handshakeMessage(11, [...u24(list.length), ...list]);
}

export const SERVER_HELLO_DONE = handshakeMessage(14, []);

export interface ServerFlightSpec {
  hello?: ServerHelloSpec;
  /** The chain, leaf first; defaults to one certificate from buildCertificate(). */
  chain?: Uint8Array[];
}

/** ServerHello + Certificate + ServerHelloDone as one handshake byte string (wrap it with toRecords). */
export function buildServerFlight(spec: ServerFlightSpec = {}): Uint8Array {
  const parts = [
    buildServerHello(spec.hello),
    buildCertificateMessage(spec.chain ?? [buildCertificate()]),
    SERVER_HELLO_DONE,
  ];
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}
