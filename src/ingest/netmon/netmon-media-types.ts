/**
 * Network Monitor media types ("MacType" in the file header, and per frame in the 2.1+ frame trailer) and what
 * outflow makes of each, following tshark's reading (Wireshark wiretap/netmon.c):
 *
 *   0, 1   Ethernet (0 is written by some NetMon 3.4 VPN captures over Ethernet frames)  → LINKTYPE_ETHERNET
 *   2      Token Ring → LINKTYPE_IEEE802_5      3  FDDI (bit-swapped) → LINKTYPE_FDDI
 *   4      NDIS WAN, used for ATM with a 16-byte NetMon ATM header: not delivered (no LINKTYPE carries it)
 *   6      802.11 behind NetMon's own radio header (version 2, header length u16 at 1): the header is stripped and
 *          the frame delivered as LINKTYPE_IEEE802_11 (tshark shows it as "IEEE 802.11 plus Network Monitor radio
 *          header", so its frame.len is the header's length larger than ours)
 *   7, 8, 9  tunnel interfaces, wireless WAN, raw IP frames → LINKTYPE_RAW
 *   0xE000 | n  a converted pcap file: LINKTYPE n (n = low 12 bits), except 0xE080-0xE08A (Message Analyzer's own
 *          types): 0xE080 is plain 802.11, 0xE083-0xE088 are WFP captures (not delivered), the rest tshark refuses
 *   0xFFE0 NetEvent (an ETW event), 0xFFFB extended network info, 0xFFFF a NetMon filter string: frames to tshark
 *          (they take a frame number) but not packets
 *   0xFFFC payload header, 0xFFFD network info, 0xFFFE DNS cache: tshark skips them without a frame number
 *
 * Types tshark refuses (5, 10, 11, any other value) stop tshark's read; outflow counts and skips such a frame and
 * reads on.
 */
import { LINKTYPE_ETHERNET, LINKTYPE_FDDI, LINKTYPE_IEEE802_11, LINKTYPE_RAW } from '../../decode/link-types.js';

export const LINKTYPE_IEEE802_5 = 6;

export const NETMON_MEDIA_PCAP_BASE = 0xe000;
export const NETMON_MEDIA_WIFI_MESSAGE = 0xe080;
export const NETMON_MEDIA_NETEVENT = 0xffe0;
export const NETMON_MEDIA_NETWORK_INFO_EX = 0xfffb;
export const NETMON_MEDIA_PAYLOAD_HEADER = 0xfffc;
export const NETMON_MEDIA_NETWORK_INFO = 0xfffd;
export const NETMON_MEDIA_DNS_CACHE = 0xfffe;
export const NETMON_MEDIA_FILTER = 0xffff;
/** The NetMon 802.11 radio header media type, and that header's version and smallest length. */
export const NETMON_MEDIA_WIFI = 6;
export const NETMON_WIFI_HEADER_VERSION = 2;
export const NETMON_WIFI_HEADER_MIN = 32;

/** What one frame is: a packet of a link type, or a NetMon record skipped under a named reason. */
export type NetmonMedia =
  | { kind: 'packet'; linkType: number; wifiHeader: boolean }
  | { kind: 'record'; reason: string; numbered: boolean };

const packet = (linkType: number, wifiHeader = false): NetmonMedia => ({ kind: 'packet', linkType, wifiHeader });
const record = (reason: string, numbered = true): NetmonMedia => ({ kind: 'record', reason, numbered });

const UNSUPPORTED = record('netmon-unsupported-media-type');

/** Media types 0-11 (NDIS medium numbers, partly reused by the 2.x format). */
const CLASSIC: readonly NetmonMedia[] = [
  packet(LINKTYPE_ETHERNET),
  packet(LINKTYPE_ETHERNET),
  packet(LINKTYPE_IEEE802_5),
  packet(LINKTYPE_FDDI),
  record('netmon-atm-frame'),
  UNSUPPORTED,
  packet(LINKTYPE_IEEE802_11, true),
  packet(LINKTYPE_RAW),
  packet(LINKTYPE_RAW),
  packet(LINKTYPE_RAW),
  UNSUPPORTED,
  UNSUPPORTED,
];

const SPECIAL = new Map<number, NetmonMedia>([
  [NETMON_MEDIA_NETEVENT, record('netmon-netevent-record')],
  [NETMON_MEDIA_NETWORK_INFO_EX, record('netmon-network-info-record')],
  [NETMON_MEDIA_FILTER, record('netmon-filter-record')],
  // tshark reads past these without giving them a frame number.
  [NETMON_MEDIA_PAYLOAD_HEADER, record('netmon-payload-header-record', false)],
  [NETMON_MEDIA_NETWORK_INFO, record('netmon-network-info-record', false)],
  [NETMON_MEDIA_DNS_CACHE, record('netmon-dns-cache-record', false)],
]);

/** What a media type means to outflow (see the table above). */
export function netmonMedia(type: number): NetmonMedia {
  const classic = CLASSIC[type];
  if (classic !== undefined) return classic;
  if (type >= NETMON_MEDIA_WIFI_MESSAGE && type <= 0xe08a) {
    if (type === NETMON_MEDIA_WIFI_MESSAGE) return packet(LINKTYPE_IEEE802_11);
    if (type >= 0xe083 && type <= 0xe088) return record('netmon-wfp-record');
    return UNSUPPORTED;
  }
  if ((type & 0xf000) === NETMON_MEDIA_PCAP_BASE) return packet(type & 0x0fff);
  return SPECIAL.get(type) ?? UNSUPPORTED;
}
