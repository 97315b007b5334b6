/**
 * QPACK decoding (RFC 9204) for one direction of an HTTP/3 connection: the dynamic table fed by the peer's
 * encoder stream (§4.3) and the field sections of HEADERS/PUSH_PROMISE frames (§4.5), with the static table,
 * post-base references, Huffman strings and Required Insert Count / Base decoding. A section that needs inserts
 * not yet seen is "blocked": the caller keeps it and retries with the Required Insert Count this returned.
 *
 * Entries evicted from the table are remembered for a while (bounded): the streams of one connection may be
 * handed to us in another order than the peer processed them, and a section may then arrive after the encoder
 * stream has moved on past entries it references.
 */
import { type HttpHeader, MAX_HEADER_BLOCK_BYTES } from '../types.js';
import { MAX_DYNAMIC_TABLE_BYTES } from './limits.js';
import { readPrefixedInt, readString } from './prefixed-int.js';
import { QPACK_STATIC_TABLE } from './qpack-static-table.js';

/** Evicted entries kept for late references, in octets (RFC 9204 §3.2.1 sizes). */
export const QPACK_EVICTED_HISTORY_BYTES = 64 << 10;
/** Encoder-stream octets buffered while an instruction is incomplete. */
const MAX_PENDING_INSTRUCTION_BYTES = 2 * MAX_DYNAMIC_TABLE_BYTES + 32;

interface Entry {
  name: string;
  value: string;
  size: number;
}

export type SectionResult =
  | { kind: 'headers'; headers: HttpHeader[]; truncated: boolean }
  /** Needs `requiredInsertCount` inserts (null: the table capacity from SETTINGS is not known yet). */
  | { kind: 'blocked'; requiredInsertCount: number | null }
  | { kind: 'error' };

type Instruction = { consumed: number } | undefined | null;

export class QpackDecoder {
  /** entries[head + k] has absolute index firstIndex + k; live entries start at liveStart. */
  private entries: Entry[] = [];
  private head = 0;
  private firstIndex = 0;
  private liveStart = 0;
  private inserts = 0;
  private tableSize = 0;
  private historySize = 0;
  private capacity = 0;
  private maxTableCapacity: number | null = null;
  private pending = new Uint8Array(0);
  private encoderFailed = false;

  /** Total inserts so far (RFC 9204 §3.2.4 "Insert Count"). */
  get insertCount(): number {
    return this.inserts;
  }

  /** The encoder stream could not be read: sections needing more inserts will never be decodable. */
  get failed(): boolean {
    return this.encoderFailed;
  }

  get settingsKnown(): boolean {
    return this.maxTableCapacity !== null;
  }

  /** Current dynamic table size and capacity in octets, for tests. */
  get size(): number {
    return this.tableSize;
  }

  get tableCapacity(): number {
    return this.capacity;
  }

  /** SETTINGS_QPACK_MAX_TABLE_CAPACITY of the decoding peer: fixes MaxEntries for Required Insert Count. */
  setMaxTableCapacity(value: number): void {
    this.maxTableCapacity = Math.min(value, MAX_DYNAMIC_TABLE_BYTES);
  }

  /** Encoder stream octets (after the stream type). Returns false once the stream is unreadable. */
  onEncoderStream(data: Uint8Array): boolean {
    if (this.encoderFailed) return false;
    const buf = this.pending.length === 0 ? data : concatBytes(this.pending, data);
    let at = 0;
    while (at < buf.length) {
      const result = this.instruction(buf.subarray(at));
      if (result === undefined) break;
      if (result === null) {
        this.encoderFailed = true;
        this.pending = new Uint8Array(0);
        return false;
      }
      at += result.consumed;
    }
    this.pending = buf.slice(at);
    if (this.pending.length > MAX_PENDING_INSTRUCTION_BYTES) {
      this.encoderFailed = true;
      this.pending = new Uint8Array(0);
      return false;
    }
    return true;
  }

