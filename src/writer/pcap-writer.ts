/**
 * Classic pcap writer (draft-ietf-opsawg-pcap §4, §5), for tests, samples and benchmarks. `recordInto` writes
 * straight into a caller's buffer so a benchmark can emit millions of records without an allocation each.
 */

export interface PcapWriterOptions {
  linkType: number;
  /** Default 262144. */
  snaplen?: number;
  /** Nanosecond timestamps (magic a1b23c4d). */
  nanosecond?: boolean;
  bigEndian?: boolean;
  /** "Modified" pcap (magic a1b2cd34): 8 more bytes per record header, µs timestamps. */
  modified?: boolean;
  /** Bits 16-31 of the link-type field (FCS length and flags, §4); 0 by default. */
  linkTypeHighBits?: number;
  /** Version in the header; 2.4 by default. */
  version?: [number, number];
}

export interface PcapPacket {
  data: Uint8Array;
  tsMicros: number;
  /** Length on the wire; defaults to data.length. */
  origLen?: number;
}

export const PCAP_FILE_HEADER_BYTES = 24;

export class PcapWriter {
  readonly #le: boolean;
  readonly #nanos: boolean;
  readonly recordHeaderBytes: number;

  constructor(readonly opts: PcapWriterOptions) {
    this.#le = opts.bigEndian !== true;
    this.#nanos = opts.nanosecond === true && opts.modified !== true;
    this.recordHeaderBytes = opts.modified === true ? 24 : 16;
  }

  header(): Buffer {
    const b = Buffer.alloc(PCAP_FILE_HEADER_BYTES);
    const magic = this.opts.modified === true ? 0xa1b2cd34 : this.#nanos ? 0xa1b23c4d : 0xa1b2c3d4;
    const [major, minor] = this.opts.version ?? [2, 4];
    const linkField = ((this.opts.linkTypeHighBits ?? 0) << 16) | (this.opts.linkType & 0xffff);
    if (this.#le) {
      b.writeUInt32LE(magic, 0);
      b.writeUInt16LE(major, 4);
      b.writeUInt16LE(minor, 6);
      b.writeUInt32LE(this.opts.snaplen ?? 262_144, 16);
      b.writeUInt32LE(linkField >>> 0, 20);
    } else {
      b.writeUInt32BE(magic, 0);
      b.writeUInt16BE(major, 4);
      b.writeUInt16BE(minor, 6);
      b.writeUInt32BE(this.opts.snaplen ?? 262_144, 16);
      b.writeUInt32BE(linkField >>> 0, 20);
    }
    return b;
  }

  /** Bytes one record of `dataLength` captured bytes takes. */
  recordSize(dataLength: number): number {
    return this.recordHeaderBytes + dataLength;
  }

  record(data: Uint8Array, tsMicros: number, origLen?: number): Buffer {
    const out = Buffer.allocUnsafe(this.recordSize(data.length));
    this.recordInto(out, 0, data, tsMicros, origLen);
    return out;
  }

  /** Writes one record at `offset` (the caller makes room: recordSize) and returns the offset after it. */
  recordInto(out: Buffer, offset: number, data: Uint8Array, tsMicros: number, origLen?: number): number {
    const sec = Math.floor(tsMicros / 1_000_000);
    const micros = tsMicros - sec * 1_000_000;
    const frac = this.#nanos ? micros * 1000 : micros;
    const orig = origLen ?? data.length;
    if (this.#le) {
      out.writeUInt32LE(sec >>> 0, offset);
      out.writeUInt32LE(frac, offset + 4);
      out.writeUInt32LE(data.length, offset + 8);
      out.writeUInt32LE(orig, offset + 12);
    } else {
      out.writeUInt32BE(sec >>> 0, offset);
      out.writeUInt32BE(frac, offset + 4);
      out.writeUInt32BE(data.length, offset + 8);
      out.writeUInt32BE(orig, offset + 12);
    }
    if (this.recordHeaderBytes > 16) out.fill(0, offset + 16, offset + this.recordHeaderBytes);
    out.set(data, offset + this.recordHeaderBytes);
    return offset + this.recordHeaderBytes + data.length;
  }
}

/** A whole pcap file in memory. */
export function writePcap(opts: PcapWriterOptions, packets: PcapPacket[]): Buffer {
  const w = new PcapWriter(opts);
  let size = PCAP_FILE_HEADER_BYTES;
  for (const p of packets) size += w.recordSize(p.data.length);
  const out = Buffer.allocUnsafe(size);
  w.header().copy(out, 0);
  let offset = PCAP_FILE_HEADER_BYTES;
  for (const p of packets) offset = w.recordInto(out, offset, p.data, p.tsMicros, p.origLen);
  return out;
}
