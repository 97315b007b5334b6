/**
 * The parts of ClientHello and ServerHello decryption needs (RFC 8446 §4.1.2-4.1.4, RFC 5246 §7.4.1): the
 * randoms, the negotiated version and suite, and the extensions that change record protection. Every read is
 * bounds-checked; a malformed hello gives null.
 */

export const EXT_EARLY_DATA = 42;
export const EXT_SUPPORTED_VERSIONS = 43;
export const EXT_ENCRYPT_THEN_MAC = 22;

export const VERSION_TLS12 = 0x0303;
export const VERSION_TLS13 = 0x0304;

/** ServerHello.random of a HelloRetryRequest: SHA-256("HelloRetryRequest") (RFC 8446 §4.1.3). */
const HRR_RANDOM = Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex');

export interface ClientHelloInfo {
  random: Uint8Array;
  /** The client offers 0-RTT data (early_data extension). */
  earlyData: boolean;
}

export interface ServerHelloInfo {
  random: Uint8Array;
  /** The negotiated version: supported_versions when present (TLS 1.3), else legacy_version. */
  version: number;
  cipherSuite: number;
  /** RFC 7366 encrypt_then_mac echoed (only matters for CBC suites). */
  encryptThenMac: boolean;
  helloRetryRequest: boolean;
}

/** A bounds-checked reader over one message body. */
class Cursor {
  off = 0;
  constructor(readonly b: Uint8Array) {}
  has(n: number): boolean {
    return this.off + n <= this.b.length;
  }
  u8(): number {
    return this.b[this.off++] ?? 0;
  }
  u16(): number {
    const v = ((this.b[this.off] ?? 0) << 8) | (this.b[this.off + 1] ?? 0);
    this.off += 2;
    return v;
  }
  bytes(n: number): Uint8Array {
    const v = this.b.slice(this.off, this.off + n);
    this.off += n;
    return v;
  }
  /** Skips a vector with an n-byte length; false when it runs past the end. */
  skipVector(lengthBytes: 1 | 2): boolean {
    if (!this.has(lengthBytes)) return false;
    const n = lengthBytes === 1 ? this.u8() : this.u16();
    if (!this.has(n)) return false;
    this.off += n;
    return true;
  }
}

/** Calls onExtension for each extension of the block at the cursor; false when the block is malformed. */
function readExtensions(c: Cursor, onExtension: (type: number, body: Uint8Array) => void): boolean {
  if (!c.has(2)) return true; // no extensions block at all (pre-TLS 1.2 style hellos)
  const total = c.u16();
  if (!c.has(total)) return false;
  const end = c.off + total;
  while (c.off + 4 <= end) {
    const type = c.u16();
    const length = c.u16();
    if (c.off + length > end) return false;
    onExtension(type, c.b.subarray(c.off, c.off + length));
    c.off += length;
  }
  return c.off === end;
}

export function parseClientHello(body: Uint8Array): ClientHelloInfo | null {
  const c = new Cursor(body);
  if (!c.has(2 + 32)) return null;
  c.u16(); // legacy_version
  const random = c.bytes(32);
  if (!c.skipVector(1) || !c.skipVector(2) || !c.skipVector(1)) return null; // session id, suites, compression
  let earlyData = false;
  const ok = readExtensions(c, (type) => {
    if (type === EXT_EARLY_DATA) earlyData = true;
  });
  return ok ? { random, earlyData } : null;
}

export function parseServerHello(body: Uint8Array): ServerHelloInfo | null {
  const c = new Cursor(body);
  if (!c.has(2 + 32)) return null;
  const legacyVersion = c.u16();
  const random = c.bytes(32);
  if (!c.skipVector(1) || !c.has(3)) return null; // session id; suite and compression method follow
  const cipherSuite = c.u16();
  c.u8();
  let version = legacyVersion;
  let encryptThenMac = false;
  const ok = readExtensions(c, (type, ext) => {
    if (type === EXT_SUPPORTED_VERSIONS && ext.length === 2) version = ((ext[0] ?? 0) << 8) | (ext[1] ?? 0);
    else if (type === EXT_ENCRYPT_THEN_MAC) encryptThenMac = true;
  });
  if (!ok) return null;
  return {
    random,
    version,
    cipherSuite,
    encryptThenMac,
    helloRetryRequest: Buffer.compare(random, HRR_RANDOM) === 0,
  };
}

/** Whether EncryptedExtensions accepts 0-RTT data (early_data present, RFC 8446 §4.2.10); null when malformed. */
export function encryptedExtensionsAcceptEarlyData(body: Uint8Array): boolean | null {
  let earlyData = false;
  const ok = readExtensions(new Cursor(body), (type) => {
    if (type === EXT_EARLY_DATA) earlyData = true;
  });
  return ok ? earlyData : null;
}

/** "TLS 1.1 (0x0302)" for reasons. */
export function describeVersion(version: number): string {
  const names: Record<number, string> = {
    768: 'SSL 3.0',
    769: 'TLS 1.0',
    770: 'TLS 1.1',
    771: 'TLS 1.2',
    772: 'TLS 1.3',
  };
  const hex = `0x${version.toString(16).padStart(4, '0')}`;
  const name = names[version] ?? ((version & 0xff00) === 0x7f00 ? `TLS 1.3 draft ${version & 0xff}` : undefined);
  return name === undefined ? hex : `${name} (${hex})`;
}
