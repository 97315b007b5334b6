/**
 * Hostnames from packets (SNI, Host headers, DNS owner names) are attacker-chosen bytes. `toSafeName` turns them
 * into a string that is safe to pass on: lower-case LDH names stay as they are, every other byte is written as
 * \xNN (so terminal escapes, markup and spreadsheet formulas can never come through raw) and the name is flagged.
 *
 * The escaping is idempotent for string input: "\xNN" in a string (lower-case hex, as escapeField writes it) is
 * read back as the byte it stands for when that byte would be escaped anyway, so a value escaped upstream (an
 * HTTP Host header) is not escaped twice. A literal "\x1b" text is thus shown like a real ESC byte: both are
 * flagged. A literal "\x2e" (a name byte) stays escaped as "\x5cx2e" and flagged, so it cannot pose as a dot.
 */
import { domainToASCII, domainToUnicode } from 'node:url';
import { internLatin1 } from '../../core/intern.js';
import type { SafeName } from './types.js';

/** RFC 1035 §2.3.4: 255 octets on the wire, i.e. at most 253 characters in dotted text without the final dot. */
export const MAX_NAME_BYTES = 253;
/** RFC 1035 §2.3.4: labels are 63 octets or less. */
export const MAX_LABEL_BYTES = 63;
/** Input bytes looked at at most: anything longer is cut to MAX_NAME_BYTES anyway. */
const MAX_INPUT_BYTES = 4096;

/** Suspicious reasons, in the fixed order they are listed in `SafeName.suspicious` (comma separated). */
const REASON_ORDER = [
  'control-characters',
  'spaces',
  'non-ascii',
  'invalid-characters',
  'too-long',
  'invalid-punycode',
] as const;
type Reason = (typeof REASON_ORDER)[number];

/** The common case, checked first: already a lower-case name of name bytes, no punycode. */
const PLAIN_NAME = /^[a-z0-9_*:-][a-z0-9._*:-]{0,252}$/;

/**
 * The safe name of `raw` when it is already one (the common case: a lower-case name of name bytes, no
 * punycode), else null (then toSafeName). Allocates nothing: the naming path calls this once per name.
 */
export function plainSafeName(raw: string): string | null {
  if (!PLAIN_NAME.test(raw) || raw.includes('xn--')) return null;
  return hasRootDot(raw) ? raw.slice(0, -1) : raw;
}

/** toSafeName(bytes[0, length)).name, without a view or result object when the bytes are already a safe name. */
export function safeNameOfBytes(bytes: Uint8Array, length: number): string {
  return plainBytesName(bytes, length) ?? toSafeName(bytes.subarray(0, length)).name;
}

export function toSafeName(raw: string | Uint8Array): SafeName {
  if (typeof raw === 'string') {
    const plain = plainSafeName(raw);
    if (plain !== null) return { name: plain };
  } else {
    const plain = plainBytesName(raw);
    if (plain !== null) return { name: plain };
  }
  const bytes = typeof raw === 'string' ? stringToBytes(raw) : raw.subarray(0, MAX_INPUT_BYTES + 1);
  let end = bytes.length;
  if (endsWithRootDot(bytes, end)) end--;
  const reasons = new Set<Reason>();
  if (end > MAX_NAME_BYTES) {
    end = MAX_NAME_BYTES;
    reasons.add('too-long');
  }
  let name = '';
  for (let i = 0; i < end; i++) {
    let b = bytes[i] ?? 0;
    if (b >= 0x41 && b <= 0x5a) b += 0x20;
    if (isNameByte(b)) {
      name += String.fromCharCode(b);
      continue;
    }
    if (b < 0x20 || b === 0x7f) reasons.add('control-characters');
    else if (b === 0x20) reasons.add('spaces');
    else if (b >= 0x80) reasons.add('non-ascii');
    else reasons.add('invalid-characters');
    name += escapeByte(b);
  }
  const out: SafeName = { name };
  if (reasons.size === 0 && /(?:^|\.)xn--/.test(name)) {
    const unicode = punycodeToUnicode(name);
    if (unicode === null) reasons.add('invalid-punycode');
    else out.unicode = unicode;
  }
  if (reasons.size > 0) out.suspicious = REASON_ORDER.filter((r) => reasons.has(r)).join(',');
  return out;
}

/**
 * True for a name that could be a DNS hostname (RFC 1123 §2.1 letters/digits/hyphens, plus underscores as in
 * service labels such as _dmarc): 1–63 byte labels not starting or ending with a hyphen, 253 bytes at most, one
 * trailing dot allowed. IP literals and the empty name are not hostnames.
 */