  /** RFC 9204 §4.3: one encoder instruction; undefined when incomplete, null when invalid. */
  private instruction(buf: Uint8Array): Instruction {
    const first = buf[0] ?? 0;
    if (first & 0x80) {
      // Insert with name reference: 1 T index(6) value
      const index = readPrefixedInt(buf, 0, 6);
      if (!index) return undefined;
      const value = readString(buf, index.next, 7, MAX_DYNAMIC_TABLE_BYTES);
      if (!value) return value;
      const name = first & 0x40 ? QPACK_STATIC_TABLE[index.value]?.[0] : this.relative(index.value)?.name;
      if (name === undefined) return null;
      return this.insert(name, value.value) ? { consumed: value.next } : null;
    }
    if (first & 0x40) {
      // Insert with literal name: 01 H length(5) name value
      const name = readString(buf, 0, 5, MAX_DYNAMIC_TABLE_BYTES);
      if (!name) return name;
      const value = readString(buf, name.next, 7, MAX_DYNAMIC_TABLE_BYTES);
      if (!value) return value;
      return this.insert(name.value, value.value) ? { consumed: value.next } : null;
    }
    const n = readPrefixedInt(buf, 0, 5);
    if (!n) return undefined;
    if (first & 0x20) {
      // Set dynamic table capacity
      if (n.value > MAX_DYNAMIC_TABLE_BYTES) return null;
      this.capacity = n.value;
      this.evictTo(this.capacity);
      return { consumed: n.next };
    }
    // Duplicate: 000 relative index(5)
    const entry = this.relative(n.value);
    if (!entry) return null;
    return this.insert(entry.name, entry.value) ? { consumed: n.next } : null;
  }

  /** Encoder-stream relative index: 0 is the most recent insert (§3.2.5). */
  private relative(index: number): Entry | undefined {
    return this.absolute(this.inserts - 1 - index);
  }

  private absolute(abs: number): Entry | undefined {
    if (!Number.isInteger(abs) || abs < this.firstIndex || abs >= this.inserts) return undefined;
    return this.entries[this.head + (abs - this.firstIndex)];
  }

  private insert(name: string, value: string): boolean {
    const size = name.length + value.length + 32;
    if (size > this.capacity) return false;
    this.evictTo(this.capacity - size);
    this.entries.push({ name, value, size });
    this.tableSize += size;
    this.inserts++;
    return true;
  }

