/**
 * Packet events inside an ETL trace, after the container (etl-parser.ts) found their EVENT_HEADER:
 *
 * Microsoft-Windows-PktMon {4d4f80d9-c8bd-4d73-bb5b-19c90402c5ac}, events 160 (packet) and 170 (drop), user data
 *   0 PktGroupId u64   8 PktNumber u16   10 AppearanceCount u16   12 DirTag u16   14 PacketType u16
 *   16 ComponentId u16  18 EdgeId u16    20 FilterId u16   22 DropReason u32   26 DropLocation u32
 *   30 OriginalPayloadSize u16   32 LoggedPayloadSize u16   34 payload (LoggedPayloadSize bytes)
 * PacketType 1 Ethernet, 2 802.11, 3 IP. pktmon logs a packet once at every component it crosses (appearance
 * 1, 2, ...): by default only the first event of each (PktGroupId, PktNumber) is delivered (etl-seen.ts).
 *
 * Microsoft-Windows-NDIS-PacketCapture {2ed6006e-4729-4609-b423-3ee7bcd678ef} (netsh trace), as etl2pcapng
 * reads it: event 1001 (fragment) user data MiniportIfIndex u32, LowerIfIndex u32, FragmentSize u32, Fragment;
 * keywords 0x40000000 packet start, 0x80000000 packet end (fragments are joined until the end),
 * 0x10000 native 802.11, 0x200 WWAN (raw IP), else Ethernet. 1002 (metadata) carries no packet bytes; 1003
 * (VMSwitch fragment) has its fragment after more fields and is counted, not decoded.
 */
import type { Anomalies } from '../../core/anomalies.js';
import type { CaptureStats } from '../capture-parser.js';
import { type EtlClock, EtlTimestamps } from './etl-clock.js';
import { SeenPackets } from './etl-seen.js';

export const PROVIDER_PKTMON = 1;
export const PROVIDER_NDIS_CAPTURE = 2;

export const PKTMON_EVENT_PACKET = 160;
export const PKTMON_EVENT_DROP = 170;
export const PKTMON_METADATA_BYTES = 34;
export const NDIS_EVENT_FRAGMENT = 1001;
export const NDIS_EVENT_METADATA = 1002;
export const NDIS_EVENT_VMSWITCH_FRAGMENT = 1003;
export const NDIS_FRAGMENT_HEADER_BYTES = 12;

export const KW_MEDIA_WIRELESS_WAN = 0x200n;
export const KW_MEDIA_NATIVE_802_11 = 0x10000n;
export const KW_PACKET_START = 0x40000000n;
export const KW_PACKET_END = 0x80000000n;

export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_IEEE802_11 = 105;

/** Bytes one joined NDIS packet may reach (etl2pcapng's buffer is 256 KiB as well). */
export const NDIS_MAX_PACKET_BYTES = 256 * 1024;

// Provider GUIDs as four little-endian u32 words of their on-disk bytes.
const PKTMON_GUID = [0x4d4f80d9, 0x4d73c8bd, 0xc9195bbb, 0xacc50204] as const;
const NDIS_GUID = [0x2ed6006e, 0x46094729, 0xe73e23b4, 0xef78d6bc] as const;

export interface EtlPacketOptions {
  /** Deliver every pktmon appearance of a packet (as `pktmon etl2pcap` does), not only the first. */
  allAppearances?: boolean;
}

function pktmonLinkType(packetType: number): number | null {
  if (packetType === 1) return LINKTYPE_ETHERNET;
  if (packetType === 2) return LINKTYPE_IEEE802_11;
  if (packetType === 3) return LINKTYPE_RAW;
  return null;
}

/** Length on the wire as the IP header says, when the captured bytes are cut short (as etl2pcapng infers it). */
function inferredLength(linkType: number, buf: Uint8Array, off: number, len: number): number {
  let ip = off;
  if (linkType === LINKTYPE_ETHERNET) {
    if (len < 14) return len;
    const etherType = ((buf[off + 12] as number) << 8) | (buf[off + 13] as number);
    if (etherType !== 0x0800 && etherType !== 0x86dd) return len;
    ip = off + 14;
  } else if (linkType !== LINKTYPE_RAW) return len;
  const avail = off + len - ip;
  if (avail < 20) return len;
  const version = (buf[ip] as number) >>> 4;
  let total = 0;
  if (version === 4) total = ((buf[ip + 2] as number) << 8) | (buf[ip + 3] as number);
  else if (version === 6 && avail >= 40) total = 40 + (((buf[ip + 4] as number) << 8) | (buf[ip + 5] as number));
  else return len;
  return Math.max(len, ip - off + total);
}

