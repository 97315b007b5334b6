/**
 * Which pktmon packets were already delivered, by (PktGroupId, PktNumber): pktmon logs one packet once at every
 * component it crosses, and only its first appearance becomes a frame. Memory is fixed however long the trace:
 * packets seen long ago are forgotten, which loses nothing real, as a packet's appearances follow each other
 * within a few events.
 *
 * Two tables, no string or object per packet (a string key per packet in a Set was a third of an ETL read):
 * - ids below 2^32 with packet number 1, the form pktmon's rising counter takes, go to a direct-mapped table
 *   indexed by the id's low 16 bits: a rising id walks it in order (no cache miss per packet), and an id is
 *   forgotten when one 65,536 later takes its slot;
 * - any other key goes to open-addressed tables of 32-bit words in two generations: a lookup checks both, and
 *   when the newer one holds GENERATION_ENTRIES keys the older is cleared and the two swap. They are made on
 *   first use, and the hash is seeded per reader, so a file cannot choose keys that share one long probe chain
 *   (the seed changes probe paths, never the result).
 */

/** Keys per generation: the general tables remember at least this many, at most twice this many. */
export const GENERATION_ENTRIES = 32_768;
/** Ids the direct-mapped table remembers: a rising id is forgotten after this many more. */
export const RECENT_IDS = 65_536;
const RECENT_BITS = 16;
/** Slots per general table: a power of two, twice the entries (probe chains stay short at half load). */
const SLOTS = GENERATION_ENTRIES * 2;
const MASK = SLOTS - 1;
/** Words per slot: group id low, group id high, packet number + 1 (0 = empty). */
const STRIDE = 3;

export class SeenPackets {
  /** Per slot (id & 0xffff): the id's upper 16 bits + 1, or 0 when empty. */
  readonly #recent = new Uint32Array(RECENT_IDS);
  #newer: Uint32Array | null = null;
  #older: Uint32Array | null = null;
  #count = 0;
  readonly #seed = (Math.random() * 0x1_0000_0000) >>> 0;

  /**
   * True when the packet (group id `lo` + `hi` * 2^32, packet number `num` < 2^16) was seen before; otherwise
   * remembers it and returns false.
   */
  seenBefore(lo: number, hi: number, num: number): boolean {
    if (hi === 0 && num === 1) {
      const slot = lo & (RECENT_IDS - 1);
      const tag = (lo >>> RECENT_BITS) + 1;
      if (this.#recent[slot] === tag) return true;
      this.#recent[slot] = tag;
      return false;
    }
    return this.#general(lo, hi, num);
  }

  #general(lo: number, hi: number, num: number): boolean {
    let newer = this.#newer;
    let older = this.#older;
    if (newer === null || older === null) {
      newer = this.#newer = new Uint32Array(SLOTS * STRIDE);
      older = this.#older = new Uint32Array(SLOTS * STRIDE);
    }
    const h = hash(lo, hi, num, this.#seed);
    const tag = num + 1;
    if (find(newer, h, lo, hi, tag) || find(older, h, lo, hi, tag)) return true;
    if (this.#count >= GENERATION_ENTRIES) {
      older.fill(0);
      this.#older = newer;
      this.#newer = newer = older;
      this.#count = 0;
    }
    let i = h;
    while ((newer[i * STRIDE + 2] as number) !== 0) i = (i + 1) & MASK;
    const at = i * STRIDE;
    newer[at] = lo;
    newer[at + 1] = hi;
    newer[at + 2] = tag;
    this.#count++;
    return false;
  }
}

function hash(lo: number, hi: number, num: number, seed: number): number {
  let h = Math.imul(lo ^ seed, 0x9e3779b1) ^ Math.imul(hi ^ Math.imul(num, 0x85ebca6b), 0x27d4eb2d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h & MASK;
}

/** Whether the table holds the key; it is at most half full, so an empty slot ends every probe. */
function find(table: Uint32Array, h: number, lo: number, hi: number, tag: number): boolean {
  let i = h;
  for (;;) {
    const at = i * STRIDE;
    const t = table[at + 2] as number;
    if (t === 0) return false;
    if (t === tag && table[at] === lo && table[at + 1] === hi) return true;
    i = (i + 1) & MASK;
  }
}
