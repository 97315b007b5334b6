/**
 * Builds whole conversations as Ethernet frames, with correct sequence and acknowledgement numbers, for the
 * benchmark, the samples and end-to-end tests: a TCP connection (handshake, data both ways, close) and UDP
 * exchanges. Frames go to a sink with their capture time, in the order a capture on the client would see them.
 */
import { buildFrame, type LinkOptions } from './packet-builder.js';

export type FrameSink = (frame: Uint8Array, tsMicros: number) => void;

export interface Endpoint {
  ip: string;
  port: number;
}

export interface ConversationOptions {
  client: Endpoint;
  server: Endpoint;
  /** Time of the first packet (µs since the epoch). */
  startMicros: number;
  /** Round-trip time between the capture point (the client) and the server, µs. */
  rttMicros: number;
  link?: LinkOptions;
  /** TCP maximum segment size. */
  mss?: number;
  /** Client's initial sequence number (defaults to a value derived from the ports). */
  clientIsn?: number;
  serverIsn?: number;
}

const versionOf = (ip: string): 4 | 6 => (ip.includes(':') ? 6 : 4);

export class TcpConversation {
  #clientSeq: number;
  #serverSeq: number;
  #now: number;
  readonly #o: ConversationOptions;
  readonly #sink: FrameSink;

  constructor(sink: FrameSink, options: ConversationOptions) {
    this.#sink = sink;
    this.#o = options;
    this.#now = options.startMicros;
    this.#clientSeq = options.clientIsn ?? (options.client.port * 7919 + 12345) >>> 0;
    this.#serverSeq = options.serverIsn ?? (options.server.port * 104729 + 54321) >>> 0;
  }

  get now(): number {
    return this.#now;
  }

  /** Moves the clock on (e.g. think time between requests). */
  wait(micros: number): this {
    this.#now += micros;
    return this;
  }

  #emit(fromClient: boolean, flags: string, payload?: Uint8Array): void {
    const o = this.#o;
    const [src, dst] = fromClient ? [o.client, o.server] : [o.server, o.client];
    const frame = buildFrame({
      ...(o.link ?? { link: 'ether' as const }),
      ip: { version: versionOf(src.ip), src: src.ip, dst: dst.ip },
      tcp: {
        srcPort: src.port,
        dstPort: dst.port,
        seq: fromClient ? this.#clientSeq : this.#serverSeq,
        ack: flags.includes('A') ? (fromClient ? this.#serverSeq : this.#clientSeq) : 0,
        flags,
        ...(payload !== undefined && payload.length > 0 ? { payload } : {}),
      },
    });
    this.#sink(frame, Math.round(this.#now));
    const advance = (payload?.length ?? 0) + (flags.includes('S') || flags.includes('F') ? 1 : 0);
    if (fromClient) this.#clientSeq = (this.#clientSeq + advance) >>> 0;
    else this.#serverSeq = (this.#serverSeq + advance) >>> 0;
  }

  /** SYN, SYN-ACK, ACK as seen at the client: the SYN-ACK arrives one RTT after the SYN. */
  handshake(): this {
    this.#emit(true, 'S');
    this.#now += this.#o.rttMicros;
    this.#emit(false, 'SA');
    this.#now += 30;
    this.#emit(true, 'A');
    return this;
  }

  /** Client data, cut into the given segment sizes (or MSS-sized), acknowledged by the server. */
  clientSends(data: Uint8Array, segmentSizes?: number[]): this {
    for (const seg of cut(data, segmentSizes, this.#o.mss ?? 1460)) {
      this.#now += 20;
      this.#emit(true, 'PA', seg);
    }
    this.#now += this.#o.rttMicros;
    this.#emit(false, 'A');
    return this;
  }

  /** Server data in MSS-sized segments; the client acknowledges every second one. */
  serverSends(data: Uint8Array): this {
    let n = 0;
    for (const seg of cut(data, undefined, this.#o.mss ?? 1460)) {
      this.#now += 40;
      this.#emit(false, 'PA', seg);
      if (++n % 2 === 0) this.#emit(true, 'A');
    }
    if (n % 2 === 1) this.#emit(true, 'A');
    return this;
  }

  /** Client-initiated close: FIN, FIN-ACK, ACK. */
  close(): this {
    this.#now += 100;
    this.#emit(true, 'FA');
    this.#now += this.#o.rttMicros;
    this.#emit(false, 'FA');
    this.#now += 30;
    this.#emit(true, 'A');
    return this;
  }

  /** Abort with RST from the client. */
  reset(): this {
    this.#now += 100;
    this.#emit(true, 'RA');
    return this;
  }
}

function* cut(data: Uint8Array, sizes: number[] | undefined, mss: number): Generator<Uint8Array> {
  let off = 0;
  let i = 0;
  while (off < data.length) {
    const size = sizes?.[i++] ?? mss;
    const end = Math.min(data.length, off + Math.max(1, size));
    yield data.subarray(off, end);
    off = end;
  }
}

/** One UDP datagram as an Ethernet frame. */
export function udpFrame(src: Endpoint, dst: Endpoint, payload: Uint8Array, link?: LinkOptions): Uint8Array {
  return buildFrame({
    ...(link ?? { link: 'ether' as const }),
    ip: { version: versionOf(src.ip), src: src.ip, dst: dst.ip },
    udp: { srcPort: src.port, dstPort: dst.port, payload },
  });
}
