/**
 * MaxMind DB writer (MaxMind DB File Format Specification 2.0), for the shipped ASN database and for test
 * databases of every schema the geo reader understands.
 *
 * File layout (spec "Database Structure"):
 *
 *   +--------------------+------------------+------------------+-----------------------------+----------+
 *   | binary search tree | 16 zero bytes    | data section     | \xAB\xCD\xEF "MaxMind.com"  | metadata |
 *   | node_count nodes   | (data separator) | (typed values)   | (metadata start marker)     | (a map)  |
 *   +--------------------+------------------+------------------+-----------------------------+----------+
 *
 * A node is two records (left = bit 0, right = bit 1), each 24, 28 or 32 bits (spec "Node Layout"); a record
 * value below node_count is a node, equal to node_count means "no data", above it points into the data section
 * at (value - node_count - 16). IPv4 networks in an IPv6 tree live at ::/96 (spec "IPv4 addresses in an IPv6
 * tree"); like MaxMind's own writer we alias ::ffff:0:0/96 (IPv4-mapped) and 2002::/16 (6to4) to that subtree.
 *
 * Data values are deduplicated (same value → written once) and repeated strings such as map keys become
 * pointers. Later inserts replace earlier ones where they overlap; sibling leaves with the same data are merged.
 */
import { parseIp } from '../core/ip-format.js';

export type MmdbScalarType = 'uint16' | 'uint32' | 'uint64' | 'uint128' | 'int32' | 'double' | 'float' | 'bytes';

/** A value with an explicit MaxMind type (plain numbers are inferred: uint32, int32 or double). */
export class MmdbTyped {
  constructor(
    readonly type: MmdbScalarType,
    readonly value: number | bigint | Uint8Array,
  ) {}
}

export type MmdbValue = string | number | boolean | bigint | MmdbTyped | MmdbValue[] | { [key: string]: MmdbValue };

export const mmdbType = {
  uint16: (v: number) => new MmdbTyped('uint16', v),
  uint32: (v: number) => new MmdbTyped('uint32', v),
  uint64: (v: number | bigint) => new MmdbTyped('uint64', BigInt(v)),
  uint128: (v: number | bigint) => new MmdbTyped('uint128', BigInt(v)),
  int32: (v: number) => new MmdbTyped('int32', v),
  double: (v: number) => new MmdbTyped('double', v),
  float: (v: number) => new MmdbTyped('float', v),
  bytes: (v: Uint8Array) => new MmdbTyped('bytes', v),
};

export interface MmdbMetadata {
  databaseType: string;
  /** Language code → description (spec: a map of strings). */
  description?: Record<string, string>;
  languages?: string[];
  /** Seconds since the Unix epoch; defaults to now. */
  buildEpoch?: number;
  ipVersion: 4 | 6;
  /** 24, 28 or 32; by default the smallest that can address every node and data offset. */
  recordSize?: 24 | 28 | 32;
  /** Alias ::ffff:0:0/96 and 2002::/16 to the IPv4 subtree (IPv6 databases only); default true. */
  aliasIPv4?: boolean;
}

export interface MmdbEntry {
  /** CIDR text, IPv4 or IPv6 ("192.0.2.0/24", "2001:db8::/32"). */
  network: string;
  data: MmdbValue;
}

const METADATA_MARKER = Buffer.from([0xab, 0xcd, 0xef, ...Buffer.from('MaxMind.com', 'ascii')]);
const DATA_SEPARATOR = 16;
// Record values in the in-memory tree: 0 = empty, > 0 = node index, < 0 = -(data id + 1). Node 0 is the root
// and is never a child, so 0 is free to mean "empty".
const EMPTY = 0;

export class MmdbWriter {
  readonly #meta: MmdbMetadata;
  readonly #bits: number;
  #left: Int32Array = new Int32Array(1 << 16);
  #right: Int32Array = new Int32Array(1 << 16);
  #nodes = 1;
  readonly #dataIds = new Map<string, number>();
  readonly #dataValues: MmdbValue[] = [];

  constructor(meta: MmdbMetadata) {
    this.#meta = meta;
    this.#bits = meta.ipVersion === 4 ? 32 : 128;
  }

  /** Inserts a CIDR network; throws RangeError on text that is not a network of this database's family. */
  insert(network: string, data: MmdbValue): void {
    const slash = network.indexOf('/');
    const bytes = parseIp(slash < 0 ? network : network.slice(0, slash));
    const prefix = slash < 0 ? (bytes?.length ?? 0) * 8 : Number(network.slice(slash + 1));
    if (bytes === null || !Number.isInteger(prefix) || prefix < 0 || prefix > bytes.length * 8) {
      throw new RangeError(`not a network: ${network}`);
    }
    this.insertPrefix(bytes, prefix, data);
  }

