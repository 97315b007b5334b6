/**
 * A bounded set of texts that costs nothing until its second value. Most destination groups see one address, one
 * port and one client: a Set per field and group was most of a group's memory (a capture of 100,000 flows made
 * 65,799 groups, 62,165 of them with one address).
 */
export type SmallSet = string | Set<string> | null;

/** `set` with `value` added while it holds fewer than `max` values (a Set from the second value on). */
export function smallAdd(set: SmallSet, value: string, max: number): SmallSet {
  if (set === null) return max > 0 ? value : null;
  if (typeof set === 'string') return set === value || max < 2 ? set : new Set([set, value]);
  if (set.size < max) set.add(value);
  return set;
}

export function smallSize(set: SmallSet): number {
  return set === null ? 0 : typeof set === 'string' ? 1 : set.size;
}

/** The values in the order first added. */
export function smallValues(set: string | ReadonlySet<string> | null): string[] {
  return set === null ? [] : typeof set === 'string' ? [set] : [...set];
}
