/**
 * The join keys of held records (zeek uid, suricata flow_id), held as their UTF-16 code units in typed pages
 * and numbered at the end, instead of a Map of strings: a zeek conn.log gives every row a key of its own, and a
 * million-entry string Map cost more than the rest of the reading together (hashing each fresh key, growing
 * the Map, and the collector tracing a million retained strings at every major collection). Keys are
 * compared exactly (code unit by code unit); the hash only finds the candidates.
 */

/** Code units per arena page; a longer key gets a page of its own. */
const ARENA_PAGE = 1 << 20;
/** Entries per page of the per-entry columns. */
const ENTRY_BITS = 14;
const ENTRY_PAGE = 1 << ENTRY_BITS;
const ENTRY_MASK = ENTRY_PAGE - 1;

interface EntryPage {
  /** Arena page and offset of the key, its length in code units, its hash. */
  arena: Int32Array;
  offset: Int32Array;
  length: Int32Array;
  hash: Int32Array;
}

export class JoinKeys {
  #arenas: Uint16Array[] = [];
  /** Code units used in the last arena page. */
  #used = 0;
  #entries: EntryPage[] = [];
  #count = 0;
  /** Dense id per entry (ids in order of first appearance), or null until `resolve`. */
  #ids: Int32Array | null = null;
  #distinct = 0;

  /** Entries added (one per keyed record). */
  get size(): number {
    return this.#count;
  }

  /** Holds `key`; returns its entry number (0, 1, ... in order of the calls). */
  add(key: string): number {
    const n = key.length;
    let arena = this.#arenas[this.#arenas.length - 1];
    if (arena === undefined || this.#used + n > arena.length) {
      arena = new Uint16Array(Math.max(ARENA_PAGE, n));
      this.#arenas.push(arena);
      this.#used = 0;
    }
    const at = this.#used;
    let h = 0x811c9dc5;
    for (let i = 0; i < n; i++) {
      const c = key.charCodeAt(i);
      arena[at + i] = c;
      h = Math.imul(h ^ c, 0x01000193);
    }
    this.#used = at + n;
    const e = this.#count;
    let page = this.#entries[e >>> ENTRY_BITS];
    if (page === undefined) {
      page = {
        arena: new Int32Array(ENTRY_PAGE),
        offset: new Int32Array(ENTRY_PAGE),
        length: new Int32Array(ENTRY_PAGE),
        hash: new Int32Array(ENTRY_PAGE),
      };
      this.#entries.push(page);
    }
    const slot = e & ENTRY_MASK;
    page.arena[slot] = this.#arenas.length - 1;
    page.offset[slot] = at;
    page.length[slot] = n;
    page.hash[slot] = h;
    this.#count = e + 1;
    this.#ids = null;
    return e;
  }

  /** Distinct keys among the entries (ids are 0 .. distinct-1). */
  get distinct(): number {
    this.#resolve();
    return this.#distinct;
  }

  /** The dense id of an entry: equal keys, equal ids; numbered in order of first appearance. */
  id(entry: number): number {
    return this.#resolve()[entry] ?? -1;
  }

  #resolve(): Int32Array {
    if (this.#ids !== null) return this.#ids;
    const n = this.#count;
    const ids = new Int32Array(n);
    let size = 16;
    while (size < 2 * n) size *= 2;
    // Open addressing: the first entry of each distinct key, +1 (0 = empty slot).
    const table = new Int32Array(size);
    let distinct = 0;
    for (let e = 0; e < n; e++) {
      const h = this.#entries[e >>> ENTRY_BITS]?.hash[e & ENTRY_MASK] ?? 0;
      let slot = (h ^ (h >>> 16)) & (size - 1);
      for (;;) {
        const first = (table[slot] ?? 0) - 1;
        if (first < 0) {
          table[slot] = e + 1;
          ids[e] = distinct++;
          break;
        }
        if (this.#same(first, e, h)) {
          ids[e] = ids[first] ?? 0;
          break;
        }
        slot = (slot + 1) & (size - 1);
      }
    }
    this.#ids = ids;
    this.#distinct = distinct;
    return ids;
  }

  /** True when entry a (hash `h` expected) holds the same code units as entry b, whose hash is `h`. */
  #same(a: number, b: number, h: number): boolean {
    const ea = this.#entries[a >>> ENTRY_BITS];
    const eb = this.#entries[b >>> ENTRY_BITS];
    if (ea === undefined || eb === undefined) return false;
    const sa = a & ENTRY_MASK;
    const sb = b & ENTRY_MASK;
    const n = ea.length[sa] ?? 0;
    if (ea.hash[sa] !== h || eb.length[sb] !== n) return false;
    const pa = this.#arenas[ea.arena[sa] ?? 0];
    const pb = this.#arenas[eb.arena[sb] ?? 0];
    if (pa === undefined || pb === undefined) return false;
    const oa = ea.offset[sa] ?? 0;
    const ob = eb.offset[sb] ?? 0;
    for (let i = 0; i < n; i++) if (pa[oa + i] !== pb[ob + i]) return false;
    return true;
  }
}
