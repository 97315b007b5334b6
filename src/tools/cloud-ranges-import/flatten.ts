/**
 * Nested prefixes → sorted, disjoint address intervals, each carrying its most specific prefix: the table's
 * longest-prefix match, computed once at import so that loading the shipped table is a JSON.parse and a few
 * typed arrays (this sweep, parseNetwork per row and an object per range took 600–800 ms at every audit start).
 * This is the reference the runtime's answers are tested against (tests/tools/cloud-ranges-import).
 */
import { parseNetwork } from '../../enrich/addresses/cidr-matcher.js';

/** An address as 32-bit words (one for IPv4, four for IPv6). */
export type Words = number[];

export interface Interval {
  start: Words;
  end: Words;
  /** Index of the prefix in the list given to flattenPrefixes. */
  index: number;
}

export function wordsOf(bytes: Uint8Array): Words {
  const w: Words = [];
  for (let i = 0; i < bytes.length; i += 4) {
    w.push((bytes[i] ?? 0) * 16777216 + (bytes[i + 1] ?? 0) * 65536 + (bytes[i + 2] ?? 0) * 256 + (bytes[i + 3] ?? 0));
  }
  return w;
}

/** Negative, zero or positive as address a is below, equal to or above b (same length). */
export function compareWords(a: Words, b: Words): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The address one above (or below) `a`; null past the end (or start) of the address space. */
export function step(a: Words, by: 1 | -1): Words | null {
  const out = [...a];
  for (let i = out.length - 1; i >= 0; i--) {
    const v = (out[i] ?? 0) + by;
    if (v >= 0 && v <= 0xffffffff) {
      out[i] = v;
      return out;
    }
    out[i] = by === 1 ? 0 : 0xffffffff;
  }
  return null;
}

/** First and last address of a prefix. */
function bounds(bytes: Uint8Array, prefix: number): { start: Words; end: Words } {
  const start = wordsOf(bytes);
  const end = [...start];
  for (let i = 0; i < start.length; i++) {
    const hostBits = Math.min(32, Math.max(0, (i + 1) * 32 - prefix));
    const size = 2 ** hostBits;
    const w = start[i] ?? 0;
    const first = w - (w % size);
    start[i] = first;
    end[i] = first + size - 1;
  }
  return { start, end };
}

/**
 * The intervals of one address family (a sweep over the prefixes in address order, broader first, with a stack
 * of the prefixes that contain the current point). Adjacent pieces of the same prefix are merged back; of two
 * prefixes with the same bounds the first is kept.
 */
function flattenFamily(prefixes: Interval[]): Interval[] {
  prefixes.sort((a, b) => compareWords(a.start, b.start) || compareWords(b.end, a.end) || a.index - b.index);
  const out: Interval[] = [];
  const emit = (start: Words | null, end: Words | null, index: number): void => {
    if (start === null || end === null || compareWords(start, end) > 0) return;
    const last = out.at(-1);
    const next = last === undefined ? null : step(last.end, 1);
    if (last !== undefined && last.index === index && next !== null && compareWords(next, start) === 0) last.end = end;
    else out.push({ start, end, index });
  };
  const stack: Interval[] = [];
  // The first address not yet emitted; null once the end of the address space was emitted.
  let cursor: Words | null = null;
  for (const p of prefixes) {
    for (let top = stack.at(-1); top !== undefined && compareWords(top.end, p.start) < 0; top = stack.at(-1)) {
      emit(cursor, top.end, top.index);
      cursor = step(top.end, 1);
      stack.pop();
    }
    const top = stack.at(-1);
    if (top !== undefined) {
      // Prefixes nest or are disjoint; one with the same bounds as the enclosing one is a duplicate: skipped.
      if (compareWords(p.start, top.start) === 0 && compareWords(p.end, top.end) === 0) continue;
      emit(cursor, step(p.start, -1), top.index);
    }
    stack.push(p);
    cursor = p.start;
  }
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    emit(cursor, top.end, top.index);
    cursor = step(top.end, 1);
  }
  return out;
}

/**
 * The disjoint intervals of a list of prefixes ("3.120.0.0/14", "2a05:d014::/35"), IPv4 and IPv6 apart, each
 * pointing to the index of its most specific prefix in the list. Null entries (and text that is not a network)
 * take no part: their addresses fall to the enclosing prefix, if any.
 */
export function flattenPrefixes(prefixes: readonly (string | null)[]): { v4: Interval[]; v6: Interval[] } {
  const v4: Interval[] = [];
  const v6: Interval[] = [];
  prefixes.forEach((text, index) => {
    const n = text === null || !text.includes('/') ? null : parseNetwork(text);
    if (n === null) return;
    (n.bytes.length === 4 ? v4 : v6).push({ ...bounds(n.bytes, n.prefix), index });
  });
  return { v4: flattenFamily(v4), v6: flattenFamily(v6) };
}