export class EtlPacketDecoder {
  #timestamps = new EtlTimestamps({ clockType: 2, startTime: 0n, startStamp: 0n, frequency: 1n });
  /** Packets already delivered; null when every appearance is delivered. */
  readonly #seen: SeenPackets | null;
  readonly #interfaces = new Map<number, number>();
  /** The last link type looked up and its interface id (a trace rarely mixes link types). */
  #lastLinkType = -1;
  #lastInterface = 0;
  #fragments: Uint8Array | null = null;
  #fragmentLen = 0;
  #fragmentAt = 0;

  constructor(
    private readonly stats: CaptureStats,
    private readonly anomalies: Anomalies,
    private readonly file: string,
    options: EtlPacketOptions,
  ) {
    this.#seen = options.allAppearances === true ? null : new SeenPackets();
  }

  /** Sets the trace's clock, from the logfile header. */
  setClock(clock: EtlClock): void {
    this.#timestamps = new EtlTimestamps(clock);
  }

  /** Which packet provider wrote the event whose provider GUID starts at `off` (0: none we read). */
  providerOf(view: DataView, off: number): number {
    const a = view.getUint32(off, true);
    if (a === PKTMON_GUID[0]) {
      return view.getUint32(off + 4, true) === PKTMON_GUID[1] &&
        view.getUint32(off + 8, true) === PKTMON_GUID[2] &&
        view.getUint32(off + 12, true) === PKTMON_GUID[3]
        ? PROVIDER_PKTMON
        : 0;
    }
    if (a === NDIS_GUID[0]) {
      return view.getUint32(off + 4, true) === NDIS_GUID[1] &&
        view.getUint32(off + 8, true) === NDIS_GUID[2] &&
        view.getUint32(off + 12, true) === NDIS_GUID[3]
        ? PROVIDER_NDIS_CAPTURE
        : 0;
    }
    return 0;
  }

  /**
   * One event of a packet provider: its EVENT_HEADER at `data[p]`, user data `data[user, end)`; `at` is the
   * file offset of the buffer holding it.
   */
  event(provider: number, data: Uint8Array, view: DataView, p: number, user: number, end: number, at: number): void {
    const id = view.getUint16(p + 0x28, true);
    if (provider === PROVIDER_PKTMON) {
      if (id === PKTMON_EVENT_PACKET || id === PKTMON_EVENT_DROP) this.#pktmon(data, view, p, user, end, at);
      return;
    }
    if (id === NDIS_EVENT_FRAGMENT) this.#ndisFragment(data, view, p, user, end, at);
    else if (id === NDIS_EVENT_VMSWITCH_FRAGMENT) {
      this.anomalies.add('etl-ndis-vmswitch-fragment', { file: this.file, offset: at, detail: 'not decoded' });
    }
  }

  /** End of input: a packet still waiting for its last fragment is counted, not delivered. */
  finish(fileOffset: number): void {
    if (this.#fragmentLen > 0 || this.#fragments !== null) {
      this.anomalies.add('etl-ndis-unfinished-packet', {
        file: this.file,
        offset: this.#fragmentAt,
        detail: `${this.#fragmentLen} bytes without a packet-end fragment before ${fileOffset}`,
      });
      this.#fragments = null;
      this.#fragmentLen = 0;
    }
  }