  /** Inserts address bytes (4 or 16) with a prefix length; IPv4 in an IPv6 tree goes to ::/96. */
  insertPrefix(address: Uint8Array, prefix: number, data: MmdbValue): void {
    let bytes = address;
    let depth = prefix;
    if (address.length === 4 && this.#bits === 128) {
      bytes = new Uint8Array(16);
      bytes.set(address, 12);
      depth = prefix + 96;
    } else if (address.length * 8 !== this.#bits) {
      throw new RangeError('an IPv6 network cannot go into an IPv4 database');
    }
    this.#setRecord(bytes, depth, -(this.#dataId(data) + 1));
  }

  /** Inserts an inclusive address range (both ends the same family), split into the fewest CIDR blocks. */
  insertRange(first: string, last: string, data: MmdbValue): void {
    const a = parseIp(first);
    const b = parseIp(last);
    if (a === null || b === null || a.length !== b.length) throw new RangeError(`not a range: ${first}-${last}`);
    for (const [start, prefix] of rangeToPrefixes(toBigInt(a), toBigInt(b), a.length * 8)) {
      this.insertPrefix(fromBigInt(start, a.length), prefix, data);
    }
  }

  get dataCount(): number {
    return this.#dataValues.length;
  }

  build(): Buffer {
    if (this.#bits === 128 && this.#meta.aliasIPv4 !== false) this.#aliasIPv4();
    const data = encodeDataSection(this.#dataValues);
    const order = this.#number();
    const nodeCount = order.length;
    const maxRecord = nodeCount + DATA_SEPARATOR + data.bytes.length;
    const recordSize = this.#meta.recordSize ?? (maxRecord < 2 ** 24 ? 24 : maxRecord < 2 ** 28 ? 28 : 32);
    if (maxRecord >= 2 ** recordSize) throw new RangeError(`database too large for ${recordSize}-bit records`);
    const tree = writeTree(order, this.#left, this.#right, data.offsets, nodeCount, recordSize);
    const meta = new DataEncoder();
    meta.write({
      binary_format_major_version: mmdbType.uint16(2),
      binary_format_minor_version: mmdbType.uint16(0),
      build_epoch: mmdbType.uint64(this.#meta.buildEpoch ?? Math.floor(Date.now() / 1000)),
      database_type: this.#meta.databaseType,
      description: this.#meta.description ?? {},
      ip_version: mmdbType.uint16(this.#meta.ipVersion),
      languages: this.#meta.languages ?? [],
      node_count: mmdbType.uint32(nodeCount),
      record_size: mmdbType.uint16(recordSize),
    });
    return Buffer.concat([tree, Buffer.alloc(DATA_SEPARATOR), data.bytes, METADATA_MARKER, meta.finish()]);
  }

  #dataId(value: MmdbValue): number {
    const key = canonicalKey(value);
    let id = this.#dataIds.get(key);
    if (id === undefined) {
      id = this.#dataValues.length;
      this.#dataValues.push(value);
      this.#dataIds.set(key, id);
    }
    return id;
  }

  #newNode(fill: number): number {
    if (this.#nodes === this.#left.length) {
      const grow = (a: Int32Array): Int32Array => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.#left = grow(this.#left);
      this.#right = grow(this.#right);
    }
    const n = this.#nodes++;
    this.#left[n] = fill;
    this.#right[n] = fill;
    return n;
  }

  /** Sets the record reached by the first `depth` bits of `bytes`, splitting leaves on the way. */
  #setRecord(bytes: Uint8Array, depth: number, value: number): void {
    if (depth === 0) {
      // A /0 covers everything: both records of the root.
      this.#left[0] = value;
      this.#right[0] = value;
      return;
    }
    let node = 0;
    for (let i = 0; i < depth - 1; i++) {
      const bit = ((bytes[i >> 3] ?? 0) >> (7 - (i & 7))) & 1;
      const arr = bit === 0 ? this.#left : this.#right;
      let next = arr[node] ?? EMPTY;
      if (next <= 0) {
        // Empty or a leaf covering a larger network: push it down one level so this insert can refine it.
        next = this.#newNode(next);
        (bit === 0 ? this.#left : this.#right)[node] = next;
      }
      node = next;
    }
    const bit = ((bytes[(depth - 1) >> 3] ?? 0) >> (7 - ((depth - 1) & 7))) & 1;
    (bit === 0 ? this.#left : this.#right)[node] = value;
  }

  /** The record value reached by `depth` bits (a leaf met earlier covers the whole network). */
  #getRecord(bytes: Uint8Array, depth: number): number {
    let value = 0; // the root, as a node
    for (let i = 0; i < depth; i++) {
      if (i > 0 && value <= 0) return value;
      const bit = ((bytes[i >> 3] ?? 0) >> (7 - (i & 7))) & 1;
      value = (bit === 0 ? this.#left : this.#right)[value] ?? EMPTY;
    }
    return value;
  }

  #aliasIPv4(): void {
    const v4root = this.#getRecord(new Uint8Array(16), 96);
    const mapped = new Uint8Array(16);
    mapped[10] = 0xff;
    mapped[11] = 0xff;
    this.#setRecord(mapped, 96, v4root);
    const sixToFour = new Uint8Array(16);
    sixToFour[0] = 0x20;
    sixToFour[1] = 0x02;
    this.#setRecord(sixToFour, 16, v4root);
  }

  /**
   * Merges nodes whose two records are the same leaf, then numbers the reachable nodes breadth-first (a node
   * reached twice through an alias keeps its first number). Returns the node indexes in output order.
   */
  #number(): number[] {
    const left = this.#left;
    const right = this.#right;
    const collapsed = new Int32Array(this.#nodes).fill(1); // 1 = not yet visited / not collapsed
    const collapse = (n: number): number => {
      // Iterative post-order: records that are nodes get replaced by their collapsed value when it is a leaf.
      const stack = [n];
      while (stack.length > 0) {
        const top = stack[stack.length - 1] ?? 0;
        const l = left[top] ?? EMPTY;
        const r = right[top] ?? EMPTY;
        const pendingL = l > 0 && collapsed[l] === 1;
        const pendingR = r > 0 && collapsed[r] === 1;
        if (pendingL || pendingR) {
          if (pendingL) stack.push(l);
          if (pendingR) stack.push(r);
          continue;
        }
        stack.pop();
        if (collapsed[top] !== 1) continue;
        const nl = l > 0 ? (collapsed[l] ?? 1) : l;
        const nr = r > 0 ? (collapsed[r] ?? 1) : r;
        if (nl <= 0) left[top] = nl;
        if (nr <= 0) right[top] = nr;
        // 2 marks "stays a node"; a leaf value (<= 0) means the node collapses into that leaf.
        collapsed[top] = top !== 0 && nl <= 0 && nl === nr ? nl : 2;
      }
      return collapsed[n] ?? 2;
    };
    collapse(0);
    const order: number[] = [0];
    const seen = new Int32Array(this.#nodes).fill(-1);
    seen[0] = 0;
    for (let i = 0; i < order.length; i++) {
      const n = order[i] ?? 0;
      for (const child of [left[n] ?? EMPTY, right[n] ?? EMPTY]) {
        if (child > 0 && seen[child] === -1) {
          seen[child] = order.length;
          order.push(child);
        }
      }
    }
    // Rewrite child references to output numbers (node refs become ~number, kept apart from leaves below).
    for (const n of order) {
      const l = left[n] ?? EMPTY;
      const r = right[n] ?? EMPTY;
      if (l > 0) left[n] = -(2 ** 30) - (seen[l] ?? 0);
      if (r > 0) right[n] = -(2 ** 30) - (seen[r] ?? 0);
    }
    return order;
  }
}

/** Writes a whole database from a list of networks (later entries win where networks overlap). */
export function writeMmdb(entries: Iterable<MmdbEntry>, meta: MmdbMetadata): Buffer {
  const writer = new MmdbWriter(meta);
  for (const e of entries) writer.insert(e.network, e.data);
  return writer.build();
}

function writeTree(
  order: number[],
  left: Int32Array,
  right: Int32Array,
  dataOffsets: Uint32Array,
  nodeCount: number,
  recordSize: number,
): Buffer {
  const nodeBytes = recordSize / 4;
  const out = Buffer.alloc(nodeCount * nodeBytes);
  const resolve = (v: number): number => {
    if (v === EMPTY) return nodeCount;
    if (v <= -(2 ** 30)) return -(v + 2 ** 30); // a node, already renumbered
    return nodeCount + DATA_SEPARATOR + (dataOffsets[-v - 1] ?? 0);
  };
  for (let i = 0; i < order.length; i++) {
    const n = order[i] ?? 0;
    const l = resolve(left[n] ?? EMPTY);
    const r = resolve(right[n] ?? EMPTY);
    const off = i * nodeBytes;
    if (recordSize === 24) {
      out.writeUIntBE(l, off, 3);
      out.writeUIntBE(r, off + 3, 3);
    } else if (recordSize === 28) {
      // Spec "Node Layout", 28 bits: the middle byte holds the high nibble of the left record, then the right's.
      out.writeUIntBE(l & 0xffffff, off, 3);
      out[off + 3] = ((l >>> 24) << 4) | (r >>> 24);
      out.writeUIntBE(r & 0xffffff, off + 4, 3);
    } else {
      out.writeUInt32BE(l, off);
      out.writeUInt32BE(r, off + 4);
    }
  }
  return out;
}

function encodeDataSection(values: MmdbValue[]): { bytes: Buffer; offsets: Uint32Array } {
  const enc = new DataEncoder();
  const offsets = new Uint32Array(values.length);
  values.forEach((v, i) => {
    offsets[i] = enc.write(v);
  });
  return { bytes: enc.finish(), offsets };
}

// Spec "Output Data Section": type numbers; 8 and above are "extended" (stored as type - 7 in a second byte).
const TYPE = {
  pointer: 1,
  string: 2,
  double: 3,
  bytes: 4,
  uint16: 5,
  uint32: 6,
  map: 7,
  int32: 8,
  uint64: 9,
  uint128: 10,
  array: 11,
  boolean: 14,
  float: 15,
} as const;

/** Appends typed values; strings written before are replaced by pointers to the first copy. */
class DataEncoder {
  #buf = Buffer.alloc(1 << 16);
  #len = 0;
  readonly #strings = new Map<string, number>();

  finish(): Buffer {
    return this.#buf.subarray(0, this.#len);
  }

  /** Writes a value, returns its offset. */
  write(value: MmdbValue): number {
    const start = this.#len;
    if (typeof value === 'string') this.#string(value);
    else if (typeof value === 'boolean') this.#control(TYPE.boolean, value ? 1 : 0);
    else if (typeof value === 'bigint') this.#uint(value < 2n ** 64n ? TYPE.uint64 : TYPE.uint128, value);
    else if (typeof value === 'number') this.#number(value);
    else if (value instanceof MmdbTyped) this.#typed(value);
    else if (Array.isArray(value)) {
      this.#control(TYPE.array, value.length);
      for (const v of value) this.write(v);
    } else {
      const keys = Object.keys(value);
      this.#control(TYPE.map, keys.length);
      for (const k of keys) {
        this.#string(k);
        this.write(value[k] as MmdbValue);
      }
    }
    return start;
  }

  #number(v: number): void {
    if (Number.isInteger(v) && v >= 0 && v < 2 ** 32) this.#uint(TYPE.uint32, BigInt(v));
    else if (Number.isInteger(v) && v < 0 && v >= -(2 ** 31)) this.#int32(v);
    else this.#double(v);
  }

  #typed(t: MmdbTyped): void {
    const v = t.value;
    if (t.type === 'bytes') {
      const b = v instanceof Uint8Array ? v : new Uint8Array();
      this.#control(TYPE.bytes, b.length);
      this.#raw(b);
      return;
    }
    if (v instanceof Uint8Array) throw new TypeError(`${t.type} needs a number`);
    if (t.type === 'double') this.#double(Number(v));
    else if (t.type === 'float') {
      this.#control(TYPE.float, 4);
      const b = Buffer.alloc(4);
      b.writeFloatBE(Number(v));
      this.#raw(b);
    } else if (t.type === 'int32') this.#int32(Number(v));
    else {
      const max = { uint16: 16n, uint32: 32n, uint64: 64n, uint128: 128n }[t.type];
      const big = BigInt(v);
      if (big < 0n || big >= 1n << max) throw new RangeError(`${t.type} out of range: ${big}`);
      this.#uint(TYPE[t.type], big);
    }
  }

  #string(s: string): void {
    const prev = this.#strings.get(s);
    // A pointer is 2-5 bytes: only worth it for strings longer than that.
    if (prev !== undefined) {
      this.#pointer(prev);
      return;
    }
    const bytes = Buffer.from(s, 'utf8');
    if (bytes.length > 3) this.#strings.set(s, this.#len);
    this.#control(TYPE.string, bytes.length);
    this.#raw(bytes);
  }

  /** Unsigned integers are big-endian with leading zero bytes dropped (spec: size 0 means the value 0). */
  #uint(type: number, v: bigint): void {
    const bytes: number[] = [];
    for (let x = v; x > 0n; x >>= 8n) bytes.unshift(Number(x & 0xffn));
    this.#control(type, bytes.length);
    this.#raw(bytes);
  }

