/**
 * Text preparation for the detectors: bounded length, percent-decoding for URL fields (RFC 3986 §2.1; "+" as
 * space per the HTML form encoding only when it cannot start an E.164 number), key/value extraction, masking.
 */
import type { Param } from './types.js';

/** Bounded work: detectors see at most the first 64 KiB of any one field. */
export const MAX_PII_INPUT = 64 * 1024;
const MAX_PARAMS = 512;

const URL_FIELDS = /^(?:url|uri|http\.(?:query|path|url|uri|body\.form)|http\.header\.(?:cookie|referer|location))/i;

export function isUrlField(field: string): boolean {
  return URL_FIELDS.test(field);
}

/** Decodes %XX sequences (invalid ones stay as written) and "+" before a non-digit. Never throws. */
export function percentDecode(text: string): string {
  const plus = text.replace(/\+(?!\d)/g, ' ');
  return plus.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      // A run that is not UTF-8 (e.g. %FF): decode byte by byte as Latin-1 so nothing is lost.
      return run.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    }
  });
}

export function prepareText(text: string, field: string): string {
  const capped = text.length > MAX_PII_INPUT ? text.slice(0, MAX_PII_INPUT) : text;
  // Decode twice at most: telemetry often double-encodes nested URLs (%253A → %3A → :).
  if (!isUrlField(field)) return capped;
  const once = percentDecode(capped);
  return /%[0-9a-fA-F]{2}/.test(once) ? percentDecode(once) : once;
}

export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[-_.]/g, '');
}

/**
 * key=value (query, cookie, form), "key": "value" (JSON) and Key: value (headers). Values stop at the usual
 * separators; quoted JSON values may hold spaces.
 */
const PARAM =
  /(?:^|[?&;,{\s"'[])"?([A-Za-z_][\w.-]{0,40})"?\s*[=:]\s*(?:"([^"\r\n]{0,256})"|([^&;,"'\s}\]\r\n]{1,256}))/g;

export function extractParams(text: string): Param[] {
  const out: Param[] = [];
  for (const m of text.matchAll(PARAM)) {
    const value = m[2] ?? m[3] ?? '';
    if (m[1] !== undefined && value !== '') out.push({ key: normaliseKey(m[1]), value });
    if (out.length >= MAX_PARAMS) break;
  }
  return out;
}

/** "jan@example.nl" → "j***@e***.nl"; others keep first and last character. */
export function maskValue(value: string): string {
  const at = value.lastIndexOf('@');
  if (at > 0) {
    const domain = value.slice(at + 1);
    const dot = domain.lastIndexOf('.');
    const tld = dot >= 0 ? domain.slice(dot) : '';
    return `${value.charAt(0)}***@${domain.charAt(0)}***${tld}`;
  }
  const chars = [...value];
  if (chars.length <= 3) return '***';
  return `${chars[0]}***${chars[chars.length - 1]}`;
}
