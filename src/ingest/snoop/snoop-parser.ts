/**
 * Solaris snoop (RFC 1761), all fields big-endian:
 *
 *   file header (16 bytes)                     record header (24 bytes), then the data padded to rec_len
 *   0  "snoop\0\0\0"                           0  original length      4  included length
 *   8  version (2)                             8  record length        12 cumulative drops
 *   12 datalink type (RFC 1761 / DLPI DL_*)    16 seconds              20 microseconds
 *
 * Datalink types are mapped to LINKTYPE_* as tshark maps them (wiretap/snoop.c): DL_CSMACD (0) and DL_ETHER (4)
 * are Ethernet, DL_TPR (2) Token Ring, DL_FDDI (8) FDDI, DL_OTHER (9) and DL_LOOP (14) BSD loopback, DL_FC (16)
 * IP over Fibre Channel, DL_IPATM (18) SunATM, the private ipnet type (0x80000005, Solaris 11 `snoop -I`) ipnet.
 * Any other type has no link-layer decoding: its records are counted ('snoop-unsupported-datalink'), not read.
 *
 * Shomiti/Finisar Surveyor wrote the same format (versions 2-5) with its own datalink numbers and a 16-byte
 * trailer in each record's padding; like tshark, a first record with at least 16 bytes of padding marks such a
 * file. Its Ethernet frames keep their FCS; its wireless records (type 18) start with a radio header whose 4th
 * byte is the header's length after 4 bytes, which is removed: the 802.11 frame follows.
 *
 * Lengths are checked as tshark checks them (included and original length ≤ 262144, included length within
 * the record); snoop has no marker to resynchronise on, so a bad record ends the read
 * ('snoop-bad-record-length'). Padding is skipped as it streams by, however long the record says it is.
 */
import type { Anomalies } from '../../core/anomalies.js';
import { InputError } from '../../core/errors.js';
import {
  LINKTYPE_ETHERNET,
  LINKTYPE_FDDI,
  LINKTYPE_IEEE802_11,
  LINKTYPE_IPNET,
  LINKTYPE_NULL,
} from '../../decode/link-types.js';
import type { CaptureParser, CaptureStats } from '../capture-parser.js';

export const SNOOP_MAGIC = Uint8Array.from([0x73, 0x6e, 0x6f, 0x6f, 0x70, 0x00, 0x00, 0x00]);
export const SNOOP_HEADER_BYTES = 16;
export const SNOOP_RECORD_HEADER_BYTES = 24;
/** Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD, the limit tshark applies to both lengths. */
export const SNOOP_MAX_PACKET_BYTES = 262_144;
/** Padding of at least this many bytes in the first record marks a Shomiti/Finisar Surveyor file. */
export const SHOMITI_TRAILER_BYTES = 16;
/** Snoop versions read: 2 (Solaris, Surveyor with NDIS cards), 3-5 (Surveyor 3.0 with Shomiti hardware). */
export const SNOOP_VERSIONS: readonly number[] = [2, 3, 4, 5];

const LINKTYPE_IEEE802_5 = 6;
const LINKTYPE_IP_OVER_FC = 122;
const LINKTYPE_SUNATM = 123;
/** Set in the datalink type of Solaris-private types (wiretap's SNOOP_PRIVATE_BIT). */
const SNOOP_PRIVATE_BIT = 0x80000000;
/** Shomiti's 802.11 type: records start with a radio header to remove. */
const SHOMITI_WIRELESS = 18;

/** RFC 1761 / DLPI datalink types with a link-layer decoding, as tshark maps them. */
const SNOOP_LINK_TYPES: ReadonlyMap<number, number> = new Map([
  [0, LINKTYPE_ETHERNET],
  [2, LINKTYPE_IEEE802_5],
  [4, LINKTYPE_ETHERNET],
  [8, LINKTYPE_FDDI],
  [9, LINKTYPE_NULL],
  [14, LINKTYPE_NULL],
  [16, LINKTYPE_IP_OVER_FC],
  [18, LINKTYPE_SUNATM],
  [(SNOOP_PRIVATE_BIT | 5) >>> 0, LINKTYPE_IPNET],
]);

const SHOMITI_LINK_TYPES: ReadonlyMap<number, number> = new Map([
  [0, LINKTYPE_ETHERNET],
  [2, LINKTYPE_IEEE802_5],
  [4, LINKTYPE_ETHERNET],
  [8, LINKTYPE_FDDI],
  [10, LINKTYPE_ETHERNET],
  [11, LINKTYPE_IEEE802_5],
  [12, LINKTYPE_ETHERNET],
  [13, LINKTYPE_IEEE802_5],
  [14, LINKTYPE_IEEE802_5],
  [SHOMITI_WIRELESS, LINKTYPE_IEEE802_11],
  [19, LINKTYPE_ETHERNET],
]);

export function isSnoopMagic(head: Uint8Array): boolean {
  if (head.length < SNOOP_MAGIC.length) return false;
  for (let i = 0; i < SNOOP_MAGIC.length; i++) if (head[i] !== SNOOP_MAGIC[i]) return false;
  return true;
}

