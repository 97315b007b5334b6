/**
 * TLS protocol version numbers as short names for reports. Values from RFC 8446 §4.2.1 / Appendix B, the TLS 1.3
 * drafts (0x7f00 + draft number, draft-ietf-tls-tls13 §4.2.1), DTLS (RFC 6347 §4.1, RFC 9147 §5.3) and GREASE
 * (RFC 8701 §2: 0x0a0a, 0x1a1a, ... 0xfafa), which is noise a client adds on purpose and is not a version.
 */

const NAMES: ReadonlyMap<number, string> = new Map([
  [0x0002, 'ssl2'],
  [0x0300, 'ssl3'],
  [0x0301, '1.0'],
  [0x0302, '1.1'],
  [0x0303, '1.2'],
  [0x0304, '1.3'],
  [0xfeff, 'dtls1.0'],
  [0xfefd, 'dtls1.2'],
  [0xfefc, 'dtls1.3'],
]);

/** RFC 8701 §2: both bytes equal, low nibble 0xa. */
export function isGrease(v: number): boolean {
  return (v & 0x0f0f) === 0x0a0a && v >> 8 === (v & 0xff);
}

/** "1.3", "1.2", "ssl3", "1.3-draft-23", ...; null for GREASE; "0x7e02"-style hex for anything unknown. */
export function tlsVersionName(v: number): string | null {
  if (isGrease(v)) return null;
  const known = NAMES.get(v);
  if (known !== undefined) return known;
  // TLS 1.3 drafts used 0x7f00 | draft; Facebook's early deployment used 0xfb00 | draft (as tshark names them).
  if (v >> 8 === 0x7f && (v & 0xff) > 0) return `1.3-draft-${v & 0xff}`;
  if (v >> 8 === 0xfb && (v & 0xff) > 0) return `1.3-fb-draft-${v & 0xff}`;
  return `0x${(v & 0xffff).toString(16).padStart(4, '0')}`;
}
