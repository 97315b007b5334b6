/**
 * The search tree of a MaxMind DB file, walked from address bytes (MaxMind DB spec, "Search Tree Section" and
 * "Node Layout", https://maxmind.github.io/MaxMind-DB/). The maxmind package's Reader.get takes address text and
 * parses it again on every lookup; the audit already holds the bytes, so it walks the tree here and asks the
 * reader only to decode the data record the walk ends on (geo-resolver.ts caches those by record).
 *
 * A node is two records, left (bit 0) and right (bit 1):
 *
 *   24-bit   | left[23..0] (3 bytes)            | right[23..0] (3 bytes)           |
 *   28-bit   | left[23..0] | l[27..24] r[27..24] | right[23..0]                     |   (middle byte: two nibbles)
 *   32-bit   | left[31..0] (4 bytes)            | right[31..0] (4 bytes)           |
 *
 * A record below node_count is the next node, equal to node_count means "no data", above it points into the
 * data section. An IPv4 address in an IPv6 tree is looked up under ::/96, reached by 96 left turns from the root
 * (the spec's "IPv4 addresses in an IPv6 tree"); that start node is found once.
 */

export interface SearchTreeLayout {
  nodeCount: number;
  recordSize: number;
  ipVersion: number;
}

export class SearchTree {
  readonly #buf: Uint8Array;
  readonly #nodeCount: number;
  readonly #recordSize: number;
  readonly #nodeBytes: number;
  readonly #ipv6: boolean;
  readonly #ipv4Start: number;

  /**
   * The caller has checked the layout (open-database.ts): record size 24, 28 or 32, and node_count nodes fit in
   * the buffer. Every node number read is then below node_count before it is used, so reads stay in bounds.
   */
  constructor(buf: Uint8Array, layout: SearchTreeLayout) {
    this.#buf = buf;
    this.#nodeCount = layout.nodeCount;
    this.#recordSize = layout.recordSize;
    this.#nodeBytes = layout.recordSize / 4;
    this.#ipv6 = layout.ipVersion === 6;
    let node = 0;
    if (this.#ipv6) {
      for (let i = 0; i < 96 && node < this.#nodeCount; i++) node = this.record(node, 0);
    }
    this.#ipv4Start = node;
  }

  /**
   * The record the walk for `address` (4 or 16 bytes) ends on when it points into the data section (a value
   * above node_count, as the spec stores it), else 0: no data for the address, or an IPv6 address given to an
   * IPv4-only tree.
   */
  find(address: Uint8Array): number {
    const nodeCount = this.#nodeCount;
    let node: number;
    if (address.length === 4) node = this.#ipv4Start;
    else if (address.length === 16 && this.#ipv6) node = 0;
    else return 0;
    const bits = address.length * 8;
    for (let depth = 0; depth < bits && node < nodeCount; depth++) {
      const bit = ((address[depth >> 3] ?? 0) >> (7 - (depth & 7))) & 1;
      node = this.record(node, bit);
    }
    return node > nodeCount ? node : 0;
  }

  /** Record `side` (0 left, 1 right) of `node` (below node_count; open-database.ts also walks the tree with it). */
  record(node: number, side: number): number {
    const b = this.#buf;
    const off = node * this.#nodeBytes;
    if (this.#recordSize === 24) {
      const o = off + side * 3;
      return ((b[o] ?? 0) << 16) | ((b[o + 1] ?? 0) << 8) | (b[o + 2] ?? 0);
    }
    if (this.#recordSize === 28) {
      const middle = b[off + 3] ?? 0;
      const high = side === 0 ? middle >> 4 : middle & 0x0f;
      const o = off + side * 4;
      return high * 0x1000000 + (((b[o] ?? 0) << 16) | ((b[o + 1] ?? 0) << 8) | (b[o + 2] ?? 0));
    }
    const o = off + side * 4;
    return (b[o] ?? 0) * 0x1000000 + (((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0));
  }
}
