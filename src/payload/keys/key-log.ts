/**
 * NSS key log text (the SSLKEYLOGFILE format written by browsers, curl, OpenSSL, Go, rustls and many more):
 *
 *   # comment
 *   CLIENT_RANDOM <64 hex: ClientHello.random> <96 hex: TLS 1.2 master secret>
 *   CLIENT_TRAFFIC_SECRET_0 <64 hex: ClientHello.random> <64 or 96 hex: TLS 1.3 / QUIC secret>
 *
 * Damage is counted, never fatal: a key log is often hand-copied or concatenated from several runs, and one bad
 * line must not cost the others. Lines with labels we have no use for (RSA premaster entries, future labels)
 * are counted as ignored, not as bad.
 */
import type { SecretLabel } from '../types.js';
import { decodeHex } from './hex.js';

export interface KeyLogEntry {
  label: SecretLabel;
  /** ClientHello.random, 32 bytes. */
  clientRandom: Uint8Array;
  secret: Uint8Array;
}

export interface KeyLogBadLine {
  /** 1-based line number in the text. */
  line: number;
  reason: string;
}

export interface KeyLogParse {
  entries: KeyLogEntry[];
  /** The first MAX_BAD_LINE_EXAMPLES bad lines; badCount counts them all. */
  badLines: KeyLogBadLine[];
  badCount: number;
  /** Well-formed lines with a label we do not use, and lines past MAX_KEY_LOG_ENTRIES. */
  ignoredCount: number;
}

/** Bad lines kept with their reason (the rest are only counted). */
export const MAX_BAD_LINE_EXAMPLES = 5;
/** Entries read from one text at most: bounds memory for a hostile or runaway key log. */
export const MAX_KEY_LOG_ENTRIES = 1_000_000;

export const CLIENT_RANDOM_BYTES = 32;
export const TLS12_MASTER_SECRET_BYTES = 48;

/** Labels we read, with the secret lengths each may have (TLS 1.3 secrets are SHA-256 or SHA-384 sized). */
const SECRET_LENGTHS: Record<SecretLabel, readonly number[]> = {
  CLIENT_RANDOM: [TLS12_MASTER_SECRET_BYTES],
  CLIENT_EARLY_TRAFFIC_SECRET: [32, 48],
  CLIENT_HANDSHAKE_TRAFFIC_SECRET: [32, 48],
  SERVER_HANDSHAKE_TRAFFIC_SECRET: [32, 48],
  CLIENT_TRAFFIC_SECRET_0: [32, 48],
  SERVER_TRAFFIC_SECRET_0: [32, 48],
  EXPORTER_SECRET: [32, 48],
};

/**
 * Early QUIC stacks (quicly, ngtcp2 for drafts up to 22 or so) prefixed the TLS 1.3 labels with "QUIC_"; the
 * secrets mean the same, so they are read under the standard names (Wireshark does the same).
 */
const QUIC_PREFIX = 'QUIC_';

function knownLabel(label: string): SecretLabel | null {
  if (Object.hasOwn(SECRET_LENGTHS, label)) return label as SecretLabel;
  if (label.startsWith(QUIC_PREFIX) && label !== `${QUIC_PREFIX}CLIENT_RANDOM`) {
    const bare = label.slice(QUIC_PREFIX.length);
    if (Object.hasOwn(SECRET_LENGTHS, bare)) return bare as SecretLabel;
  }
  return null;
}

/** Splits on runs of spaces and tabs (hand-edited logs sometimes use tabs or double spaces). */
const FIELD_SEPARATOR = /[ \t]+/;
/** Labels are upper-case words; anything else on a line is not a key log line at all. */
const LABEL_SHAPE = /^[A-Z][A-Z0-9_]*$/;

export function parseKeyLog(text: string): KeyLogParse {
  const result: KeyLogParse = { entries: [], badLines: [], badCount: 0, ignoredCount: 0 };
  const bad = (line: number, reason: string): void => {
    result.badCount++;
    if (result.badLines.length < MAX_BAD_LINE_EXAMPLES) result.badLines.push({ line, reason });
  };
  let lineNo = 0;
  let start = 0;
  // A BOM (Windows editors) would otherwise glue itself to the first label.
  if (text.charCodeAt(0) === 0xfeff) start = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(FIELD_SEPARATOR);
    const [labelText = '', randomHex = '', secretHex = ''] = fields;
    if (!LABEL_SHAPE.test(labelText)) {
      bad(lineNo, 'not a key log line (expected LABEL <client random> <secret>)');
      continue;
    }
    const label = knownLabel(labelText);
    if (label === null) {
      result.ignoredCount++;
      continue;
    }
    if (fields.length !== 3) {
      bad(lineNo, `${labelText}: expected 3 fields, found ${fields.length}`);
      continue;
    }
    const clientRandom = decodeHex(randomHex);
    if (clientRandom === null) {
      bad(lineNo, `${labelText}: client random is not hexadecimal`);
      continue;
    }
    if (clientRandom.length !== CLIENT_RANDOM_BYTES) {
      bad(lineNo, `${labelText}: client random is ${clientRandom.length} bytes, expected ${CLIENT_RANDOM_BYTES}`);
      continue;
    }
    const secret = decodeHex(secretHex);
    if (secret === null) {
      bad(lineNo, `${labelText}: secret is not hexadecimal`);
      continue;
    }
    const lengths = SECRET_LENGTHS[label];
    if (!lengths.includes(secret.length)) {
      bad(lineNo, `${labelText}: secret is ${secret.length} bytes, expected ${lengths.join(' or ')}`);
      continue;
    }
    if (result.entries.length >= MAX_KEY_LOG_ENTRIES) {
      result.ignoredCount++;
      continue;
    }
    result.entries.push({ label, clientRandom, secret });
  }
  return result;
}
