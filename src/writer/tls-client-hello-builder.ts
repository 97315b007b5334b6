/**
 * Builds TLS ClientHellos for tests (RFC 8446 §4.1.2 layout), with a Chrome-like extension set: GREASE, SNI,
 * ALPN, supported_versions, ECH and a post-quantum X25519MLKEM768 key share (group 0x11ec, 1184 + 32 bytes,
 * draft-ietf-tls-ecdhe-mlkem §4) that pushes the message to about 1.9 KB.
 */

export interface ClientHelloSpec {
  legacyVersion?: number;
  sni?: string | Uint8Array | null;
  alpn?: string[];
  versions?: number[];
  ech?: boolean;
  grease?: boolean;
  /** Adds an X25519MLKEM768 + X25519 key_share (about 1.3 KB). */
  pqKeyShare?: boolean;
  sessionIdLength?: number;
  /** Omit the extensions block entirely (pre-TLS 1.2 style). */
  noExtensions?: boolean;
}

export const GREASE_EXT = 0x0a0a;
export const EXT_KEY_SHARE = 51;

export function u16(n: number): number[] {
  return [(n >> 8) & 0xff, n & 0xff];
}

function vec16(body: number[]): number[] {
  return [...u16(body.length), ...body];
}

function vec8(body: number[]): number[] {
  return [body.length & 0xff, ...body];
}

function ext(type: number, body: number[]): number[] {
  return [...u16(type), ...vec16(body)];
}

function bytesOf(s: string | Uint8Array): number[] {
  return typeof s === 'string' ? [...Buffer.from(s, 'latin1')] : [...s];
}

/** Deterministic filler so builds are reproducible. */
function filler(n: number, seed: number): number[] {
  return Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
}

export function buildClientHelloBody(spec: ClientHelloSpec = {}): number[] {
  const exts: number[] = [];
  if (spec.grease) exts.push(...ext(GREASE_EXT, []));
  if (spec.sni !== null) {
    const host = bytesOf(spec.sni ?? 'example.com');
    exts.push(...ext(0, vec16([0, ...vec16(host)])));
  }
  exts.push(...ext(23, [])); // extended_master_secret
  exts.push(...ext(10, vec16([...(spec.grease ? u16(0x1a1a) : []), ...u16(0x11ec), ...u16(0x001d)]))); // groups
  if (spec.alpn !== undefined) {
    exts.push(...ext(16, vec16(spec.alpn.flatMap((p) => vec8(bytesOf(p))))));
  }
  if (spec.versions !== undefined) exts.push(...ext(43, vec8(spec.versions.flatMap(u16))));
  if (spec.pqKeyShare) {
    const shares = [...u16(0x11ec), ...vec16(filler(1216, 7)), ...u16(0x001d), ...vec16(filler(32, 9))];
    exts.push(...ext(EXT_KEY_SHARE, vec16(shares)));
  }
  exts.push(...ext(13, vec16([0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601].flatMap(u16))));
  exts.push(...ext(45, vec8([1]))); // psk_key_exchange_modes: psk_dhe_ke
  exts.push(...ext(27, vec8(u16(2)))); // compress_certificate: brotli
  exts.push(...ext(17513, vec16(vec8(bytesOf('h2'))))); // application_settings
  exts.push(...ext(0xff01, [0])); // renegotiation_info
  if (spec.ech) exts.push(...ext(0xfe0d, filler(282, 3)));
  if (spec.grease) exts.push(...ext(0xdada, [0]));
  // RFC 7685 padding, as BoringSSL adds to keep hellos out of the 256–511 byte range some servers choke on.
  if (spec.pqKeyShare) exts.push(...ext(21, new Array(96).fill(0)));
  const sid = filler(spec.sessionIdLength ?? 32, 5);
  const suites = [...(spec.grease ? u16(0x3a3a) : []), ...u16(0x1301), ...u16(0x1302), ...u16(0xc02b)];
  // Chrome also offers 12 TLS 1.2 suites; a few realistic ones keep the size near a real hello.
  if (spec.pqKeyShare) suites.push(...[0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c].flatMap(u16));
  return [
    ...u16(spec.legacyVersion ?? 0x0303),
    ...filler(32, 1),
    ...vec8(sid),
    ...vec16(suites),
    ...vec8([0]),
    ...(spec.noExtensions ? [] : vec16(exts)),
  ];
}

/** Handshake message: type 1, 24-bit length, body. */
export function buildClientHello(spec: ClientHelloSpec = {}): Uint8Array {
  const body = buildClientHelloBody(spec);
  const n = body.length;
  return Uint8Array.from([1, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff, ...body]);
}

/** Wraps a handshake message in TLS records of at most `fragment` bytes each (RFC 8446 §5.1). */
export function toRecords(hs: Uint8Array, fragment = 16_384, recordVersion = 0x0301): Uint8Array {
  const out: number[] = [];
  for (let off = 0; off < hs.length; off += fragment) {
    const part = hs.subarray(off, Math.min(hs.length, off + fragment));
    out.push(22, ...u16(recordVersion), ...u16(part.length), ...part);
  }
  return Uint8Array.from(out);
}

/** Wraps with explicit record sizes (the last one takes the rest). */
export function toRecordsSized(hs: Uint8Array, sizes: number[]): Uint8Array {
  const out: number[] = [];
  let off = 0;
  for (let i = 0; off < hs.length; i++) {
    const size = i < sizes.length ? (sizes[i] ?? 1) : hs.length - off;
    const part = hs.subarray(off, Math.min(hs.length, off + size));
    out.push(22, 3, 1, ...u16(part.length), ...part);
    off += part.length;
  }
  return Uint8Array.from(out);
}
