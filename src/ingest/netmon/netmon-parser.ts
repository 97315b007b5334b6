/**
 * Microsoft Network Monitor 2.x capture files (NetMon 2.x-3.4, Message Analyzer exports), little-endian
 * throughout. Learnt from Microsoft's CAPTUREFILE_HEADER_VALUES documentation and Wireshark's wiretap/netmon.c.
 *
 *   file header (72 bytes)                           frame (at the offsets the frame table lists)
 *   0  "GMBU"   4 minor (BCD)   5 major (2)           0  time offset u64: µs since the capture start
 *   6  media type of the capture (2.0; 1 in 2.1+)     8  length on the wire u32
 *   8  SYSTEMTIME of the capture start (16 bytes)     12 captured length u32
 *   24 frame table offset, length (u32 offsets)      16 data
 *   32 user data offset, length                       trailer: 2.1+ media type u16; 2.2+ process info index u32;
 *   40 comment data offset, length                    2.3+ UTC FILETIME u64 (100 ns since 1601), time zone u8
 *   48 process info offset, count (2.2+)
 *   56 extended (network) info offset, length        64 conversation statistics (unused)
 *
 * Streaming: the frame table, the comments and the process table come after the frames (NetMon writes
 * header, frames in order, frame table, comments, extended info; Wireshark pads the header to 128 bytes and
 * does the same). So the frames are read in order from the end of the header (72, or 128 when bytes 72-127 are
 * zero, as Wireshark writes them) up to the first of the sections the header points to; the frame table is read
 * only to check, when the stream reaches it, that it lists exactly the frames read (count and offsets, through a
 * running hash: memory stays constant). A file with "holes" between frames (Wireshark has seen some) shows up
 * as `netmon-frame-table-mismatch`.
 *
 * Time stamps: 2.3 frames carry their own UTC time; before 2.3 the time is the header's SYSTEMTIME (local time
 * of the capturing machine, read here as UTC; tshark reads it in the reading machine's zone) plus the offset.
 *
 * NetMon's own records (NetEvent, network info, DNS cache, filters, ...) are counted under named reasons and
 * never delivered; frames are numbered as tshark numbers them (netmon-media-types.ts). The comment table and the
 * process table are not read. TODO: NetMon 3.4 conversation/process information could name the process behind a
 * flow, as Sysmon does for logs.
 *
 * Network Monitor 1.x files ("RTSS") are recognised and refused with a clear message (no sample to test on).
 */
import type { Anomalies } from '../../core/anomalies.js';
import { InputError } from '../../core/errors.js';
import type { CaptureParser, CaptureStats } from '../capture-parser.js';
import {
  NETMON_WIFI_HEADER_MIN,
  NETMON_WIFI_HEADER_VERSION,
  type NetmonMedia,
  netmonMedia,
} from './netmon-media-types.js';

export const NETMON_HEADER_BYTES = 72;
/** Wireshark pads the header it writes to 128 bytes; its first frame is there. */
export const NETMON_PADDED_HEADER_BYTES = 128;
export const NETMON_FRAME_HEADER_BYTES = 16;
/** tshark refuses larger frames (WTAP_MAX_PACKET_SIZE_STANDARD); so does outflow, which bounds memory. */
export const NETMON_MAX_FRAME_BYTES = 262_144;
export const NETMON_MAGIC_2X = 0x55424d47; // "GMBU" read little-endian
export const NETMON_MAGIC_1X = 0x53535452; // "RTSS"
/** Microseconds between 1601-01-01 (FILETIME epoch) and 1970-01-01. */
const FILETIME_EPOCH_MICROS = 11_644_473_600_000_000;
const TWO_32 = 4_294_967_296;

/** Trailer bytes after each frame's data, by minor version: 2.0 none, 2.1 media type, 2.2 + process index. */
export function netmonTrailerBytes(minor: number): number {
  if (minor === 0) return 0;
  if (minor === 1) return 2;
  if (minor === 2) return 6;
  return 15;
}

enum State {
  Header,
  FirstFrame,
  Frames,
  SkipToTable,
  Table,
  Rest,
}

/** Folds one frame offset into the running hash that compares frames read with the frame table. */
function fold(hash: number, offset: number): number {
  return (Math.imul(hash ^ offset, 0x9e3779b1) + 0x7f4a7c15) | 0;
}

