/**
 * The report's long lists (destinations, evidence): an array when the report was read from a file or made by
 * `merge`, or a sequence the audit builds item by item each time it is walked, so that a report of hundreds of
 * thousands of destinations never exists whole in memory (issue #20: memory grows with destinations as compact
 * groups, not as report objects). Renderers only walk them; code that needs an array asks for one (`listArray`),
 * which is free for an array and builds every item of a sequence (only for reports read from files, whose items
 * are in memory anyway).
 */

export interface ReportList<T> extends Iterable<T> {
  readonly length: number;
}

/**
 * A destination list that can give its items in the renderers' order (risk, bytes, id: format.ts sortGroups)
 * without holding them all: the audit's sequence knows that order from its own columns.
 */
export interface RendererOrderedList<T> extends ReportList<T> {
  inRendererOrder(): Iterable<T>;
}

export function isReportList(value: unknown): value is ReportList<unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { length?: unknown }).length === 'number' &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
  );
}

export function hasRendererOrder<T>(list: ReportList<T>): list is RendererOrderedList<T> {
  return typeof (list as { inRendererOrder?: unknown }).inRendererOrder === 'function';
}

/** The list as an array: itself when it is one, else every item built. */
export function listArray<T>(list: ReportList<T>): T[] {
  return Array.isArray(list) ? (list as T[]) : [...list];
}

/** A list whose items are `map` of the list's, computed as they are walked (an array is mapped at once). */
export function mapList<T, U>(list: ReportList<T>, map: (item: T) => U): ReportList<U> {
  if (Array.isArray(list)) return (list as T[]).map(map);
  return hasRendererOrder(list) ? new OrderedMappedList(list, map) : new MappedList(list, map);
}

class MappedList<T, U> implements ReportList<U> {
  constructor(
    readonly source: ReportList<T>,
    readonly map: (item: T) => U,
  ) {}

  get length(): number {
    return this.source.length;
  }

  *[Symbol.iterator](): Iterator<U> {
    for (const item of this.source) yield this.map(item);
  }
}

class OrderedMappedList<T, U> extends MappedList<T, U> implements RendererOrderedList<U> {
  constructor(
    readonly ordered: RendererOrderedList<T>,
    map: (item: T) => U,
  ) {
    super(ordered, map);
  }

  *inRendererOrder(): Iterable<U> {
    for (const item of this.ordered.inRendererOrder()) yield this.map(item);
  }
}

/** The items that pass `keep`, as they are walked. */
export function* filterItems<T>(items: Iterable<T>, keep: (item: T) => boolean): Generator<T> {
  for (const item of items) if (keep(item)) yield item;
}

/** True when some item passes `test` (stops at the first). */
export function someItem<T>(items: Iterable<T>, test: (item: T) => boolean): boolean {
  for (const item of items) if (test(item)) return true;
  return false;
}
