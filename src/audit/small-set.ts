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
  if (set === null) return [];
  if (typeof set === 'string') return [set];
  // An array of the set's size, filled in place: a spread grows its array as it goes.
  const out = new Array<string>(set.size);
  let i = 0;
  for (const v of set) out[i++] = v;
  return out;
}

/**
 * `values` sorted in place by UTF-16 code units, as Array#sort without a comparator sorts strings. Short lists
 * (a group's addresses, clients, ALPN names) by insertion: the engine's sort sets up its merge state and work
 * arrays on every call, ~2 kB per destination of a 40,000-destination report.
 */
export function sortTexts(values: string[]): string[] {
  const n = values.length;
  if (n > 16) return values.sort();
  for (let i = 1; i < n; i++) {
    const v = values[i] as string;
    let j = i - 1;
    while (j >= 0 && (values[j] as string) > v) {
      values[j + 1] = values[j] as string;
      j--;
    }
    values[j + 1] = v;
  }
  return values;
}
