/**
 * pcapng block walker (draft-ietf-opsawg-pcapng). Every block (§3.1):
 *
 *   0 block type   4 block total length   8 body ...   len-4 block total length (again)
 *
 * A Section Header Block (§4.1) sets the byte order (its type is a palindrome; its byte-order magic says the
 * rest) and resets the interface list. Packet blocks: Enhanced (§4.3), Simple (§4.4) and the obsolete Packet
 * Block (Appendix A); each one is a frame, numbered like tshark numbers them. Custom blocks and systemd journal
 * export blocks are frames to tshark 4.0 too (checked with tshark 4.0.17): they take a frame number but are not
 * delivered. A Decryption Secrets Block (§4.7) hands its secrets to the sink (TLS key logs). Everything else
 * (NRB, ISB, unknown or local-use types) is skipped by its length.
 *
 * Damage policy: a block whose length cannot be trusted (too small, not a multiple of 4, above MAX_BLOCK_BYTES,
 * trailing copy differs) ends the walk with a named anomaly — pcapng has no reliable marker to resynchronise
 * on. A block that is well framed but inconsistent inside (caplen past its end, unknown interface) is counted
 * and skipped, and the walk goes on.
 */
import type { Anomalies } from '../../core/anomalies.js';
import { InputError } from '../../core/errors.js';
import type { CaptureParser, CaptureStats } from '../capture-parser.js';
import {
  BLOCK_CUSTOM_COPY,
  BLOCK_CUSTOM_NO_COPY,
  BLOCK_DSB,
  BLOCK_EPB,
  BLOCK_IDB,
  BLOCK_PB,
  BLOCK_SHB,
  BLOCK_SPB,
  BLOCK_SYSTEMD_JOURNAL,
  BYTE_ORDER_MAGIC,
  MAX_BLOCK_BYTES,
  MIN_BLOCK_BYTES,
} from './block-types.js';
import { InterfaceTable } from './interfaces.js';

const SHB_MIN_BYTES = 28;
const IDB_MIN_BYTES = 20;
const EPB_MIN_BYTES = 32; // also the obsolete Packet Block
const SPB_MIN_BYTES = 16;
/** Block header and trailer (12) plus secrets type and secrets length (§4.7). */
const DSB_MIN_BYTES = 20;
const BYTE_ORDER_MAGIC_SWAPPED = 0x4d3c2b1a;

export class PcapngParser implements CaptureParser {
  need = MIN_BLOCK_BYTES;
  stopped = false;
  started = false;
  #le = true;
  readonly #ifaces = new InterfaceTable();
  /** Timestamp of the previous timed packet: Simple Packet Blocks carry none (§4.4). */
  #prevTs: number | null = null;

  constructor(
    readonly stats: CaptureStats,
    private readonly anomalies: Anomalies,
    private readonly file: string,
  ) {}