export function isPlausibleHostname(s: string): boolean {
  const t = s.endsWith('.') ? s.slice(0, -1) : s;
  if (t.length === 0 || t.length > MAX_NAME_BYTES) return false;
  if (/^[0-9.]+$/.test(t) || t.includes(':')) return false;
  for (const label of t.split('.')) {
    if (label.length === 0 || label.length > MAX_LABEL_BYTES) return false;
    if (!/^[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?$/.test(label)) return false;
  }
  return true;
}

/**
 * Escapes a field that is not a hostname (ALPN names, HTTP request fields): printable ASCII stays, every other
 * byte and the backslash become \xNN. Input is bytes or a latin1 string (one char per byte).
 */
export function escapeField(raw: Uint8Array | string): string {
  let out = '';
  const n = raw.length;
  for (let i = 0; i < n; i++) {
    const b = typeof raw === 'string' ? raw.charCodeAt(i) & 0xff : (raw[i] ?? 0);
    out += b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : escapeByte(b);
  }
  return out;
}

/** Bytes kept as they are in a name: a-z 0-9 - _ . * and ':' (IPv6 literals in Host headers and SNI). */
/** The name when the bytes are already lower-case name bytes without punycode, else null (slow path). */
/**
 * One trailing dot is the DNS root ("example.com."), dropped; a name ending in two dots has an empty last label
 * and keeps them, so that the safe name of a safe name is itself (".." would otherwise shrink to "." then "").
 */
function endsWithRootDot(bytes: Uint8Array, end: number): boolean {
  return end > 0 && bytes[end - 1] === 0x2e && !(end > 1 && bytes[end - 2] === 0x2e);
}

function hasRootDot(name: string): boolean {
  return name.endsWith('.') && !name.endsWith('..');
}

function plainBytesName(bytes: Uint8Array, length = bytes.length): string | null {
  let end = length;
  if (endsWithRootDot(bytes, end)) end--;
  if (end === 0 || end > MAX_NAME_BYTES || bytes[0] === 0x2e) return null;
  for (let i = 0; i < end; i++) if (!isNameByte(bytes[i] ?? 0)) return null;
  const name = internLatin1(bytes, 0, end);
  return name.includes('xn--') ? null : name;
}

function isNameByte(b: number): boolean {
  return (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x3a) || b === 0x2d || b === 0x5f || b === 0x2e || b === 0x2a;
}

/**
 * The byte a "\xNN" stands for, or -1. Only bytes that toSafeName itself would escape count: a literal
 * "www\x2eexample\x2ecom" sent as SNI must not turn into an unflagged "www.example.com".
 */
function escapedByte(hex: string): number {
  if (!/^[0-9a-f]{2}$/.test(hex)) return -1;
  const b = Number.parseInt(hex, 16);
  return isNameByte(b) || (b >= 0x41 && b <= 0x5a) ? -1 : b;
}

function escapeByte(b: number): string {
  return `\\x${b.toString(16).padStart(2, '0')}`;
}

/** One byte per latin1 char, UTF-8 bytes for anything above U+00FF, and "\xNN" read back as its byte. */
function stringToBytes(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length && out.length <= MAX_INPUT_BYTES; i++) {
    const c = s.charCodeAt(i);
    const escaped = c === 0x5c && s[i + 1] === 'x' ? escapedByte(s.slice(i + 2, i + 4)) : -1;
    if (escaped >= 0) {
      out.push(escaped);
      i += 3;
    } else if (c <= 0xff) {
      out.push(c);
    } else {
      const cp = s.codePointAt(i) ?? c;
      if (cp > 0xffff) i++;
      out.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'));
    }
  }
  return Uint8Array.from(out);
}

/**
 * Decodes xn-- labels (RFC 3492, RFC 5891 §5): null when any of them is not valid punycode. A label only counts
 * as valid when it decodes to something non-ASCII and encodes back to exactly itself (Node's decoder accepts
 * fakes such as "xn--abc-" → "abc"), and the result has no replacement or control/format characters.
 */
function punycodeToUnicode(name: string): string | null {
  const labels = name.split('.');
  const out: string[] = [];
  for (const label of labels) {
    if (!label.startsWith('xn--')) {
      out.push(label);
      continue;
    }
    const u = domainToUnicode(label);
    if (u === '' || u === label || u.includes('.') || /[\uFFFD\p{C}]/u.test(u)) return null;
    if (!hasNonAscii(u) || domainToASCII(u) !== label) return null;
    out.push(u);
  }
  return out.join('.');
}

function hasNonAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return true;
  return false;
}

/**
 * Free text from packets that is shown as it is (a certificate's Organization, "Google LLC", "Société Générale"):
 * letters of every script and spaces stay; control characters (C0, DEL, C1), format characters (bidi overrides,
 * zero-width), line and paragraph separators, lone surrogates and the backslash are escaped as \xNN or \u{N}, so
 * such text can neither drive a terminal nor reorder a report line. Trimmed; cut to `maxChars` code points
 * (marked with "…").
 */
export function toSafeText(raw: string, maxChars: number): string {
  const text = raw.trim();
  if (text.length <= maxChars && isPlainAscii(text)) return text;
  let out = '';
  let n = 0;
  for (const ch of text) {
    if (++n > maxChars) return `${out}…`;
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 0x5c || UNSAFE_TEXT.test(ch)) out += cp <= 0xff ? escapeByte(cp) : `\\u{${cp.toString(16)}}`;
    else out += ch;
  }
  return out;
}

/** Printable ASCII without the backslash: nothing to escape (the common case, checked without a regex). */
function isPlainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x5c) return false;
  }
  return true;
}

/** Control, format, line/paragraph separator and lone surrogate code points (Unicode general categories). */
const UNSAFE_TEXT = /^[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]$/u;
