/**
 * Windows ETW trace files (.etl, as `pktmon start --capture` and `netsh trace start capture=yes` write them):
 * a sequence of WMI buffers, each one record for the chunk driver.
 *
 *   WMI_BUFFER_HEADER (0x48 bytes)           event headers (8-aligned, inside the buffer's used bytes)
 *   0x00 BufferSize u32: bytes on disk        system (types 1-4, 0x10-0x11): u16 version, u8 type, u8 0xc0,
 *   0x04 SavedOffset u32                        u16 size @4, u16 hook id @6, u64 timestamp @0x10 (0x20 or 0x18)
 *   0x10 timestamp u64                        EVENT_HEADER (types 0x12, 0x13): u16 size, u8 type, u8 0xc0,
 *   0x28 processor u16, logger id u16           u16 flags @4, u64 timestamp @0x10, provider GUID @0x18, id @0x28,
 *   0x30 FilledBytes u32: bytes used            version @0x2a, keywords @0x30, 0x50 bytes, [extended items],
 *   0x34 flags u16 (0x40 = LZXPRESS data)       user data
 *   0x36 type u16 (4 = header buffer)         others: size = the first u16
 *
 * The first buffer's first event is the trace logfile header (system header, hook 0): clock type, QPC
 * frequency, start time and the timestamp that pairs with it. A compressed buffer's data (after its header) is
 * plain LZ77 LZXPRESS ([MS-XCA]) of the FilledBytes - 0x48 bytes an uncompressed buffer would hold; its
 * BufferSize is then the compressed size on disk. Packet events are decoded in etl-packets.ts.
 */
import type { Anomalies } from '../../core/anomalies.js';
import { InputError } from '../../core/errors.js';
import type { CaptureParser, CaptureStats } from '../capture-parser.js';
import { CLOCK_CPU_CYCLES, CLOCK_QPC, CLOCK_SYSTEM_TIME } from './etl-clock.js';
import { EtlPacketDecoder, type EtlPacketOptions } from './etl-packets.js';
import { xpressDecompress } from './lzxpress.js';

export const WMI_BUFFER_HEADER_BYTES = 0x48;
/** ETW caps BufferSize at 16 MiB; twice that is the most one buffer (on disk or decompressed) may take here. */
export const ETL_MAX_BUFFER_BYTES = 32 * 1024 * 1024;
export const BUFFER_FLAG_COMPRESSED = 0x40;
export const SYSTEM_HEADER_BYTES = 0x20;
export const EVENT_HEADER_BYTES = 0x50;
/** TRACE_LOGFILE_HEADER bytes after the system header (64-bit pointers; 0x110 with 32-bit ones). */
export const LOGFILE_HEADER_BYTES_64 = 0x118;
export const LOGFILE_HEADER_BYTES_32 = 0x110;
/** Extended data items read per event at most. */
export const MAX_EXTENDED_ITEMS = 16;

/** Header types whose size sits at offset 4 (system, compact and perfinfo headers, 32 and 64 bit). */
function isSystemHeaderType(type: number): boolean {
  return type === 1 || type === 2 || type === 3 || type === 4 || type === 0x10 || type === 0x11;
}

/** Checks the first bytes for a WMI buffer whose first event is a trace logfile header; never throws. */
export function looksLikeEtl(head: Uint8Array): boolean {
  if (head.length < WMI_BUFFER_HEADER_BYTES + 8) return false;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const bufferSize = view.getUint32(0, true);
  if (bufferSize < WMI_BUFFER_HEADER_BYTES + SYSTEM_HEADER_BYTES + LOGFILE_HEADER_BYTES_32) return false;
  if (bufferSize > ETL_MAX_BUFFER_BYTES) return false;
  const e = WMI_BUFFER_HEADER_BYTES;
  const type = view.getUint8(e + 2);
  if (view.getUint8(e + 3) !== 0xc0 || (type !== 1 && type !== 2)) return false;
  const size = view.getUint16(e + 4, true);
  if (size < SYSTEM_HEADER_BYTES + LOGFILE_HEADER_BYTES_32 || size > bufferSize - WMI_BUFFER_HEADER_BYTES) return false;
  return view.getUint16(e + 6, true) === 0;
}

export interface EtlParserOptions extends EtlPacketOptions {}

export class EtlParser implements CaptureParser {
  need = WMI_BUFFER_HEADER_BYTES;
  stopped = false;
  started = false;
  #buffers = 0;
  #maxDecompressed = ETL_MAX_BUFFER_BYTES;
  #scratch: Uint8Array = new Uint8Array(0);
  readonly #packets: EtlPacketDecoder;

