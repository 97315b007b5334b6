/**
 * Keeps the heap close to what is live while a capture is read.
 *
 * The flows alive at once are all a capture run needs to hold (~60 MB on the benchmark's 20,000 live flows),
 * but every flow lives long enough to reach V8's old generation, so each ended flow leaves old-generation
 * garbage behind, and V8 lets that grow to several times the live data between its major collections, more so
 * the longer a run goes: peak memory followed the length of the capture (the benchmark's 589 MB file peaked at
 * 235–263 MB, the same traffic twice at 318–320 MB) although the live data did not grow. So a capture reader
 * asks for a full collection whenever the heap has grown by a step over what was live after the last one. The
 * step grows with the live data (3/4 of it, 24 MB at least), so a capture with very many live flows is not
 * collected over and over: the number of forced collections grows with the logarithm of the live data.
 * Measured on the benchmark (a 48 MB step then): peak 223–225 MB (1x) and 232–235 MB (2x), two forced
 * collections per 100,000 flows of ~0.1–0.2 s each.
 *
 * With the young generation kept small (bin/outflow.js) the old generation takes more of each flow's garbage, and
 * the 48 MB step then let it reach ~58 MB for ~27 MB live: `flows` peaked at 143–152 MB (1x) and 168 MB (2x). A
 * 24 MB step: 135–137 MB and 140–142 MB, three to six forced collections per run of ~30–50 ms each, CPU time
 * within the noise of the same runs (issue #18).
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** The least growth over the live heap that triggers a collection. */
const MIN_STEP_BYTES = 24 * 1024 * 1024;
/** Growth over the live heap, as a share of it, that triggers a collection when that is more than the minimum. */
const STEP_SHARE = 0.75;

let sharedCollector: (() => void) | null | undefined;

/**
 * V8's full collection, made callable without starting node with --expose-gc: the flag set at run time applies to
 * contexts made afterwards, and a new context hands out its `gc` (the way test runners' leak detectors get it).
 * Null where that is not possible; the bound then does nothing.
 */
function fullCollection(): (() => void) | null {
  if (sharedCollector === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('gc');
      sharedCollector = typeof gc === 'function' ? () => (gc as () => void)() : null;
    } catch {
      sharedCollector = null;
    }
  }
  return sharedCollector;
}

export interface HeapBoundOptions {
  /** Bytes of heap in use now (tests give their own). */
  usedBytes?: () => number;
  /** A full collection, or null for none (tests give their own). */
  collect?: (() => void) | null;
}

export class HeapBound {
  readonly #usedBytes: () => number;
  readonly #collect: (() => void) | null;
  /** Heap in use after the last collection this bound asked for (at first: at the first check). */
  #live = -1;
  #collections = 0;

  constructor(options: HeapBoundOptions = {}) {
    this.#usedBytes = options.usedBytes ?? (() => getHeapStatistics().used_heap_size);
    this.#collect = options.collect === undefined ? fullCollection() : options.collect;
  }

  /** Collections this bound asked for. */
  get collections(): number {
    return this.#collections;
  }

  /** Call between chunks of input: collects when the heap grew by a step over the live heap. */
  check(): void {
    if (this.#collect === null) return;
    const used = this.#usedBytes();
    if (this.#live < 0) {
      this.#live = used;
      return;
    }
    if (used - this.#live < Math.max(MIN_STEP_BYTES, this.#live * STEP_SHARE)) return;
    this.#collect();
    this.#collections++;
    this.#live = this.#usedBytes();
  }
}

/**
 * One full collection now, where a phase has ended and what it leaves live is known to be what the next phase
 * keeps (V8 sets the next collection's limit from what was live at the last one, wherever that fell). False where
 * no collection can be asked for.
 */
export function collectNow(): boolean {
  const collect = fullCollection();
  if (collect === null) return false;
  collect();
  return true;
}