  #timestamp(view: DataView, p: number): number {
    return this.#timestamps.at(view, p + 0x10);
  }

  #interface(linkType: number): number {
    if (linkType === this.#lastLinkType) return this.#lastInterface;
    let id = this.#interfaces.get(linkType);
    if (id === undefined) {
      id = this.#interfaces.size;
      this.#interfaces.set(linkType, id);
      this.stats.noteLinkType(linkType);
    }
    this.#lastLinkType = linkType;
    this.#lastInterface = id;
    return id;
  }

  #pktmon(data: Uint8Array, view: DataView, p: number, user: number, end: number, at: number): void {
    const stats = this.stats;
    if (end - user < PKTMON_METADATA_BYTES) {
      stats.frame++;
      this.anomalies.add('etl-pktmon-short-event', {
        file: this.file,
        offset: at,
        frame: stats.frame,
        detail: `${end - user} bytes of user data`,
      });
      return;
    }
    const packetType = view.getUint16(user + 14, true);
    const original = view.getUint16(user + 30, true);
    let logged = view.getUint16(user + 32, true);
    const linkType = pktmonLinkType(packetType);
    if (linkType === null) {
      stats.frame++;
      this.anomalies.add('etl-pktmon-unknown-packet-type', {
        file: this.file,
        offset: at,
        frame: stats.frame,
        detail: `PacketType ${packetType}`,
      });
      return;
    }
    const seen = this.#seen;
    if (seen?.seenBefore(view.getUint32(user, true), view.getUint32(user + 4, true), view.getUint16(user + 8, true))) {
      return;
    }
    stats.frame++;
    const payload = user + PKTMON_METADATA_BYTES;
    if (logged > end - payload) {
      this.anomalies.add('etl-pktmon-payload-cut', {
        file: this.file,
        offset: at,
        frame: stats.frame,
        detail: `LoggedPayloadSize ${logged}, ${end - payload} bytes in the event`,
      });
      logged = end - payload;
    }
    stats.deliver(
      linkType,
      data,
      payload,
      logged,
      Math.max(original, logged),
      this.#timestamp(view, p),
      this.#interface(linkType),
    );
  }

  #ndisFragment(data: Uint8Array, view: DataView, p: number, user: number, end: number, at: number): void {
    const stats = this.stats;
    if (end - user < NDIS_FRAGMENT_HEADER_BYTES) {
      stats.frame++;
      this.anomalies.add('etl-ndis-short-event', { file: this.file, offset: at, frame: stats.frame });
      return;
    }
    const keywords = view.getBigUint64(p + 0x30, true);
    let size = view.getUint32(user + 8, true);
    const fragment = user + NDIS_FRAGMENT_HEADER_BYTES;
    if (size > end - fragment) {
      this.anomalies.add('etl-ndis-fragment-cut', {
        file: this.file,
        offset: at,
        frame: stats.frame + 1,
        detail: `FragmentSize ${size}, ${end - fragment} bytes in the event`,
      });
      size = end - fragment;
    }
    const isStart = (keywords & KW_PACKET_START) !== 0n;
    const isEnd = (keywords & KW_PACKET_END) !== 0n;
    const linkType =
      (keywords & KW_MEDIA_NATIVE_802_11) !== 0n
        ? LINKTYPE_IEEE802_11
        : (keywords & KW_MEDIA_WIRELESS_WAN) !== 0n
          ? LINKTYPE_RAW
          : LINKTYPE_ETHERNET;
    if (isStart && this.#fragments !== null) {
      stats.frame++;
      this.anomalies.add('etl-ndis-unfinished-packet', {
        file: this.file,
        offset: this.#fragmentAt,
        frame: stats.frame,
        detail: `${this.#fragmentLen} bytes, then a new packet started`,
      });
      this.#fragments = null;
      this.#fragmentLen = 0;
    }
    if (isEnd && this.#fragments === null) {
      // The usual case since Windows 8.1: one event, one packet, delivered in place.
      stats.frame++;
      stats.deliver(
        linkType,
        data,
        fragment,
        size,
        inferredLength(linkType, data, fragment, size),
        this.#timestamp(view, p),
        this.#interface(linkType),
      );
      return;
    }
    if (this.#fragments === null) {
      this.#fragments = new Uint8Array(Math.min(NDIS_MAX_PACKET_BYTES, Math.max(2048, size * 2)));
      this.#fragmentLen = 0;
      this.#fragmentAt = at;
    }
    if (this.#fragmentLen + size > NDIS_MAX_PACKET_BYTES) {
      stats.frame++;
      this.anomalies.add('etl-ndis-packet-too-large', {
        file: this.file,
        offset: at,
        frame: stats.frame,
        detail: `more than ${NDIS_MAX_PACKET_BYTES} bytes of fragments`,
      });
      this.#fragments = null;
      this.#fragmentLen = 0;
      return;
    }
    if (this.#fragmentLen + size > this.#fragments.length) {
      const grown = new Uint8Array(Math.min(NDIS_MAX_PACKET_BYTES, (this.#fragmentLen + size) * 2));
      grown.set(this.#fragments.subarray(0, this.#fragmentLen));
      this.#fragments = grown;
    }
    this.#fragments.set(data.subarray(fragment, fragment + size), this.#fragmentLen);
    this.#fragmentLen += size;
    if (!isEnd) return;
    const joined = this.#fragments;
    const len = this.#fragmentLen;
    this.#fragments = null;
    this.#fragmentLen = 0;
    stats.frame++;
    stats.deliver(
      linkType,
      joined,
      0,
      len,
      inferredLength(linkType, joined, 0, len),
      this.#timestamp(view, p),
      this.#interface(linkType),
    );
  }
}