  #int32(v: number): void {
    if (!Number.isInteger(v) || v < -(2 ** 31) || v >= 2 ** 31) throw new RangeError(`int32 out of range: ${v}`);
    const b = Buffer.alloc(4);
    b.writeInt32BE(v);
    // Negative values need all four bytes (two's complement); positive ones drop leading zeros.
    let skip = 0;
    if (v >= 0) while (skip < 4 && b[skip] === 0) skip++;
    this.#control(TYPE.int32, 4 - skip);
    this.#raw(b.subarray(skip));
  }

  #double(v: number): void {
    this.#control(TYPE.double, 8);
    const b = Buffer.alloc(8);
    b.writeDoubleBE(v);
    this.#raw(b);
  }

  /**
   * Pointer (spec "Pointer - 1"): control byte 001SSVVV. SS = 0: 11-bit value (VVV + 1 byte); 1: 19 bits + 2048;
   * 2: 27 bits + 526336; 3: the next four bytes, VVV ignored.
   */
  #pointer(offset: number): void {
    if (offset < 2048) this.#raw([0x20 | (offset >> 8), offset & 0xff]);
    else if (offset < 526336) {
      const v = offset - 2048;
      this.#raw([0x28 | (v >> 16), (v >> 8) & 0xff, v & 0xff]);
    } else if (offset < 134744064) {
      const v = offset - 526336;
      this.#raw([0x30 | (v >> 24), (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff]);
    } else this.#raw([0x38, offset >>> 24, (offset >> 16) & 0xff, (offset >> 8) & 0xff, offset & 0xff]);
  }

  /** Control byte (spec "Data Field Format"): type in the top 3 bits, size in the low 5, extensions after. */
  #control(type: number, size: number): void {
    const head: number[] = [];
    const typeBits = type <= 7 ? type << 5 : 0;
    let sizeBits: number;
    const sizeBytes: number[] = [];
    if (size < 29) sizeBits = size;
    else if (size < 285) {
      sizeBits = 29;
      sizeBytes.push(size - 29);
    } else if (size < 65821) {
      sizeBits = 30;
      const s = size - 285;
      sizeBytes.push(s >> 8, s & 0xff);
    } else {
      sizeBits = 31;
      const s = size - 65821;
      if (s >= 2 ** 24) throw new RangeError('value too large for the MaxMind DB format');
      sizeBytes.push(s >> 16, (s >> 8) & 0xff, s & 0xff);
    }
    head.push(typeBits | sizeBits);
    if (type > 7) head.push(type - 7);
    this.#raw([...head, ...sizeBytes]);
  }

  #raw(bytes: ArrayLike<number>): void {
    if (this.#len + bytes.length > this.#buf.length) {
      const next = Buffer.alloc(Math.max(this.#buf.length * 2, this.#len + bytes.length));
      this.#buf.copy(next, 0, 0, this.#len);
      this.#buf = next;
    }
    for (let i = 0; i < bytes.length; i++) this.#buf[this.#len + i] = bytes[i] ?? 0;
    this.#len += bytes.length;
  }
}

