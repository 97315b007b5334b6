/**
 * Field walking for the hot per-line paths: token boundaries found with indexOf into a reused Int32Array and
 * numbers read straight from the line, so a well-formed line costs no substrings and no arrays. Every helper
 * answers "not sure" (-1 / -2) instead of guessing: the caller then takes its general (slower) path, which
 * owns all validation and anomaly reporting.
 */

/** Tokens a line may have for the fast paths; longer lines take the general path. */
export const MAX_FIELDS = 64;

/**
 * Token boundaries of `text` split on the one-character `sep` (like String.split: empty tokens kept).
 * Token k is text[bounds[2k], bounds[2k+1]). Returns the token count, or -1 when over MAX_FIELDS.
 */
export function splitBounds(text: string, sep: string, bounds: Int32Array): number {
  let start = 0;
  let k = 0;
  for (;;) {
    if (k >= MAX_FIELDS) return -1;
    const end = text.indexOf(sep, start);
    bounds[2 * k] = start;
    if (end < 0) {
      bounds[2 * k + 1] = text.length;
      return k + 1;
    }
    bounds[2 * k + 1] = end;
    k++;
    start = end + 1;
  }
}

/** A reused bounds buffer sized for MAX_FIELDS tokens. */
export function newBounds(): Int32Array {
  return new Int32Array(2 * MAX_FIELDS);
}

/** True when text[s, e) is exactly `word`. */
export function isWord(text: string, s: number, e: number, word: string): boolean {
  return e - s === word.length && text.startsWith(word, s);
}

/**
 * A non-negative integer written as 1..15 plain digits in text[s, e): its value; -1 for '-' (no value); -2 for
 * anything else (empty, signs, hex, exponents, too long), which the caller hands to the general parser so the
 * exact old semantics of `Number(...)` apply.
 */
export function plainCount(text: string, s: number, e: number): number {
  const n = e - s;
  if (n === 1 && text.charCodeAt(s) === 45) return -1;
  if (n < 1 || n > 15) return -2;
  let v = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -2;
    v = v * 10 + c;
  }
  return v;
}

/**
 * A port in text[s, e) as plainCount reads it, but -2 (hand it to the general parser) for more than 5 digits
 * or above 65535: log-address.ts parsePort refuses "052270", so a fast path must not accept it.
 */
export function plainPort(text: string, s: number, e: number): number {
  if (e - s > 5) return -2;
  const v = plainCount(text, s, e);
  return v > 65535 ? -2 : v;
}
