/**
 * What the chunk driver in capture-reader.ts needs from a capture format parser, and the counters both formats
 * keep. A parser consumes whole records in place from whatever buffer it is given and says how many bytes it
 * needs before it can make progress; the driver only copies when a record straddles a chunk boundary.
 */
import type { CapturePacketSink, CaptureSummary } from './capture-sink.js';

export interface CaptureParser {
  /**
   * Parses as many whole records as `buf[pos..]` holds and returns the offset of the first byte it did not
   * consume. `fileOffset` is the file offset of `buf[0]`, for anomaly locations.
   * May throw InputError only while reading the file header (the file is not usable at all).
   */
  parse(buf: Buffer, pos: number, fileOffset: number): number;
  /** Bytes needed from the returned position before `parse` can make progress. */
  readonly need: number;
  /** True once the file header was read (before that, damage is an InputError: the file is unusable). */
  readonly started: boolean;
  /** True once the parser gave up on the rest of the input (the reason is already counted). */
  readonly stopped: boolean;
  /** End of input: `leftover` bytes starting at `fileOffset` were not a whole record. */
  finish(leftover: number, fileOffset: number): void;
  readonly stats: CaptureStats;
}

/** Counters shared by the pcap and pcapng parsers; `frame` numbers every packet record, delivered or not. */
export class CaptureStats {
  frame = 0;
  packets = 0;
  sections = 0;
  firstTs: number | null = null;
  lastTs: number | null = null;
  readonly linkTypes: number[] = [];

  constructor(readonly sink: CapturePacketSink) {}

  noteLinkType(linkType: number): void {
    if (!this.linkTypes.includes(linkType)) this.linkTypes.push(linkType);
  }

  /**
   * Delivers one packet, the bytes `buf[off, off + len)` (frame already counted), and keeps the earliest and
   * latest timestamps. `buf` is a plain Uint8Array over the parser's chunk: a sink with `packetAt` reads it in
   * place; others get a view (a plain Uint8Array, not Buffer#subarray, which builds a FastBuffer through a JS
   * class constructor; the decoder then sees one array type).
   */
  deliver(
    linkType: number,
    buf: Uint8Array,
    off: number,
    len: number,
    origLen: number,
    tsMicros: number,
    interfaceId: number,
  ): void {
    this.packets++;
    if (this.firstTs === null || tsMicros < this.firstTs) this.firstTs = tsMicros;
    if (this.lastTs === null || tsMicros > this.lastTs) this.lastTs = tsMicros;
    this.#send(linkType, buf, off, len, origLen, tsMicros, interfaceId);
  }

  /** Delivers a packet that has no timestamp of its own and none to borrow: it does not move first/last. */
  deliverUntimed(
    linkType: number,
    buf: Uint8Array,
    off: number,
    len: number,
    origLen: number,
    interfaceId: number,
  ): void {
    this.packets++;
    this.#send(linkType, buf, off, len, origLen, 0, interfaceId);
  }

  #send(
    linkType: number,
    buf: Uint8Array,
    off: number,
    len: number,
    origLen: number,
    tsMicros: number,
    interfaceId: number,
  ): void {
    const sink = this.sink;
    if (sink.packetAt !== undefined) sink.packetAt(this.frame, linkType, buf, off, len, origLen, tsMicros, interfaceId);
    else
      sink.packet(
        this.frame,
        linkType,
        new Uint8Array(buf.buffer, buf.byteOffset + off, len),
        origLen,
        tsMicros,
        interfaceId,
      );
  }

  /** Hands a Decryption Secrets Block's secrets `buf[off, off + len)` to the sink, when it wants them. */
  secrets(secretsType: number, buf: Uint8Array, off: number, len: number): void {
    this.sink.secrets?.(secretsType, new Uint8Array(buf.buffer, buf.byteOffset + off, len));
  }

  summary(format: string, gzip: boolean, bytes: number): CaptureSummary {
    return {
      format,
      gzip,
      packets: this.packets,
      bytes,
      linkTypes: [...this.linkTypes],
      sections: this.sections,
      firstTsMicros: this.firstTs,
      lastTsMicros: this.lastTs,
    };
  }
}
