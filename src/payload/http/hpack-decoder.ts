/**
 * HPACK (RFC 7541) header block decoding for one direction of an HTTP/2 connection, on hpack.js's bit reader and
 * table (static table, dynamic table with eviction, Huffman). The representation dispatch (§6) is ours so that
 * decoding is synchronous and a malformed block fails as a value, not as a stream 'error' event.
 */
import type hpack from 'hpack.js';
import { type HttpHeader, MAX_HEADER_BLOCK_BYTES } from '../types.js';
import { hpackLib } from './hpack-lib.js';
import { DEFAULT_LENIENT_HPACK_TABLE_BYTES, MAX_DYNAMIC_TABLE_BYTES } from './limits.js';

/** SETTINGS_HEADER_TABLE_SIZE before any SETTINGS frame (RFC 9113 §6.5.2). */
export const DEFAULT_HEADER_TABLE_SIZE = 4096;

export interface HeaderBlock {
  headers: HttpHeader[];
  /** The decoded list passed MAX_HEADER_BLOCK_BYTES: later fields were decoded (the table stays right) but dropped. */
  truncated: boolean;
}

export class HpackDecoder {
  private readonly table = hpackLib().table.create({ maxSize: DEFAULT_HEADER_TABLE_SIZE });

  constructor() {
    // A passive observer may see a size update before the SETTINGS that allowed it (the two directions are read
    // independently), so updates are accepted up to a generous bound rather than the advertised value.
    this.table.protocolMaxSize = DEFAULT_LENIENT_HPACK_TABLE_BYTES;
  }

  /** The decoding peer advertised SETTINGS_HEADER_TABLE_SIZE: the encoder may now ask for up to that much. */
  allowTableSize(size: number): void {
    const bounded = Math.min(size, MAX_DYNAMIC_TABLE_BYTES);
    if (bounded > this.table.protocolMaxSize) this.table.protocolMaxSize = bounded;
  }

  /** Current dynamic table size in octets (RFC 7541 §4.1), for tests. */
  get dynamicTableSize(): number {
    return this.table.size;
  }

  /** Dynamic table entries, newest first, for tests. */
  dynamicEntries(): HttpHeader[] {
    return [...this.table.dynamic].reverse().map((e) => ({ name: e.name, value: e.value }));
  }

  /**
   * Decodes one complete header block (HEADERS/PUSH_PROMISE + CONTINUATION fragments). Null on a decoding error:
   * the dynamic table is then out of step with the encoder and the direction cannot be decoded any further.
   */
  decode(block: Uint8Array): HeaderBlock | null {
    const reader = hpackLib().decoder.create();
    reader.push(Buffer.from(block.buffer, block.byteOffset, block.length));
    const headers: HttpHeader[] = [];
    let listSize = 0;
    let truncated = false;
    try {
      while (!reader.isEmpty()) {
        const field = this.representation(reader);
        if (!field) continue;
        // RFC 7541 §4.1 sizes: a block of tiny indexed references can expand to huge lists (an "HPACK bomb").
        listSize += field.name.length + field.value.length + 32;
        if (listSize > MAX_HEADER_BLOCK_BYTES) truncated = true;
        else headers.push(field);
      }
    } catch {
      return null;
    }
    return { headers, truncated };
  }

  /** RFC 7541 §6: one field representation, or null for a dynamic table size update. */
  private representation(reader: hpack.Decoder): HttpHeader | null {
    if (reader.decodeBit()) {
      const entry = this.table.lookup(reader.decodeInt());
      return { name: entry.name, value: entry.value };
    }
    const incremental = reader.decodeBit() === 1;
    if (!incremental) {
      if (reader.decodeBit()) {
        this.table.updateSize(reader.decodeInt());
        return null;
      }
      reader.decodeBit(); // never-indexed flag: only matters to intermediaries
    }
    const index = reader.decodeInt();
    let name: string;
    let nameSize: number;
    if (index === 0) {
      const raw = reader.decodeStr();
      name = octetsToLatin1(raw);
      nameSize = raw.length;
    } else {
      const entry = this.table.lookup(index);
      name = entry.name;
      nameSize = entry.nameSize;
    }
    const rawValue = reader.decodeStr();
    const value = octetsToLatin1(rawValue);
    if (incremental) this.table.add(name, value, nameSize, rawValue.length);
    return { name, value };
  }
}

function octetsToLatin1(octets: Buffer | number[]): string {
  return Buffer.isBuffer(octets) ? octets.toString('latin1') : Buffer.from(octets).toString('latin1');
}