export class SnoopParser implements CaptureParser {
  need = SNOOP_HEADER_BYTES;
  stopped = false;
  started = false;
  /** True once the first record told whether this is a Shomiti file (and so which link type applies). */
  #decided = false;
  #shomiti = false;
  #datalink = 0;
  /** LINKTYPE_* of the records, or null when the datalink type has no decoding. */
  #linkType: number | null = null;
  /** Padding bytes still to skip. */
  #skip = 0;

  constructor(
    readonly stats: CaptureStats,
    private readonly anomalies: Anomalies,
    private readonly file: string,
  ) {}

  /** Whether the file is a Shomiti/Finisar Surveyor capture (known after the first record). */
  get shomiti(): boolean {
    return this.#shomiti;
  }

  parse(buf: Buffer, start: number, fileOffset: number): number {
    let pos = start;
    const end = buf.length;
    if (!this.started) {
      if (end - pos < SNOOP_HEADER_BYTES) return pos;
      this.#readHeader(buf, pos);
      pos += SNOOP_HEADER_BYTES;
    }
    const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    const stats = this.stats;
    for (;;) {
      if (this.#skip > 0) {
        const n = Math.min(this.#skip, end - pos);
        pos += n;
        this.#skip -= n;
        if (this.#skip > 0) {
          this.need = 1;
          return pos;
        }
      }
      if (end - pos < SNOOP_RECORD_HEADER_BYTES) {
        this.need = SNOOP_RECORD_HEADER_BYTES;
        return pos;
      }
      const origLen = buf.readUInt32BE(pos);
      const inclLen = buf.readUInt32BE(pos + 4);
      const recLen = buf.readUInt32BE(pos + 8);
      if (
        inclLen > SNOOP_MAX_PACKET_BYTES ||
        origLen > SNOOP_MAX_PACKET_BYTES ||
        recLen < SNOOP_RECORD_HEADER_BYTES + inclLen
      ) {
        this.anomalies.add('snoop-bad-record-length', {
          file: this.file,
          offset: fileOffset + pos,
          frame: stats.frame + 1,
          detail: `original ${origLen}, included ${inclLen}, record ${recLen}`,
        });
        this.stopped = true;
        return pos;
      }
      const total = SNOOP_RECORD_HEADER_BYTES + inclLen;
      if (end - pos < total) {
        this.need = total;
        return pos;
      }
      if (!this.#decided) this.#decide(recLen - total);
      stats.frame++;
      const linkType = this.#linkType;
      if (linkType === null) {
        this.anomalies.add('snoop-unsupported-datalink', {
          file: this.file,
          offset: fileOffset + pos,
          frame: stats.frame,
          detail: `${this.#shomiti ? 'Shomiti ' : ''}datalink type ${this.#datalink}`,
        });
      } else {
        const ts = buf.readUInt32BE(pos + 16) * 1_000_000 + buf.readUInt32BE(pos + 20);
        let off = pos + SNOOP_RECORD_HEADER_BYTES;
        let len = inclLen;
        let orig = origLen;
        if (this.#shomiti && this.#datalink === SHOMITI_WIRELESS) {
          // Radio header: 4 bytes, the 4th giving the length of the rest (at least 8).
          const rest = len >= 4 ? (bytes[off + 3] ?? 0) : 0;
          if (len < 12 || rest < 8 || 4 + rest > len) {
            this.anomalies.add('snoop-bad-radio-header', {
              file: this.file,
              offset: fileOffset + pos,
              frame: stats.frame,
            });
            pos += total;
            this.#skip = recLen - total;
            continue;
          }
          off += 4 + rest;
          len -= 4 + rest;
          orig = Math.max(0, orig - 4 - rest);
        }
        stats.deliver(linkType, bytes, off, len, orig, ts, 0);
      }
      pos += total;
      this.#skip = recLen - total;
    }
  }

  finish(leftover: number, fileOffset: number): void {
    if (!this.started) throw new InputError(`${this.file}: snoop file header is cut short`, this.file);
    if (!this.#decided) this.#decide(0);
    if (leftover > 0 || this.#skip > 0) {
      this.anomalies.add('truncated-record', {
        file: this.file,
        offset: fileOffset,
        frame: this.stats.frame + (leftover > 0 ? 1 : 0),
        detail:
          leftover > 0
            ? `${leftover} bytes of an incomplete record at the end`
            : `record padding cut short by ${this.#skip} bytes`,
      });
    }
  }

  #readHeader(buf: Buffer, pos: number): void {
    if (!isSnoopMagic(buf.subarray(pos, pos + SNOOP_MAGIC.length))) {
      throw new InputError(`${this.file}: not a snoop file`, this.file);
    }
    const version = buf.readUInt32BE(pos + 8);
    if (!SNOOP_VERSIONS.includes(version)) {
      throw new InputError(`${this.file}: snoop version ${version} is not supported (2 to 5 are)`, this.file);
    }
    this.started = true;
    this.#datalink = buf.readUInt32BE(pos + 12);
    this.stats.sections = 1;
  }

  /** The first record's padding tells a Shomiti file from a snoop one (as tshark decides it). */
  #decide(padding: number): void {
    this.#decided = true;
    this.#shomiti = padding >= SHOMITI_TRAILER_BYTES;
    const linkType = (this.#shomiti ? SHOMITI_LINK_TYPES : SNOOP_LINK_TYPES).get(this.#datalink);
    this.#linkType = linkType ?? null;
    if (linkType !== undefined) this.stats.noteLinkType(linkType);
  }
}
