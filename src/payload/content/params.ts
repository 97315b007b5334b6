/**
 * name=value lists: a query string or an application/x-www-form-urlencoded body (WHATWG URL "urlencoded
 * parsing": "&" separates, the first "=" splits, %XX and "+" decoded, though a "+" before a digit stays: it more often
 * starts an E.164 number than it is a space), and Cookie headers (RFC 6265 §5.4:
 * "; " separates, values taken as sent, quotes removed).
 */
import { percentDecode } from '../../assess/pii/text.js';

export interface NameValue {
  name: string;
  value: string;
}

/** Pairs read from one list at most. */
export const MAX_PARAMS_PER_LIST = 512;
const MAX_NAME_CHARS = 128;

export function parseUrlEncoded(text: string): NameValue[] {
  const out: NameValue[] = [];
  for (const part of text.split('&')) {
    if (out.length >= MAX_PARAMS_PER_LIST) break;
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = percentDecode(eq < 0 ? part : part.slice(0, eq)).slice(0, MAX_NAME_CHARS);
    if (name === '') continue;
    out.push({ name, value: eq < 0 ? '' : percentDecode(part.slice(eq + 1)) });
  }
  return out;
}

export function parseCookieHeader(value: string): NameValue[] {
  const out: NameValue[] = [];
  for (const part of value.split(';')) {
    if (out.length >= MAX_PARAMS_PER_LIST) break;
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim().slice(0, MAX_NAME_CHARS);
    const raw = part.slice(eq + 1).trim();
    if (name === '') continue;
    out.push({ name, value: raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw });
  }
  return out;
}

/** "a=1&b=x%40y" and the like: names of word characters, pairs joined by "&", no spaces or newlines. */
export function looksUrlEncoded(text: string): boolean {
  return /^[\w.\-[\]$%*!~']{1,128}=[^\s&]*(?:&[\w.\-[\]$%*!~']{1,128}=?[^\s&]*)*&?$/.test(text);
}
