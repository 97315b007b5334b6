/**
 * Microsoft Network Monitor 2.x writer (see src/ingest/netmon/netmon-parser.ts for the layout), for tests and
 * samples: header, frames in order, frame table, then optional comment and extended-info sections, as NetMon 3.4
 * lays them out. `padHeader` writes Wireshark's layout instead (header padded with zeros to 128 bytes).
 */
import { netmonTrailerBytes } from '../ingest/netmon/netmon-parser.js';

export interface NetmonWriterOptions {
  /** Minor version 0-3 (2.0: no trailer; 2.1: media type; 2.2: + process index; 2.3: + UTC time). Default 3. */
  minor?: number;
  /** Media type in the header (the type of every frame in 2.0). Default 1 (Ethernet). */
  mediaType?: number;
  /** Capture start (SYSTEMTIME, written as UTC, ms precision); default the first frame's time. */
  startMicros?: number;
  /** Pad the header to 128 bytes as Wireshark does. */
  padHeader?: boolean;
  /** Bytes written after the frame table, announced as the comment section (or raw, with `commentRaw`). */
  comments?: Uint8Array;
  /** Bytes after the comments, announced as extended (network) info. */
  extendedInfo?: Uint8Array;
  /** Replaces the frame table written (for damage tests); by default the true offsets. */
  frameTable?: readonly number[];
  /** Writes no frame table, offset 0 and length 0 in the header (a capture whose table was never written). */
  noFrameTable?: boolean;
}

export interface NetmonFrame {
  data: Uint8Array;
  tsMicros: number;
  /** Length on the wire; defaults to data.length. */
  origLen?: number;
  /** Per-frame media type (2.1+); defaults to the header's. */
  mediaType?: number;
}

export const NETMON_WRITER_HEADER_BYTES = 72;
const FILETIME_EPOCH_MICROS = 11_644_473_600_000_000n;

function systemTime(b: Buffer, pos: number, micros: number): void {
  const d = new Date(Math.floor(micros / 1000));
  const fields = [
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDay(),
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  ];
  fields.forEach((v, i) => {
    b.writeUInt16LE(v, pos + i * 2);
  });
}

/** One frame record: header, data, trailer (media type, process index 0xffffffff, FILETIME, time zone 0xff). */
export function netmonFrameRecord(frame: NetmonFrame, minor: number, startMicros: number, mediaType: number): Buffer {
  const trailer = netmonTrailerBytes(minor);
  const b = Buffer.alloc(16 + frame.data.length + trailer);
  const deltaMicros = BigInt(frame.tsMicros) - BigInt(startMicros);
  b.writeBigUInt64LE(BigInt.asUintN(64, deltaMicros), 0);
  b.writeUInt32LE(frame.origLen ?? frame.data.length, 8);
  b.writeUInt32LE(frame.data.length, 12);
  b.set(frame.data, 16);
  const t = 16 + frame.data.length;
  if (trailer >= 2) b.writeUInt16LE(frame.mediaType ?? mediaType, t);
  if (trailer >= 6) b.writeUInt32LE(0xffffffff, t + 2);
  if (trailer >= 15) {
    b.writeBigUInt64LE((BigInt(frame.tsMicros) + FILETIME_EPOCH_MICROS) * 10n, t + 6);
    b.writeUInt8(0xff, t + 14);
  }
  return b;
}

/** A whole NetMon 2.x file. */
export function writeNetmon(opts: NetmonWriterOptions, frames: readonly NetmonFrame[]): Buffer {
  const minor = opts.minor ?? 3;
  const mediaType = opts.mediaType ?? 1;
  const firstTs = frames[0]?.tsMicros ?? 0;
  // SYSTEMTIME holds milliseconds: offsets are taken from the start as written.
  const startMicros = Math.floor((opts.startMicros ?? firstTs) / 1000) * 1000;
  const headerBytes = opts.padHeader === true ? 128 : NETMON_WRITER_HEADER_BYTES;
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let off = headerBytes;
  for (const f of frames) {
    const rec = netmonFrameRecord(f, minor, startMicros, mediaType);
    offsets.push(off);
    parts.push(rec);
    off += rec.length;
  }
  const tableEntries = opts.noFrameTable === true ? [] : (opts.frameTable ?? offsets);
  const table = Buffer.alloc(tableEntries.length * 4);
  tableEntries.forEach((v, i) => {
    table.writeUInt32LE(v >>> 0, i * 4);
  });
  const tableOffset = off;
  off += table.length;
  const comments = opts.comments ?? new Uint8Array(0);
  const commentOffset = off;
  off += comments.length;
  const ext = opts.extendedInfo ?? new Uint8Array(0);
  const extOffset = off;

  const h = Buffer.alloc(headerBytes);
  h.write('GMBU', 0, 'latin1');
  h.writeUInt8(minor, 4);
  h.writeUInt8(2, 5);
  h.writeUInt16LE(mediaType, 6);
  systemTime(h, 8, startMicros);
  if (opts.noFrameTable !== true) {
    h.writeUInt32LE(tableOffset, 24);
    h.writeUInt32LE(table.length, 28);
  }
  if (comments.length > 0) {
    h.writeUInt32LE(commentOffset, 40);
    h.writeUInt32LE(comments.length, 44);
  }
  if (ext.length > 0) {
    h.writeUInt32LE(extOffset, 56);
    h.writeUInt32LE(ext.length, 60);
  }
  return Buffer.concat([h, ...parts, table, comments, ext]);
}
