/**
 * Classic pcap (draft-ietf-opsawg-pcap §4, §5):
 *
 *   file header (24 bytes)                      record header (16 bytes, 24 in "modified" pcap)
 *   0  magic       a1b2c3d4 µs / a1b23c4d ns   0  ts seconds
 *   4  major u16 (2)  6 minor u16 (4)           4  ts µs or ns
 *   8  reserved (thiszone)  12 reserved (sigfigs) 8  captured length
 *   16 snaplen                                  12 original length
 *   20 FCS bits (28-31) + link type (0-15)      [16 ifindex u32, protocol u16, pkt_type u8, pad u8]
 *
 * The magic's byte order is the file's byte order. "Modified" pcap (magic a1b2cd34, Alexey Kuznetzov's
 * patches) has µs timestamps and 8 extra bytes per record header.
 */
import type { Anomalies } from '../../core/anomalies.js';
import { InputError } from '../../core/errors.js';
import type { CaptureParser, CaptureStats } from '../capture-parser.js';

export const PCAP_HEADER_BYTES = 24;
export const MAGIC_MICROS = 0xa1b2c3d4;
export const MAGIC_NANOS = 0xa1b23c4d;
export const MAGIC_MODIFIED = 0xa1b2cd34;
/** Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD: records up to this size are always accepted. */
export const PCAP_STANDARD_MAX_RECORD = 262_144;
/** Hard cap on one record, whatever the header's snaplen says. */
export const PCAP_MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** Byte order and timestamp unit for a pcap magic (read little-endian), or null. */
export function pcapMagicInfo(magicLe: number): { littleEndian: boolean; nanos: boolean; modified: boolean } | null {
  const be = ((magicLe & 0xff) << 24) | ((magicLe & 0xff00) << 8) | ((magicLe >>> 8) & 0xff00) | (magicLe >>> 24);
  for (const [value, littleEndian] of [
    [magicLe >>> 0, true],
    [be >>> 0, false],
  ] as const) {
    if (value === MAGIC_MICROS) return { littleEndian, nanos: false, modified: false };
    if (value === MAGIC_NANOS) return { littleEndian, nanos: true, modified: false };
    if (value === MAGIC_MODIFIED) return { littleEndian, nanos: false, modified: true };
  }
  return null;
}

export class PcapParser implements CaptureParser {
  need = PCAP_HEADER_BYTES;
  stopped = false;
  started = false;
  #le = true;
  #nanos = false;
  #recordHeader = 16;
  #linkType = 0;
  #maxRecord = PCAP_STANDARD_MAX_RECORD;

  constructor(
    readonly stats: CaptureStats,
    private readonly anomalies: Anomalies,
    private readonly file: string,
  ) {}

  parse(buf: Buffer, start: number, fileOffset: number): number {
    let pos = start;
    if (!this.started) {
      if (buf.length - pos < PCAP_HEADER_BYTES) return pos;
      this.#readHeader(buf, pos);
      pos += PCAP_HEADER_BYTES;
    }
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    // One plain Uint8Array over the whole chunk: records are handed on as offsets into it (no view per packet).
    const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    const end = buf.length;
    const le = this.#le;
    const hdr = this.#recordHeader;
    const max = this.#maxRecord;
    const linkType = this.#linkType;
    const nanos = this.#nanos;
    const stats = this.stats;
    for (;;) {
      if (end - pos < hdr) {
        this.need = hdr;
        return pos;
      }
      const caplen = view.getUint32(pos + 8, le);
      if (caplen > max) {
        // No length we can trust any more: pcap has no marker to resynchronise on.
        this.anomalies.add('pcap-bad-record-length', {
          file: this.file,
          offset: fileOffset + pos,
          frame: stats.frame + 1,
          detail: `captured length ${caplen} > ${max}`,
        });
        this.stopped = true;
        return pos;
      }
      const total = hdr + caplen;
      if (end - pos < total) {
        this.need = total;
        return pos;
      }
      const sec = view.getUint32(pos, le);
      const frac = view.getUint32(pos + 4, le);
      const origLen = view.getUint32(pos + 12, le);
      stats.frame++;
      const ts = sec * 1_000_000 + (nanos ? Math.floor(frac / 1000) : frac);
      stats.deliver(linkType, bytes, pos + hdr, caplen, origLen, ts, 0);
      pos += total;
    }
  }

  finish(leftover: number, fileOffset: number): void {
    if (!this.started) throw new InputError(`${this.file}: pcap file header is cut short`, this.file);
    if (leftover > 0) {
      this.anomalies.add('truncated-record', {
        file: this.file,
        offset: fileOffset,
        frame: this.stats.frame + 1,
        detail: `${leftover} bytes of an incomplete record at the end`,
      });
    }
  }

  #readHeader(buf: Buffer, pos: number): void {
    const info = pcapMagicInfo(buf.readUInt32LE(pos));
    if (info === null) throw new InputError(`${this.file}: not a pcap file`, this.file);
    this.started = true;
    this.#le = info.littleEndian;
    this.#nanos = info.nanos;
    this.#recordHeader = info.modified ? 24 : 16;
    const le = info.littleEndian;
    const major = le ? buf.readUInt16LE(pos + 4) : buf.readUInt16BE(pos + 4);
    const minor = le ? buf.readUInt16LE(pos + 6) : buf.readUInt16BE(pos + 6);
    if (major !== 2) {
      this.anomalies.add('pcap-unknown-version', { file: this.file, offset: 4, detail: `version ${major}.${minor}` });
    }
    const snaplen = le ? buf.readUInt32LE(pos + 16) : buf.readUInt32BE(pos + 16);
    const linkField = le ? buf.readUInt32LE(pos + 20) : buf.readUInt32BE(pos + 20);
    // §4: bits 16-31 carry FCS information and reserved bits; the link type is the low 16 bits.
    this.#linkType = linkField & 0xffff;
    if ((linkField & 0x03ff0000) !== 0) {
      // Reserved bits 16-25 must be zero; libpcap and tshark refuse such files. We read on, but say so.
      this.anomalies.add('pcap-link-type-reserved-bits', {
        file: this.file,
        offset: 20,
        detail: `0x${linkField.toString(16)}`,
      });
    }
    this.#maxRecord = Math.min(PCAP_MAX_RECORD_BYTES, Math.max(PCAP_STANDARD_MAX_RECORD, snaplen));
    this.stats.sections = 1;
    this.stats.noteLinkType(this.#linkType);
  }
}
