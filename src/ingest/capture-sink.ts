/**
 * The seam between capture readers (pcap, pcapng) and everything after them. Readers call `packet` once per
 * packet record, in file order, with a view into their own buffer. A sink that also has `packetAt` gets the
 * reader's buffer with the record's offset and length instead, so not even that view is allocated per packet.
 */
export interface CapturePacketSink {
  /**
   * @param frame      1-based frame number over the whole file, as tshark counts (all sections, all interfaces).
   * @param linkType   LINKTYPE_* value of the packet's interface (pcap header or pcapng IDB).
   * @param data       the captured bytes; valid only during this call (copy what you keep).
   * @param origLen    the packet's length on the wire (larger than data.length when cut by the snap length).
   * @param tsMicros   capture time in microseconds since the Unix epoch, UTC (pcapng if_tsoffset applied).
   * @param interfaceId pcapng interface index within its section (0 for classic pcap).
   */
  packet(
    frame: number,
    linkType: number,
    data: Uint8Array,
    origLen: number,
    tsMicros: number,
    interfaceId: number,
  ): void;
  /**
   * Optional, preferred when present: the same call with the captured bytes given as `buf[off, off + len)`.
   * `buf` is the reader's buffer (often megabytes); valid only during this call, like `data` above.
   */
  packetAt?(
    frame: number,
    linkType: number,
    buf: Uint8Array,
    off: number,
    len: number,
    origLen: number,
    tsMicros: number,
    interfaceId: number,
  ): void;
  /**
   * Optional: a pcapng Decryption Secrets Block (§4.7), in file order before the packets it decrypts.
   * @param secretsType 0x544c534b "TLSK" for an NSS key log; others (SSH, WireGuard, ZigBee, ...) as found.
   * @param data        the secrets bytes; valid only during this call (copy what you keep).
   */
  secrets?(secretsType: number, data: Uint8Array): void;
}

/** What a reader tells about the file once it has read it. */
export interface CaptureSummary {
  /** The capture format's id (capture-formats.ts). */
  format: string;
  /** True when the file was gzip-compressed (detected by magic bytes). */
  gzip: boolean;
  /** Packet records delivered to the sink. */
  packets: number;
  /** Bytes of (decompressed) capture data consumed. */
  bytes: number;
  /** Distinct link types seen, in order of first appearance. */
  linkTypes: number[];
  /** pcapng: sections read; classic pcap: 1. */
  sections: number;
  /** First and last packet timestamps (microseconds since the epoch), or null when there were no packets. */
  firstTsMicros: number | null;
  lastTsMicros: number | null;
}
