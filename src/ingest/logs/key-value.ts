/**
 * `key=value` pairs as firewalls write them (FortiGate, Sophos, CEF extensions differ, see cef.ts): values
 * bare up to the next space, or double-quoted with backslash escapes. One linear pass, no regexes.
 */

/** Pairs in order of appearance; a repeated key keeps its first value. Bounded to `maxPairs`. */
export function parseKeyValues(s: string, from = 0, maxPairs = 400): Map<string, string> {
  const out = new Map<string, string>();
  let i = from;
  const n = s.length;
  while (i < n && out.size < maxPairs) {
    while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9 || s.charCodeAt(i) === 44)) i++;
    const keyStart = i;
    while (i < n && s.charCodeAt(i) !== 61 && s.charCodeAt(i) !== 32) i++;
    if (i >= n) break;
    if (s.charCodeAt(i) !== 61) continue; // a bare word: skip it
    const key = s.slice(keyStart, i);
    i++;
    let value: string;
    if (s.charCodeAt(i) === 34) {
      i++;
      let v = '';
      let start = i;
      while (i < n && s.charCodeAt(i) !== 34) {
        if (s.charCodeAt(i) === 92 && i + 1 < n) {
          v += s.slice(start, i);
          i++;
          start = i;
        }
        i++;
      }
      value = v + s.slice(start, i);
      i++;
    } else {
      const start = i;
      while (i < n && s.charCodeAt(i) !== 32 && s.charCodeAt(i) !== 9) i++;
      value = s.slice(start, i);
    }
    if (key !== '' && !out.has(key)) out.set(key, value);
  }
  return out;
}

/** Epoch value of unknown unit (FortiGate eventtime: s, ms, µs or ns by digit count) → µs, or NaN. */
export function epochToMicros(raw: string | undefined): number {
  if (raw === undefined || raw === '' || raw.length > 20) return Number.NaN;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return Number.NaN;
  }
  const digits = raw.length;
  if (digits <= 10) return Number(raw) * 1_000_000;
  if (digits <= 13) return Number(raw) * 1000;
  if (digits <= 16) return Number(raw);
  return Number(raw.slice(0, digits - 3)); // nanoseconds: drop the last three digits
}
