/**
 * JSON carried inside one value, decoded one level: a JSON text in a string ("payload": "{\"uid\":...}"),
 * URL-encoded JSON (a mp_*_mixpanel cookie), base64 or base64url JSON (Mixpanel's data= parameter), and the
 * claims of a JSON Web Token (RFC 7519; "Bearer" prefix allowed). Only objects and arrays count.
 */
import { percentDecode } from '../../assess/pii/text.js';

/** Longer values are not decoded (the body itself is at most 1 MiB; a nested document this big is rare). */
export const MAX_NESTED_JSON_CHARS = 256 * 1024;

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const JWT = /^(?:Bearer\s+)?(eyJ[A-Za-z0-9_-]{4,})\.([A-Za-z0-9_-]{4,})\.[A-Za-z0-9_-]*$/;

export function decodeNestedJson(raw: string): object | null {
  const value = raw.trim();
  if (value.length < 2 || value.length > MAX_NESTED_JSON_CHARS) return null;
  const first = value.charAt(0);
  if (first === '{' || first === '[') return parseContainer(value);
  if (first === '%' && /^%(?:7b|5b)/i.test(value)) return parseContainer(percentDecode(value));
  const jwt = JWT.exec(value);
  if (jwt !== null) {
    const header = parseContainer(fromBase64(jwt[1] ?? ''));
    return header !== null && 'alg' in header ? parseContainer(fromBase64(jwt[2] ?? '')) : null;
  }
  // Base64 of "{" starts with "e", of "[" with "W": nothing else is worth decoding. A form decoder may have
  // turned an unescaped "+" into a space: put it back.
  if (first === 'e' || first === 'W') {
    const b64 = value.includes(' ') ? value.replace(/ /g, '+') : value;
    if (b64.length >= 8 && BASE64.test(b64)) return parseContainer(fromBase64(b64));
  }
  return null;
}

function fromBase64(text: string): string {
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
}

function parseContainer(text: string): object | null {
  const t = text.trim();
  if (!(t.startsWith('{') && t.endsWith('}')) && !(t.startsWith('[') && t.endsWith(']'))) return null;
  try {
    const v: unknown = JSON.parse(t);
    return typeof v === 'object' && v !== null ? v : null;
  } catch {
    return null;
  }
}
