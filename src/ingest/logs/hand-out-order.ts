/**
 * Which held records are handed out, in which order: records without a join hint and the first primary of
 * each key (zeek conn.log, suricata flow), then detail records no primary claimed (e.g. ssl.log without
 * conn.log: the first one stands for the flow); the other detail records are merged into their owner. The
 * records go out stably sorted by first-seen time.
 *
 * Logs are in time order but for a few jumps (a DST change read in local time moves an hour back, merged
 * files, clock steps), so the order is found from the ascending runs: up to MAX_WAYS runs are merged as the
 * records are taken (no copy of the order or the times at all), more are merge-sorted pairwise first,
 * O(n log runs). Ties keep their input order either way (the earlier run wins), as a stable sort does.
 */
import type { FlowStore } from './flow-store.js';

/** Runs merged on the fly; past this, a pairwise merge sort (one compare per record per level) is cheaper. */
export const MAX_WAYS = 16;

export class HandOutOrder {
  /** Detail records merged into their owner, by owner. */
  readonly merges: Map<number, number[]>;
  readonly length: number;
  readonly #store: FlowStore;
  /** The records handed out, in input order before sorting; null = every record, 0 .. length-1. */
  #order: Uint32Array | null;
  /** Per run: the next position in #order and the end of the run; the first-seen time at the next position. */
  #at: number[] = [];
  #end: number[] = [];
  #head: number[] = [];

  constructor(store: FlowStore) {
    this.#store = store;
    const plan = joinPlan(store);
    this.merges = plan.merges;
    this.length = plan.length;
    this.#order = plan.order;
    const runs = this.#runs();
    if (runs.length > MAX_WAYS + 1) {
      this.#order = sortRuns(store, this.#order ?? identity(this.length), this.length, runs);
      this.#start([0, this.length]);
    } else this.#start(runs);
  }

  /** The next record, or -1 after the last. */
  next(): number {
    const ways = this.#head.length;
    if (ways === 1) {
      const at = this.#at[0] ?? 0;
      if (at >= (this.#end[0] ?? 0)) return -1;
      this.#at[0] = at + 1;
      return this.#member(at);
    }
    let best = -1;
    let key = Number.POSITIVE_INFINITY;
    for (let j = 0; j < ways; j++) {
      const h = this.#head[j] ?? Number.POSITIVE_INFINITY;
      if (h < key) {
        key = h;
        best = j;
      }
    }
    if (best < 0) return -1;
    const at = this.#at[best] ?? 0;
    const r = this.#member(at);
    this.#at[best] = at + 1;
    this.#head[best] =
      at + 1 < (this.#end[best] ?? 0) ? this.#store.firstMicros(this.#member(at + 1)) : Number.POSITIVE_INFINITY;
    return r;
  }

  #member(k: number): number {
    return this.#order === null ? k : (this.#order[k] ?? 0);
  }

  /** Start of every ascending run of first-seen times, then the end. */
  #runs(): number[] {
    const store = this.#store;
    const runs = [0];
    let prev = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < this.length; k++) {
      const t = store.firstMicros(this.#member(k));
      if (t < prev) runs.push(k);
      prev = t;
    }
    runs.push(this.length);
    return runs;
  }

  #start(bounds: number[]): void {
    for (let j = 0; j + 1 < bounds.length; j++) {
      const at = bounds[j] ?? 0;
      const end = bounds[j + 1] ?? 0;
      this.#at.push(at);
      this.#end.push(end);
      this.#head.push(at < end ? this.#store.firstMicros(this.#member(at)) : Number.POSITIVE_INFINITY);
    }
  }
}

interface JoinPlan {
  order: Uint32Array | null;
  length: number;
  merges: Map<number, number[]>;
}

function joinPlan(store: FlowStore): JoinPlan {
  const n = store.size;
  const merges = new Map<number, number[]>();
  // No joins (firewall logs): every record goes out as it is; no order array needed.
  if (store.joinKeys === 0) return { order: null, length: n, merges };
  const order = new Uint32Array(n);
  let k = 0;
  // Owner record per join key id, +1 (0 = none yet): typed, as zeek/suricata give one key per connection.
  const owner = new Float64Array(store.joinKeys);
  const secondaries: number[] = [];
  for (let r = 0; r < n; r++) {
    const key = store.joinId(r);
    if (key < 0) order[k++] = r;
    else if (store.isPrimary(r) && owner[key] === 0) {
      owner[key] = r + 1;
      order[k++] = r;
    } else secondaries.push(r);
  }
  for (const s of secondaries) {
    const key = store.joinId(s);
    const o = (owner[key] ?? 0) - 1;
    if (o < 0) {
      owner[key] = s + 1;
      order[k++] = s;
      continue;
    }
    const list = merges.get(o);
    if (list === undefined) merges.set(o, [s]);
    else list.push(s);
  }
  return { order, length: k, merges };
}

function identity(n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  return order;
}

interface Keyed {
  order: Uint32Array;
  keys: Float64Array;
}

/** `order[0..length)`, whose ascending runs start at `runs` (then `length`), stably sorted by first-seen. */
function sortRuns(store: FlowStore, order: Uint32Array, length: number, runs: number[]): Uint32Array {
  const keys = new Float64Array(length);
  for (let k = 0; k < length; k++) keys[k] = store.firstMicros(order[k] ?? 0);
  let src: Keyed = { order, keys };
  let dst: Keyed = { order: new Uint32Array(length), keys: new Float64Array(length) };
  let bounds = runs;
  while (bounds.length > 2) {
    const next: number[] = [0];
    for (let r = 0; r + 1 < bounds.length; r += 2) {
      const lo = bounds[r] ?? 0;
      const mid = bounds[r + 1] ?? length;
      const hi = bounds[r + 2] ?? mid;
      mergeRuns(src, dst, lo, mid, hi);
      next.push(hi);
    }
    bounds = next;
    const t = src;
    src = dst;
    dst = t;
  }
  return src.order;
}

/** Merges the sorted runs [lo, mid) and [mid, hi) of `a` into the same places of `b`; equal keys: left first. */
function mergeRuns(a: Keyed, b: Keyed, lo: number, mid: number, hi: number): void {
  let i = lo;
  let j = mid;
  for (let k = lo; k < hi; k++) {
    const takeLeft = i < mid && (j >= hi || (a.keys[i] ?? 0) <= (a.keys[j] ?? 0));
    const from = takeLeft ? i++ : j++;
    b.order[k] = a.order[from] ?? 0;
    b.keys[k] = a.keys[from] ?? 0;
  }
}