  /** Evicts the oldest live entries until the table holds at most `limit` octets. */
  private evictTo(limit: number): void {
    while (this.tableSize > limit && this.liveStart < this.inserts) {
      const entry = this.absolute(this.liveStart);
      const size = entry?.size ?? 0;
      this.tableSize -= size;
      this.historySize += size;
      this.liveStart++;
    }
    while (this.historySize > QPACK_EVICTED_HISTORY_BYTES && this.firstIndex < this.liveStart) {
      this.historySize -= this.entries[this.head]?.size ?? 0;
      this.head++;
      this.firstIndex++;
    }
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  /**
   * Decodes one field section (§4.5). `requiredInsertCount` is passed back when retrying a blocked section, so
   * that it is not decoded again against a later insert count.
   */
  decodeSection(block: Uint8Array, requiredInsertCount?: number | null): SectionResult {
    const encoded = readPrefixedInt(block, 0, 8);
    if (!encoded) return { kind: 'error' };
    let ric = requiredInsertCount ?? null;
    if (ric === null) {
      if (encoded.value === 0) ric = 0;
      else if (this.maxTableCapacity === null) return { kind: 'blocked', requiredInsertCount: null };
      else {
        const decoded = decodeRequiredInsertCount(encoded.value, this.maxTableCapacity, this.inserts);
        if (decoded === null) return { kind: 'error' };
        ric = decoded;
      }
    }
    const delta = readPrefixedInt(block, encoded.next, 7);
    if (!delta) return { kind: 'error' };
    const negative = ((block[encoded.next] ?? 0) & 0x80) !== 0;
    if (negative && delta.value >= ric) return { kind: 'error' };
    const base = negative ? ric - delta.value - 1 : ric + delta.value;
    if (ric > this.inserts) {
      return this.encoderFailed ? { kind: 'error' } : { kind: 'blocked', requiredInsertCount: ric };
    }
    return this.fieldLines(block, delta.next, base, ric);
  }

  private fieldLines(block: Uint8Array, start: number, base: number, ric: number): SectionResult {
    const headers: HttpHeader[] = [];
    let listSize = 0;
    let truncated = false;
    // References must stay below the Required Insert Count (§2.2.3).
    const dynamic = (abs: number): Entry | undefined => (abs < ric ? this.absolute(abs) : undefined);
    let at = start;
    while (at < block.length) {
      const first = block[at] ?? 0;
      let field: HttpHeader | undefined;
      if (first & 0x80) {
        // Indexed field line: 1 T index(6)
        const index = readPrefixedInt(block, at, 6);
        if (!index) return { kind: 'error' };
        const entry = first & 0x40 ? staticEntry(index.value) : dynamic(base - 1 - index.value);
        if (!entry) return { kind: 'error' };
        field = { name: entry.name, value: entry.value };
        at = index.next;
      } else if (first & 0x40) {
        // Literal with name reference: 01 N T index(4) value
        const index = readPrefixedInt(block, at, 4);
        if (!index) return { kind: 'error' };
        const entry = first & 0x10 ? staticEntry(index.value) : dynamic(base - 1 - index.value);
        const value = readString(block, index.next, 7, MAX_HEADER_BLOCK_BYTES);
        if (!entry || !value) return { kind: 'error' };
        field = { name: entry.name, value: value.value };
        at = value.next;
      } else if (first & 0x20) {
        // Literal with literal name: 001 N H length(3) name value
        const name = readString(block, at, 3, MAX_HEADER_BLOCK_BYTES);
        if (!name) return { kind: 'error' };
        const value = readString(block, name.next, 7, MAX_HEADER_BLOCK_BYTES);
        if (!value) return { kind: 'error' };
        field = { name: name.value, value: value.value };
        at = value.next;
      } else if (first & 0x10) {
        // Indexed field line with post-base index: 0001 index(4)
        const index = readPrefixedInt(block, at, 4);
        if (!index) return { kind: 'error' };
        const entry = dynamic(base + index.value);
        if (!entry) return { kind: 'error' };
        field = { name: entry.name, value: entry.value };
        at = index.next;
      } else {
        // Literal with post-base name reference: 0000 N index(3) value
        const index = readPrefixedInt(block, at, 3);
        if (!index) return { kind: 'error' };
        const entry = dynamic(base + index.value);
        const value = readString(block, index.next, 7, MAX_HEADER_BLOCK_BYTES);
        if (!entry || !value) return { kind: 'error' };
        field = { name: entry.name, value: value.value };
        at = value.next;
      }
      listSize += field.name.length + field.value.length + 32;
      if (listSize > MAX_HEADER_BLOCK_BYTES) truncated = true;
      else headers.push(field);
    }
    return { kind: 'headers', headers, truncated };
  }
}

function staticEntry(index: number): { name: string; value: string } | undefined {
  const e = QPACK_STATIC_TABLE[index];
  return e ? { name: e[0], value: e[1] } : undefined;
}

/** RFC 9204 §4.5.1.1; null when the encoded value is impossible. */
export function decodeRequiredInsertCount(
  encoded: number,
  maxTableCapacity: number,
  totalInserts: number,
): number | null {
  if (encoded === 0) return 0;
  const maxEntries = Math.floor(maxTableCapacity / 32);
  const fullRange = 2 * maxEntries;
  if (maxEntries === 0 || encoded > fullRange) return null;
  const maxValue = totalInserts + maxEntries;
  const maxWrapped = Math.floor(maxValue / fullRange) * fullRange;
  let ric = maxWrapped + encoded - 1;
  if (ric > maxValue) {
    if (ric <= fullRange) return null;
    ric -= fullRange;
  }
  return ric === 0 ? null : ric;
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
