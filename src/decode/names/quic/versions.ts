/**
 * The QUIC versions whose Initial packets we can decrypt, and their Initial protection constants.
 *
 * Sources for the salts: RFC 9001 §5.2 (v1), RFC 9369 §3.3.1 (v2), draft-ietf-quic-tls-22/-23/-29 §5.2; the
 * Facebook mvfst and Google T050/T051 salts as Wireshark's epan/dissectors/packet-quic.c lists them
 * (handshake_salt_draft_22/_23, hanshake_salt_draft_t50/_t51), each confirmed by a verifying AEAD tag on real
 * captures (nDPI test captures quic-mvfst-22/-27/-exp, quic_t50, quic_t51).
 */

import type { FrameDialect } from './frames.js';

/** Version-specific constants for Initial protection (RFC 9001 §5.2, RFC 9369 §3.3, drafts' §5.2). */
export interface QuicVersionInfo {
  version: number;
  name: string;
  /** Initial salt for HKDF-Extract. */
  salt: Uint8Array;
  /** HKDF-Expand-Label labels for key, iv and header protection key. */
  keyLabel: string;
  ivLabel: string;
  hpLabel: string;
  /** Long-header type bits (0..3) of Initial, 0-RTT, Handshake and Retry packets. */
  types: { initial: number; zeroRtt: number; handshake: number; retry: number };
  /** Frame type numbers inside Initial packets: RFC 9000 §19, or gQUIC's for T050/T051 (frames.ts). */
  frames: FrameDialect;
}

export const QUIC_V1 = 0x00000001;
export const QUIC_V2 = 0x6b3343cf;

/** RFC 9001 §5.2; also drafts 33 and 34, which already used the final salt. */
const SALT_V1 = Buffer.from('38762cf7f55934b34d179ae6a4c80cadccbb7f0a', 'hex');
/** RFC 9369 §3.3.1. */
const SALT_V2 = Buffer.from('0dede3def700a6db819381be6e269dcbf9bd2ed9', 'hex');
/** draft-ietf-quic-tls-29 to -32 §5.2. */
const SALT_D29 = Buffer.from('afbfec289993d24c9e9786f19c6111e04390a899', 'hex');
/** draft-ietf-quic-tls-23 to -28 §5.2. */
const SALT_D23 = Buffer.from('c3eef712c72ebb5a11a7d2432bb46365bef9f502', 'hex');
/** draft-ietf-quic-tls-22 §5.2. */
const SALT_D22 = Buffer.from('7fbcdb0e7c66bbe9193a96cd21519ebd7a02644a', 'hex');
/** Google QUIC T050 and T051 (TLS handshake in IETF-style packets); no spec, values from Wireshark. */
const SALT_T050 = Buffer.from('7ff579e5acd072915580304c43a2367c60488310', 'hex');
const SALT_T051 = Buffer.from('7a4edef4e7ccee5fa4506c19124fc8ccda6e033d', 'hex');

const V1_TYPES = { initial: 0, zeroRtt: 1, handshake: 2, retry: 3 };
/** Initial type bits assumed for a version outside the table (the v1 invariant layout). */
export const TRIAL_INITIAL_TYPE = V1_TYPES.initial;
/** RFC 9369 §3.2: every v2 long-header type value is different. */
const V2_TYPES = { initial: 1, zeroRtt: 2, handshake: 3, retry: 0 };

function v1Like(version: number, name: string, salt: Uint8Array): QuicVersionInfo {
  const labels = { keyLabel: 'quic key', ivLabel: 'quic iv', hpLabel: 'quic hp' };
  return { version, name, salt, ...labels, types: V1_TYPES, frames: 'ietf' };
}

function v2Like(version: number, name: string): QuicVersionInfo {
  const labels = { keyLabel: 'quicv2 key', ivLabel: 'quicv2 iv', hpLabel: 'quicv2 hp' };
  return { version, name, salt: SALT_V2, ...labels, types: V2_TYPES, frames: 'ietf' };
}

