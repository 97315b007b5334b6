/**
 * Link-layer header type numbers (tcpdump.org/linktypes.html: LINKTYPE_* values as stored in pcap and pcapng)
 * and the EtherType / PPP protocol numbers the link decoders dispatch on.
 */

export const LINKTYPE_NULL = 0;
export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_PPP = 9;
export const LINKTYPE_FDDI = 10;
/** DLT_RAW on some BSDs (12) and OpenBSD (14): raw IP in pcap files written there. */
export const DLT_RAW_12 = 12;
export const DLT_RAW_14 = 14;
export const LINKTYPE_PPP_HDLC = 50;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_C_HDLC = 104;
export const LINKTYPE_LOOP = 108;
export const LINKTYPE_IEEE802_11 = 105;
export const LINKTYPE_LINUX_SLL = 113;
/** Apple PKTAP as written by older macOS libpcap (the DLT value, 149 = LINKTYPE_USER2); tshark reads it so. */
export const LINKTYPE_PKTAP_DARWIN = 149;
export const LINKTYPE_IEEE802_11_RADIOTAP = 127;
export const LINKTYPE_PPI = 192;
export const LINKTYPE_IPNET = 226;
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_IPV6 = 229;
export const LINKTYPE_NFLOG = 239;
export const LINKTYPE_IPOIB = 242;
export const LINKTYPE_PKTAP = 258;
export const LINKTYPE_LINUX_SLL2 = 276;

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;
export const ETHERTYPE_VLAN = 0x8100;
export const ETHERTYPE_QINQ = 0x88a8;
/** Pre-standard stacked VLAN tag some switches still send. */
export const ETHERTYPE_QINQ_LEGACY = 0x9100;
export const ETHERTYPE_MPLS = 0x8847;
export const ETHERTYPE_MPLS_MULTICAST = 0x8848;
export const ETHERTYPE_PPPOE_SESSION = 0x8864;
/** Transparent Ethernet bridging (GRE, Geneve): an Ethernet frame follows. */
export const ETHERTYPE_TEB = 0x6558;
export const ETHERTYPE_ERSPAN_II = 0x88be;
export const ETHERTYPE_ERSPAN_III = 0x22eb;

/** PPP protocol field values (RFC 1661 §2, IANA PPP DLL protocol numbers). */
export const PPP_IPV4 = 0x0021;
export const PPP_IPV6 = 0x0057;

/** BSD address families seen in NULL/LOOP headers: AF_INET is 2 everywhere, AF_INET6 differs per OS. */
export const BSD_AF_INET = 2;
export const BSD_AF_INET6_BSD = 24;
export const BSD_AF_INET6_FREEBSD = 28;
export const BSD_AF_INET6_DARWIN = 30;
/** Linux AF_INET6, used by NFLOG's family byte. */
export const LINUX_AF_INET6 = 10;
