/**
 * Order-independent helpers for merging reports: merge must not depend on the order reports are given in, so
 * every union is sorted by a total order and every "pick one" is a maximum under a total order.
 */
import { compareText } from '../core/text-order.js';

/** JSON with object keys sorted: two values are the same data exactly when their canonical strings are equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/**
 * Union of several lists, deduplicated by `keyOf`, sorted by `compare`, keeping at most `limit` items. Keeping
 * the first `limit` of a total order is associative and commutative, so bounded unions still merge in any order.
 * Items with the same key are resolved by `pick` (which must itself be order-independent).
 */
export function boundedUnion<T>(
  lists: readonly (readonly T[])[],
  keyOf: (item: T) => string,
  compare: (a: T, b: T) => number,
  limit = Number.POSITIVE_INFINITY,
  pick: (a: T, b: T) => T = (a, b) => (compareText(canonical(a), canonical(b)) <= 0 ? a : b),
): T[] {
  const byKey = new Map<string, T>();
  for (const list of lists) {
    for (const item of list) {
      const k = keyOf(item);
      const known = byKey.get(k);
      byKey.set(k, known === undefined ? item : pick(known, item));
    }
  }
  return [...byKey.values()].sort(compare).slice(0, limit);
}

export function textUnion(lists: readonly (readonly string[])[], limit = Number.POSITIVE_INFINITY): string[] {
  return boundedUnion(lists, (s) => s, compareText, limit);
}

/** Null-aware sum, as the flow grouper adds counts: null means "not known", and known + unknown is the known. */
export function addCount(a: number | null, b: number | null): number | null {
  return a === null || b === null ? (a ?? b) : a + b;
}