const VERSIONS = new Map<number, QuicVersionInfo>([
  [QUIC_V1, v1Like(QUIC_V1, 'v1', SALT_V1)],
  [QUIC_V2, v2Like(QUIC_V2, 'v2')],
  // Facebook mvfst: 0xfaceb001 is draft-22 based, 0xfaceb002 draft-27 based; 0xfaceb00e (experimental) also
  // uses the draft-23..28 salt (Wireshark: quic_draft_version() maps it to 27).
  [0xfaceb001, v1Like(0xfaceb001, 'mvfst-22', SALT_D22)],
  [0xfaceb002, v1Like(0xfaceb002, 'mvfst-27', SALT_D23)],
  [0xfaceb00e, v1Like(0xfaceb00e, 'mvfst-exp', SALT_D23)],
  // Google T050/T051: IETF long headers, CRYPTO frames and TLS 1.3, with Google's own salts.
  [0x54303530, { ...v1Like(0x54303530, 'T050', SALT_T050), frames: 'gquic' }],
  [0x54303531, { ...v1Like(0x54303531, 'T051', SALT_T051), frames: 'gquic' }],
]);
// IETF drafts 22 to 34 (0xff000016..0xff000022); the draft number is the low byte. Their Initial packets have
// the v1 layout and labels; only the salt changed (22, 23-28, 29-32, then the final one in 33-34).
for (let draft = 22; draft <= 34; draft++) {
  const salt = draft === 22 ? SALT_D22 : draft <= 28 ? SALT_D23 : draft <= 32 ? SALT_D29 : SALT_V1;
  const version = (0xff000000 | draft) >>> 0;
  VERSIONS.set(version, v1Like(version, `draft-${draft}`, salt));
}

/** Constants for a version in the table, or undefined. */
export function quicVersionInfo(version: number): QuicVersionInfo | undefined {
  return VERSIONS.get(version >>> 0);
}

/**
 * RFC 9000 §15: versions matching 0x?a?a?a?a are reserved to exercise version negotiation. Clients send them
 * (e.g. the QUIC interop runner's "V" test) with a real Initial inside, protected with a real version's keys.
 */
export function isReservedVersion(v: number): boolean {
  return ((v >>> 0) & 0x0f0f0f0f) >>> 0 === 0x0a0a0a0a;
}

/**
 * Unknown versions we still try: not version negotiation (0), not Google Q0xx (gQUIC crypto handshake, no TLS
 * ClientHello) and not IETF drafts before 22 (other header and salt layouts). Reserved, future and vendor
 * versions are assumed to follow the v1 invariant layout (RFC 8999) and the v1 Initial type bits.
 */
export function isTrialVersion(v: number): boolean {
  if (v === 0) return false;
  if (v >>> 24 === 0x51) return false;
  if ((v & 0xffffff00) >>> 0 === 0xff000000) return false;
  return true;
}

/**
 * Salts/labels tried, in this order, for a version the table does not know. v1 first (today's clients), then
 * draft-29 (what Wireshark assumes for reserved versions, and the interop-era default), draft-23 and draft-22,
 * then v2's salt and labels. The AEAD tag decides: keys from a wrong salt cannot produce a valid packet.
 */
const TRIAL_SALTS: readonly (readonly [string, Uint8Array])[] = [
  ['v1', SALT_V1],
  ['draft-29', SALT_D29],
  ['draft-23', SALT_D23],
  ['draft-22', SALT_D22],
];

/**
 * The key sets to try for a version: the table's one for a known version, several for an unknown version we
 * try (all with v1 type bits), none for a version we cannot decrypt.
 */
export function initialKeyCandidates(v: number): readonly QuicVersionInfo[] {
  const version = v >>> 0;
  const known = VERSIONS.get(version);
  if (known !== undefined) return [known];
  if (!isTrialVersion(version)) return [];
  const hex = quicVersionName(version);
  const out = TRIAL_SALTS.map(([name, salt]) => v1Like(version, `${hex} (${name} keys)`, salt));
  out.push({ ...v2Like(version, `${hex} (v2 keys)`), types: V1_TYPES });
  return out;
}

/** Human name of a version: "v1", "v2", "draft-29", "mvfst-27", "Q050"/"T051" (Google), "negotiation", else hex. */
export function quicVersionName(v: number): string {
  const version = v >>> 0;
  const known = VERSIONS.get(version);
  if (known !== undefined) return known.name;
  if (version === 0) return 'negotiation';
  if ((version & 0xffffff00) >>> 0 === 0xff000000) return `draft-${version & 0xff}`;
  const hi = version >>> 24;
  const digits = [(version >>> 16) & 0xff, (version >>> 8) & 0xff, version & 0xff];
  // Google QUIC versions spell "Q050" or "T051" in ASCII.
  if ((hi === 0x51 || hi === 0x54) && digits.every((d) => d >= 0x30 && d <= 0x39)) {
    return String.fromCharCode(hi, ...digits);
  }
  return `0x${version.toString(16).padStart(8, '0')}`;
}