  constructor(
    readonly stats: CaptureStats,
    private readonly anomalies: Anomalies,
    private readonly file: string,
    options: EtlParserOptions = {},
  ) {
    this.#packets = new EtlPacketDecoder(stats, anomalies, file, options);
  }

  parse(buf: Buffer, start: number, fileOffset: number): number {
    let pos = start;
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    for (;;) {
      if (buf.length - pos < WMI_BUFFER_HEADER_BYTES) {
        this.need = WMI_BUFFER_HEADER_BYTES;
        return pos;
      }
      const size = view.getUint32(pos, true);
      if (size < WMI_BUFFER_HEADER_BYTES || size > ETL_MAX_BUFFER_BYTES) {
        if (!this.started) throw new InputError(`${this.file}: ETL buffer size ${size} is not usable`, this.file);
        // Buffers are found only by adding sizes: nothing to resynchronise on after a bad one.
        this.anomalies.add('etl-bad-buffer-size', {
          file: this.file,
          offset: fileOffset + pos,
          detail: `buffer ${this.#buffers + 1}: size ${size}`,
        });
        this.stopped = true;
        return pos;
      }
      if (buf.length - pos < size) {
        this.need = size;
        return pos;
      }
      if (!this.started) this.#readLogfileHeader(bytes, view, pos, size);
      this.#buffers++;
      this.#readBuffer(bytes, view, pos, size, fileOffset);
      pos += size;
    }
  }

  finish(leftover: number, fileOffset: number): void {
    if (!this.started) throw new InputError(`${this.file}: ETL header buffer is cut short`, this.file);
    this.#packets.finish(fileOffset);
    if (leftover > 0) {
      this.anomalies.add('truncated-record', {
        file: this.file,
        offset: fileOffset,
        detail: `${leftover} bytes of an incomplete ETL buffer at the end`,
      });
    }
  }