function canonicalKey(v: MmdbValue): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof MmdbTyped)
    return `${v.type}:${v.value instanceof Uint8Array ? Buffer.from(v.value).toString('hex') : v.value}`;
  if (Array.isArray(v)) return `[${v.map(canonicalKey).join(',')}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalKey(v[k] as MmdbValue)}`)
    .join(',')}}`;
}

function toBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

function fromBigInt(v: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = v;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

/** Splits an inclusive range into the fewest aligned CIDR blocks: [network, prefix length][]. */
export function rangeToPrefixes(first: bigint, last: bigint, bits: number): [bigint, number][] {
  if (bits === 32) return rangeToPrefixes32(Number(first), Number(last)).map(([n, p]) => [BigInt(n), p]);
  const out: [bigint, number][] = [];
  let start = first;
  while (start <= last) {
    // The largest block that starts at `start` (alignment) and does not pass `last`.
    let prefix = bits;
    while (prefix > 0) {
      const size = 1n << BigInt(bits - prefix + 1);
      if ((start & (size - 1n)) !== 0n || start + size - 1n > last) break;
      prefix--;
    }
    out.push([start, prefix]);
    start += 1n << BigInt(bits - prefix);
  }
  return out;
}

/** The same for IPv4 with plain numbers (exact below 2^53), about ten times faster than bigint. */
export function rangeToPrefixes32(first: number, last: number): [number, number][] {
  const out: [number, number][] = [];
  let start = first;
  while (start <= last) {
    let prefix = 32;
    while (prefix > 0) {
      const size = 2 ** (33 - prefix);
      if (start % size !== 0 || start + size - 1 > last) break;
      prefix--;
    }
    out.push([start, prefix]);
    start += 2 ** (32 - prefix);
  }
  return out;
}