  parse(buf: Buffer, start: number, fileOffset: number): number {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    // One plain Uint8Array over the chunk: packets are handed on as offsets into it (see pcap-parser.ts).
    const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    const end = buf.length;
    let pos = start;
    for (;;) {
      if (end - pos < MIN_BLOCK_BYTES) {
        this.need = MIN_BLOCK_BYTES;
        return pos;
      }
      const type = view.getUint32(pos, this.#le);
      if (type === BLOCK_SHB) {
        const bom = view.getUint32(pos + 8, true);
        if (bom === BYTE_ORDER_MAGIC) this.#le = true;
        else if (bom === BYTE_ORDER_MAGIC_SWAPPED) this.#le = false;
        else {
          this.#fatal('pcapng-bad-byte-order-magic', fileOffset + pos, `0x${bom.toString(16)}`);
          return pos;
        }
      } else if (!this.started) {
        this.#fatal('pcapng-no-section-header', fileOffset + pos, `block type 0x${type.toString(16)}`);
        return pos;
      }
      const le = this.#le;
      const len = view.getUint32(pos + 4, le);
      if (len < MIN_BLOCK_BYTES || len % 4 !== 0 || len > MAX_BLOCK_BYTES) {
        this.#fatal('pcapng-bad-block-length', fileOffset + pos, `type 0x${type.toString(16)} length ${len}`);
        return pos;
      }
      if (end - pos < len) {
        this.need = len;
        return pos;
      }
      const trailer = view.getUint32(pos + len - 4, le);
      if (trailer !== len) {
        this.#fatal('pcapng-block-length-mismatch', fileOffset + pos, `leading ${len}, trailing ${trailer}`);
        return pos;
      }
      switch (type) {
        case BLOCK_EPB:
        case BLOCK_PB:
          this.#packet(view, bytes, pos, len, type === BLOCK_EPB, fileOffset);
          break;
        case BLOCK_SPB:
          this.#simplePacket(view, bytes, pos, len, fileOffset);
          break;
        case BLOCK_IDB:
          this.#interface(view, pos, len, fileOffset);
          break;
        case BLOCK_SHB:
          if (!this.#section(view, pos, len, fileOffset)) return pos;
          break;
        case BLOCK_CUSTOM_COPY:
        case BLOCK_CUSTOM_NO_COPY:
        case BLOCK_SYSTEMD_JOURNAL:
          // Not packets, but tshark 4.0 shows each as a frame; counting them keeps frame numbers aligned.
          this.stats.frame++;
          break;
        case BLOCK_DSB:
          this.#secrets(view, bytes, pos, len, fileOffset);
          break;
        default:
          // NRB, ISB, unknown and local-use types: nothing we read (§3.1: skip by length).
          break;
      }
      pos += len;
    }
  }

  finish(leftover: number, fileOffset: number): void {
    if (!this.started) throw new InputError(`${this.file}: pcapng section header is cut short`, this.file);
    if (leftover > 0) {
      this.anomalies.add('truncated-block', {
        file: this.file,
        offset: fileOffset,
        detail: `${leftover} bytes of an incomplete block at the end`,
      });
    }
  }

  #packet(view: DataView, bytes: Uint8Array, pos: number, len: number, enhanced: boolean, fileOffset: number): void {
    const stats = this.stats;
    stats.frame++;
    if (len < EPB_MIN_BYTES) {
      this.#packetAnomaly('pcapng-bad-packet-block', fileOffset + pos, `length ${len}`);
      return;
    }
    const le = this.#le;
    const iface = enhanced ? view.getUint32(pos + 8, le) : view.getUint16(pos + 8, le);
    const caplen = view.getUint32(pos + 20, le);
    // The data (padded) and the trailing length must fit in the block.
    if (caplen > len - EPB_MIN_BYTES) {
      this.#packetAnomaly('pcapng-bad-caplen', fileOffset + pos, `captured length ${caplen} in a ${len}-byte block`);
      return;
    }
    const ifaces = this.#ifaces;
    const linkType = ifaces.linkType[iface];
    if (iface >= ifaces.count || linkType === undefined || linkType < 0) {
      this.#packetAnomaly('pcapng-unknown-interface', fileOffset + pos, `interface ${iface}`);
      return;
    }
    const ts = ifaces.micros(iface, view.getUint32(pos + 12, le), view.getUint32(pos + 16, le));
    this.#prevTs = ts;
    const origLen = view.getUint32(pos + 24, le);
    stats.deliver(linkType, bytes, pos + 28, caplen, origLen, ts, iface);
  }

  #simplePacket(view: DataView, bytes: Uint8Array, pos: number, len: number, fileOffset: number): void {
    const stats = this.stats;
    stats.frame++;
    if (len < SPB_MIN_BYTES) {
      this.#packetAnomaly('pcapng-bad-packet-block', fileOffset + pos, `length ${len}`);
      return;
    }
    const ifaces = this.#ifaces;
    const linkType = ifaces.linkType[0];
    if (ifaces.count === 0 || linkType === undefined || linkType < 0) {
      this.#packetAnomaly('pcapng-unknown-interface', fileOffset + pos, 'simple packet block without interface 0');
      return;
    }
    const origLen = view.getUint32(pos + 8, this.#le);
    // §4.4: captured length = min(original length, snaplen of interface 0, room in the block).
    const snaplen = ifaces.snaplen[0] ?? 0;
    const expected = snaplen > 0 && snaplen < origLen ? snaplen : origLen;
    const room = len - SPB_MIN_BYTES;
    // A block too small for min(original length, snaplen) is damage to tshark; deliver what it holds.
    if (expected > room) this.#packetAnomaly('pcapng-spb-short', fileOffset + pos, `${room} bytes for ${expected}`);
    const caplen = Math.min(expected, room);
    if (this.#prevTs === null) stats.deliverUntimed(linkType, bytes, pos + 12, caplen, origLen, 0);
    else stats.deliver(linkType, bytes, pos + 12, caplen, origLen, this.#prevTs, 0);
  }

  /** Decryption Secrets Block (§4.7): secrets type, secrets length, secrets (padded), options. */
  #secrets(view: DataView, bytes: Uint8Array, pos: number, len: number, fileOffset: number): void {
    if (len < DSB_MIN_BYTES) {
      this.anomalies.add('pcapng-bad-secrets-block', {
        file: this.file,
        offset: fileOffset + pos,
        detail: `length ${len}`,
      });
      return;
    }
    const secretsType = view.getUint32(pos + 8, this.#le);
    const secretsLength = view.getUint32(pos + 12, this.#le);
    if (secretsLength > len - DSB_MIN_BYTES) {
      this.anomalies.add('pcapng-bad-secrets-block', {
        file: this.file,
        offset: fileOffset + pos,
        detail: `${secretsLength} bytes of secrets in a ${len}-byte block`,
      });
      return;
    }
    this.stats.secrets(secretsType, bytes, pos + 16, secretsLength);
  }

  #interface(view: DataView, pos: number, len: number, fileOffset: number): void {
    if (len < IDB_MIN_BYTES) {
      // Keep the slot so later interface IDs still line up; its packets are counted as unknown-interface.
      this.#ifaces.addInvalid();
      this.anomalies.add('pcapng-bad-interface-block', {
        file: this.file,
        offset: fileOffset + pos,
        detail: `length ${len}`,
      });
      return;
    }
    const ok = this.#ifaces.add(view, pos + 8, pos + len - 4, this.#le);
    if (!ok) {
      this.anomalies.add('pcapng-bad-option', {
        file: this.file,
        offset: fileOffset + pos,
        detail: 'interface option runs past its block',
      });
    }
    const linkType = this.#ifaces.linkType[this.#ifaces.count - 1];
    if (linkType !== undefined) this.stats.noteLinkType(linkType);
  }

  /** Returns false when the section cannot be read (walk stopped). */
  #section(view: DataView, pos: number, len: number, fileOffset: number): boolean {
    if (len < SHB_MIN_BYTES) {
      this.#fatal('pcapng-bad-block-length', fileOffset + pos, `section header length ${len}`);
      return false;
    }
    const major = view.getUint16(pos + 12, this.#le);
    const minor = view.getUint16(pos + 14, this.#le);
    // §4.1: a reader must not read a section whose major version it does not know.
    if (major !== 1) {
      this.#fatal('pcapng-unsupported-version', fileOffset + pos, `version ${major}.${minor}`);
      return false;
    }
    if (minor !== 0 && minor !== 2) {
      // §4.1: 1.0 is current; 1.2 was written by some old tools and reads the same. tshark refuses others.
      this.anomalies.add('pcapng-unknown-minor-version', {
        file: this.file,
        offset: fileOffset + pos,
        detail: `${major}.${minor}`,
      });
    }
    this.started = true;
    this.stats.sections++;
    this.#ifaces.reset();
    return true;
  }

  /** Damage inside one packet block (the block itself is well framed). */
  #packetAnomaly(reason: string, offset: number, detail: string): void {
    this.anomalies.add(reason, { file: this.file, offset, frame: this.stats.frame, detail });
  }

  /** Damage that ends the walk; before the first section header, the file is not usable at all. */
  #fatal(reason: string, offset: number, detail: string): void {
    if (!this.started) {
      throw new InputError(`${this.file}: not a readable pcapng file (${reason}: ${detail})`, this.file);
    }
    this.anomalies.add(reason, { file: this.file, offset, detail });
    this.stopped = true;
  }
}