  /** Reads the trace logfile header, the first event of the first buffer; an unusable one is an InputError. */
  #readLogfileHeader(bytes: Uint8Array, view: DataView, pos: number, size: number): void {
    if (!looksLikeEtl(bytes.subarray(pos, pos + size))) {
      throw new InputError(`${this.file}: not an ETL trace (no logfile header in the first buffer)`, this.file);
    }
    const e = pos + WMI_BUFFER_HEADER_BYTES;
    const is64 = view.getUint8(e + 2) === 2;
    const h = e + SYSTEM_HEADER_BYTES;
    const need = is64 ? LOGFILE_HEADER_BYTES_64 : LOGFILE_HEADER_BYTES_32;
    if (view.getUint16(e + 4, true) < SYSTEM_HEADER_BYTES + need) {
      throw new InputError(`${this.file}: ETL logfile header is cut short`, this.file);
    }
    // Two pointers (LoggerName, LogFileName) and the 0xb0-byte time zone block precede the tail.
    const tail = h + 0x38 + (is64 ? 16 : 8) + 0xb0;
    const memoryBufferSize = view.getUint32(h, true);
    const cpuMHz = view.getUint32(h + 0x34, true);
    const perfFreq = view.getBigUint64(tail + 8, true);
    const startTime = view.getBigUint64(tail + 16, true);
    let type = view.getUint32(tail + 24, true);
    const startStamp = view.getBigUint64(e + 0x10, true);
    if (type !== CLOCK_QPC && type !== CLOCK_SYSTEM_TIME && type !== CLOCK_CPU_CYCLES) {
      // Unknown clock: the QPC formula with the recorded frequency is the best guess; say so.
      this.anomalies.add('etl-unknown-clock-type', { file: this.file, offset: tail + 24 - pos, detail: `${type}` });
      type = CLOCK_QPC;
    }
    const frequency = type === CLOCK_CPU_CYCLES ? BigInt(cpuMHz) : perfFreq;
    if (type !== CLOCK_SYSTEM_TIME && frequency === 0n) {
      throw new InputError(`${this.file}: ETL logfile header has no clock frequency (clock type ${type})`, this.file);
    }
    this.#packets.setClock({ clockType: type, startTime, startStamp, frequency });
    if (memoryBufferSize > 0) this.#maxDecompressed = Math.min(ETL_MAX_BUFFER_BYTES, memoryBufferSize);
    this.started = true;
    this.stats.sections = 1;
  }

  #readBuffer(bytes: Uint8Array, view: DataView, pos: number, size: number, fileOffset: number): void {
    const filled = view.getUint32(pos + 0x30, true);
    const flags = view.getUint16(pos + 0x34, true);
    let data = bytes;
    let from = pos + WMI_BUFFER_HEADER_BYTES;
    let to: number;
    if ((flags & BUFFER_FLAG_COMPRESSED) !== 0) {
      const expected = filled - WMI_BUFFER_HEADER_BYTES;
      if (filled < WMI_BUFFER_HEADER_BYTES || expected > this.#maxDecompressed) {
        this.anomalies.add('etl-bad-filled-bytes', {
          file: this.file,
          offset: fileOffset + pos,
          detail: `compressed buffer ${this.#buffers}: ${filled} filled bytes (at most ${this.#maxDecompressed})`,
        });
        return;
      }
      if (this.#scratch.length < expected) this.#scratch = new Uint8Array(Math.max(expected, 64 * 1024));
      const out = this.#scratch.subarray(0, expected);
      const r = xpressDecompress(bytes, from, pos + size, out);
      if (!r.ok || r.length !== expected) {
        this.anomalies.add('etl-decompression-failed', {
          file: this.file,
          offset: fileOffset + pos,
          detail: `buffer ${this.#buffers}: ${r.ok ? 'short' : r.reason}, ${r.length} of ${expected} bytes`,
        });
      }
      data = this.#scratch;
      from = 0;
      to = r.length;
    } else {
      if (filled > size) {
        this.anomalies.add('etl-bad-filled-bytes', {
          file: this.file,
          offset: fileOffset + pos,
          detail: `buffer ${this.#buffers}: ${filled} filled bytes > size ${size}`,
        });
      }
      to = pos + Math.max(WMI_BUFFER_HEADER_BYTES, Math.min(filled, size));
    }
    this.#readEvents(data, from, to, fileOffset + pos);
  }

  /** Walks the events of one buffer's data `data[from, to)`; `at` is the buffer's file offset for anomalies. */
  #readEvents(data: Uint8Array, from: number, to: number, at: number): void {
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    let p = from;
    while (to - p >= 8) {
      const marker = view.getUint32(p, true);
      if (marker === 0xffffffff || marker === 0) return; // padding: the rest of the buffer is unused
      const type = (marker >>> 16) & 0xff;
      const size = isSystemHeaderType(type) ? view.getUint16(p + 4, true) : marker & 0xffff;
      if (size < 8 || size > to - p) {
        this.anomalies.add('etl-bad-event-size', {
          file: this.file,
          offset: at,
          detail: `event at ${p - from} of the buffer's data: size ${size}, ${to - p} bytes left`,
        });
        return;
      }
      if ((type === 0x12 || type === 0x13) && marker >>> 24 === 0xc0) this.#readEventHeader(data, view, p, size, at);
      p += (size + 7) & ~7;
    }
  }

  #readEventHeader(data: Uint8Array, view: DataView, p: number, size: number, at: number): void {
    if (size < EVENT_HEADER_BYTES) {
      this.anomalies.add('etl-bad-event-size', {
        file: this.file,
        offset: at,
        detail: `event header of ${size} bytes`,
      });
      return;
    }
    const decoder = this.#packets;
    const provider = decoder.providerOf(view, p + 0x18);
    if (provider === 0) return;
    let user = p + EVENT_HEADER_BYTES;
    const end = p + size;
    if ((view.getUint16(p + 4, true) & 0x01) !== 0) {
      // EVENT_HEADER_FLAG_EXTENDED_INFO: items of {u16 size (8-aligned), u16 type, u16 linkage, u16 data size}.
      for (let i = 0; ; i++) {
        if (i >= MAX_EXTENDED_ITEMS || end - user < 8) {
          this.anomalies.add('etl-bad-extended-data', { file: this.file, offset: at, detail: `item ${i + 1}` });
          return;
        }
        const itemSize = view.getUint16(user, true);
        const more = (view.getUint16(user + 4, true) & 1) !== 0;
        if (itemSize < 8 || itemSize > end - user) {
          this.anomalies.add('etl-bad-extended-data', {
            file: this.file,
            offset: at,
            detail: `item ${i + 1} of ${itemSize} bytes`,
          });
          return;
        }
        user += (itemSize + 7) & ~7;
        if (!more) break;
      }
      if (user > end) {
        this.anomalies.add('etl-bad-extended-data', { file: this.file, offset: at, detail: 'items past the event' });
        return;
      }
    }
    decoder.event(provider, data, view, p, user, end, at);
  }
}