export class NetmonParser implements CaptureParser {
  need = NETMON_HEADER_BYTES;
  stopped = false;
  started = false;
  #state = State.Header;
  #minor = 0;
  #trailer = 0;
  /** Media of every frame in a 2.0 file (per frame from 2.1 on). */
  #fileMedia: NetmonMedia = netmonMedia(1);
  #startMicros = 0;
  /** File offset where the frames end (the first section the header points to), or Infinity. */
  #framesEnd = Number.POSITIVE_INFINITY;
  #tableOffset = 0;
  #tableEntries = 0;
  #tableRead = 0;
  #tableHash = 0;
  #walked = 0;
  #walkHash = 0;
  #lastLinkType = -1;
  readonly #mediaCache = new Map<number, NetmonMedia>();

  constructor(
    readonly stats: CaptureStats,
    private readonly anomalies: Anomalies,
    private readonly file: string,
  ) {}

  parse(buf: Buffer, start: number, fileOffset: number): number {
    let pos = start;
    const end = buf.length;
    if (this.#state === State.Header) {
      if (end - pos < NETMON_HEADER_BYTES) return pos;
      this.#readHeader(buf, pos);
      pos += NETMON_HEADER_BYTES;
      this.#state = State.FirstFrame;
      this.need = 1;
    }
    if (this.#state === State.FirstFrame) {
      const room = this.#framesEnd - (fileOffset + pos);
      if (room >= NETMON_PADDED_HEADER_BYTES - NETMON_HEADER_BYTES) {
        const pad = NETMON_PADDED_HEADER_BYTES - NETMON_HEADER_BYTES;
        if (end - pos < pad) {
          this.need = pad;
          return pos;
        }
        let zero = true;
        for (let i = pos; i < pos + pad; i++) {
          if (buf[i] !== 0) {
            zero = false;
            break;
          }
        }
        if (zero) pos += pad;
      }
      this.#state = State.Frames;
    }
    if (this.#state === State.Frames) {
      pos = this.#frames(buf, pos, fileOffset);
      if (this.stopped || this.#state === State.Frames) return pos;
    }
    if (this.#state === State.SkipToTable) {
      const skip = Math.min(end - pos, this.#tableOffset - (fileOffset + pos));
      pos += skip;
      if (fileOffset + pos < this.#tableOffset) {
        this.need = 1;
        return pos;
      }
      this.#state = State.Table;
    }
    if (this.#state === State.Table) {
      let hash = this.#tableHash;
      let read = this.#tableRead;
      const entries = this.#tableEntries;
      while (read < entries && end - pos >= 4) {
        hash = fold(hash, buf.readUInt32LE(pos));
        read++;
        pos += 4;
      }
      this.#tableHash = hash;
      this.#tableRead = read;
      if (read < entries) {
        this.need = 4;
        return pos;
      }
      this.#checkTable(fileOffset + pos);
      this.#state = State.Rest;
    }
    // The comment table, process table and extended info: nothing outflow reads.
    this.need = 1;
    return end;
  }

  finish(leftover: number, fileOffset: number): void {
    if (!this.started) throw new InputError(`${this.file}: Network Monitor file header is cut short`, this.file);
    if (this.#state === State.Rest) return;
    if (leftover > 0 && (this.#state === State.Frames || this.#state === State.FirstFrame)) {
      this.anomalies.add('truncated-record', {
        file: this.file,
        offset: fileOffset,
        frame: this.stats.frame + 1,
        detail: `${leftover} bytes of an incomplete frame at the end`,
      });
    }
    if (this.#tableOffset > 0) {
      this.anomalies.add('netmon-frame-table-missing', {
        file: this.file,
        offset: fileOffset + leftover,
        detail: `file ends before its frame table at ${this.#tableOffset} was read (${this.#walked} frames read)`,
      });
    }
  }

  #frames(buf: Buffer, start: number, fileOffset: number): number {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    // One plain Uint8Array over the whole chunk: packets are handed on as offsets into it (see pcap-parser.ts).
    const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    const end = buf.length;
    const framesEnd = this.#framesEnd - fileOffset;
    const trailer = this.#trailer;
    const stats = this.stats;
    let pos = start;
    for (;;) {
      if (pos >= framesEnd) {
        this.#state = State.SkipToTable;
        if (this.#tableOffset === 0) this.#state = State.Rest;
        return pos;
      }
      if (end - pos < NETMON_FRAME_HEADER_BYTES) {
        this.need = NETMON_FRAME_HEADER_BYTES;
        return pos;
      }
      const caplen = view.getUint32(pos + 12, true);
      const total = NETMON_FRAME_HEADER_BYTES + caplen + trailer;
      if (caplen > NETMON_MAX_FRAME_BYTES || pos + total > framesEnd) {
        // No length we can trust any more: frames have no marker to resynchronise on.
        this.anomalies.add('netmon-bad-frame-length', {
          file: this.file,
          offset: fileOffset + pos,
          frame: stats.frame + 1,
          detail:
            caplen > NETMON_MAX_FRAME_BYTES
              ? `captured length ${caplen} > ${NETMON_MAX_FRAME_BYTES}`
              : `captured length ${caplen} runs past the frames' end at ${this.#framesEnd}`,
        });
        this.stopped = true;
        return pos;
      }
      if (end - pos < total) {
        this.need = total;
        return pos;
      }
      this.#walked++;
      this.#walkHash = fold(this.#walkHash, fileOffset + pos);
      this.#frame(view, bytes, pos, caplen, fileOffset);
      pos += total;
    }
  }

  #frame(view: DataView, bytes: Uint8Array, pos: number, caplen: number, fileOffset: number): void {
    const stats = this.stats;
    const tpos = pos + NETMON_FRAME_HEADER_BYTES + caplen;
    const media = this.#trailer === 0 ? this.#fileMedia : this.#media(view.getUint16(tpos, true));
    if (media.kind === 'record') {
      const detail =
        this.#trailer === 0 ? 'media type of the file' : `media type 0x${view.getUint16(tpos, true).toString(16)}`;
      const offset = fileOffset + pos;
      if (media.numbered) {
        stats.frame++;
        this.anomalies.add(media.reason, { file: this.file, offset, frame: stats.frame, detail });
      } else this.anomalies.add(media.reason, { file: this.file, offset, detail });
      return;
    }
    stats.frame++;
    let ts: number;
    if (this.#minor >= 3) {
      ts = filetimeMicros(view.getUint32(tpos + 6, true), view.getUint32(tpos + 10, true));
    } else {
      ts = this.#startMicros + offsetMicros(view.getUint32(pos, true), view.getUint32(pos + 4, true));
    }
    let data = pos + NETMON_FRAME_HEADER_BYTES;
    let len = caplen;
    let origLen = view.getUint32(pos + 8, true);
    if (media.wifiHeader) {
      const hlen = len >= 3 ? view.getUint16(data + 1, true) : 0;
      if (len < 3 || bytes[data] !== NETMON_WIFI_HEADER_VERSION || hlen < NETMON_WIFI_HEADER_MIN || hlen > len) {
        this.anomalies.add('netmon-bad-wifi-header', {
          file: this.file,
          offset: fileOffset + pos,
          frame: stats.frame,
          detail: `802.11 radio header version ${len > 0 ? bytes[data] : '?'} length ${hlen} in ${len} bytes`,
        });
        return;
      }
      data += hlen;
      len -= hlen;
      origLen = Math.max(len, origLen - hlen);
    }
    const linkType = media.linkType;
    if (linkType !== this.#lastLinkType) {
      this.#lastLinkType = linkType;
      stats.noteLinkType(linkType);
    }
    stats.deliver(linkType, bytes, data, len, origLen, ts, 0);
  }

  #media(type: number): NetmonMedia {
    let media = this.#mediaCache.get(type);
    if (media === undefined) {
      media = netmonMedia(type);
      this.#mediaCache.set(type, media);
    }
    return media;
  }

  #checkTable(offset: number): void {
    if (this.#tableRead === this.#walked && this.#tableHash === this.#walkHash) return;
    this.anomalies.add('netmon-frame-table-mismatch', {
      file: this.file,
      offset,
      detail: `the frame table lists ${this.#tableRead} frames, ${this.#walked} were read in file order${
        this.#tableRead === this.#walked ? ' at other offsets' : ''
      }`,
    });
  }

  #readHeader(buf: Buffer, pos: number): void {
    const magic = buf.readUInt32LE(pos);
    if (magic === NETMON_MAGIC_1X) {
      throw new InputError(
        `${this.file}: Network Monitor 1.x capture; outflow reads 2.x (convert it with \`editcap -F pcapng\`)`,
        this.file,
      );
    }
    if (magic !== NETMON_MAGIC_2X) throw new InputError(`${this.file}: not a Network Monitor 2.x file`, this.file);
    const minor = buf[pos + 4] ?? 0;
    const major = buf[pos + 5] ?? 0;
    if (major !== 2) {
      throw new InputError(`${this.file}: Network Monitor file version ${major}.${minor} is not 2.x`, this.file);
    }
    this.started = true;
    if (minor > 3) {
      this.anomalies.add('netmon-unknown-version', { file: this.file, offset: 4, detail: `version 2.${minor}` });
    }
    this.#minor = minor;
    this.#trailer = netmonTrailerBytes(minor);
    this.#fileMedia = netmonMedia(buf.readUInt16LE(pos + 6));
    this.#startMicros = systemTimeMicros(buf, pos + 8);
    const tableOffset = buf.readUInt32LE(pos + 24);
    const tableLength = buf.readUInt32LE(pos + 28);
    if (tableOffset < NETMON_HEADER_BYTES || tableLength % 4 !== 0) {
      // Without a frame table the frames are read up to the first other section, or to the end of the file.
      this.anomalies.add('netmon-bad-frame-table', {
        file: this.file,
        offset: 24,
        detail: `offset ${tableOffset}, length ${tableLength}`,
      });
    } else {
      this.#tableOffset = tableOffset;
      this.#tableEntries = tableLength / 4;
      this.#framesEnd = tableOffset;
    }
    // Sections after the frames. Before 2.2, the comment and process fields may be uninitialised (Wireshark).
    const sections = minor >= 2 ? [32, 40, 48, 56] : [32];
    for (const field of sections) {
      const off = buf.readUInt32LE(pos + field);
      const len = buf.readUInt32LE(pos + field + 4);
      if (off >= NETMON_HEADER_BYTES && len > 0 && off < this.#framesEnd) this.#framesEnd = off;
    }
    this.stats.sections = 1;
  }
}

/** SYSTEMTIME (year, month, day of week, day, hour, minute, second, ms; u16 each) as µs since 1970, read as UTC. */
function systemTimeMicros(buf: Buffer, pos: number): number {
  const ms = Date.UTC(
    buf.readUInt16LE(pos),
    buf.readUInt16LE(pos + 2) - 1,
    buf.readUInt16LE(pos + 6),
    buf.readUInt16LE(pos + 8),
    buf.readUInt16LE(pos + 10),
    buf.readUInt16LE(pos + 12),
    buf.readUInt16LE(pos + 14),
  );
  return Number.isFinite(ms) ? ms * 1000 : 0;
}

/**
 * The 2.0-2.2 time offset: an unsigned µs count that Microsoft says to multiply by 10 and read as a signed
 * 100-ns count, so a huge value is a (small) negative offset. Floored to µs.
 */
function offsetMicros(lo: number, hi: number): number {
  if (hi < 0x200000) return hi * TWO_32 + lo;
  const hundredNs = BigInt.asIntN(64, ((BigInt(hi) << 32n) | BigInt(lo)) * 10n);
  const q = hundredNs / 10n;
  return Number(hundredNs < 0n && q * 10n !== hundredNs ? q - 1n : q);
}

/** A FILETIME (100 ns since 1601, UTC) as µs since 1970, floored, exact without BigInt. */
export function filetimeMicros(lo: number, hi: number): number {
  // floor((hi·2^32 + lo) / 10) = ⌊hi/10⌋·2^32 + ⌊((hi mod 10)·2^32 + lo) / 10⌋; the first term is exact (a
  // power-of-two multiple) and the epoch subtracted from it before the small term is added keeps every step exact.
  const hq = Math.floor(hi / 10);
  const rest = Math.floor(((hi - hq * 10) * TWO_32 + lo) / 10);
  return hq * TWO_32 - FILETIME_EPOCH_MICROS + rest;
}
