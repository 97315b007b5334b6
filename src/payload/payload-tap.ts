/**
 * The payload reader behind the flow table's seam (flows/payload-seam.ts): per TCP flow, the two reassembled
 * byte streams → TLS decryption where the client's stream starts with a handshake (and a key is known) →
 * HTTP/1.x or HTTP/2; per UDP flow, QUIC datagrams → decryption → HTTP/3. Plaintext HTTP needs no key. Each
 * request is inspected for personal data and handed on; when the flow ends, what was read goes on its record.
 */
import type { IpLayer } from '../decode/packet.js';
import type { FlowContent } from '../flows/flow-record.js';
import type { FlowPayloadHandler, PayloadFlowInfo, PayloadTap } from '../flows/payload-seam.js';
import { type InspectOptions, inspectExchange } from './content/inspect-exchange.js';
import { Http1StreamParser } from './http/http1-stream-parser.js';
import { Http2ConnectionParser } from './http/http2-connection-parser.js';
import { Http3ConnectionParser } from './http/http3-connection-parser.js';
import { QuicConnectionDecoder } from './quic/quic-connection-decoder.js';
import { type RequestOrigin, type RequestRecord, toRequestRecord } from './request-record.js';
import { type StreamConsumer, TcpStreamReassembler } from './tcp-stream-reassembler.js';
import { TlsConnectionDecoder } from './tls/tls-connection-decoder.js';
import {
  type ContentFinding,
  type Direction,
  type HttpExchange,
  MAX_FLOW_PLAINTEXT_BYTES,
  type PayloadStatus,
  type SecretLookup,
} from './types.js';

/** Findings kept per flow on its record (each request's own list is in its request record). */
export const MAX_FINDINGS_PER_FLOW = 32;
/** Bytes of a server's stream held while the client has not yet said what the connection is. */
const MAX_EARLY_SERVER_BYTES = 65_536;
/** Client bytes needed to tell TLS from HTTP from anything else. */
const SNIFF_BYTES = 16;

const TCP_SYN = 0x02;

/** TLS outcomes after which no later byte of the connection can be read. */
const FINAL_TLS: ReadonlySet<PayloadStatus> = new Set(['no-key', 'unsupported-suite', 'not-tls']);

export interface PayloadTapOptions {
  /** File name for request records' `source`. */
  file: string;
  keys: SecretLookup;
  /** Inspect requests for personal data (null: requests are read but not inspected). */
  inspect: InspectOptions | null;
  /** Every request read, or null when nobody asked for requests (the audit: only the flow summary counts). */
  onRequest: ((request: RequestRecord) => void) | null;
}

export class PayloadReader implements PayloadTap {
  constructor(readonly options: PayloadTapOptions) {}

  start(info: PayloadFlowInfo): FlowPayloadHandler | null {
    return info.proto === 'tcp' ? new TcpPayload(this.options, info) : new QuicPayload(this.options, info);
  }
}

/** What a flow's requests have in common: counting, inspection, request records, the flow's findings. */
class RequestCollector {
  requests = 0;
  readonly findings: ContentFinding[] = [];
  #seen = new Set<string>();

  constructor(
    readonly options: PayloadTapOptions,
    readonly origin: Omit<RequestOrigin, 'source'>,
  ) {}

  readonly onExchange = (exchange: HttpExchange): void => {
    this.requests++;
    const inspect = this.options.inspect;
    const findings = inspect === null ? [] : inspectExchange(exchange, inspect);
    for (const f of findings) {
      const key = `${f.kind}\u0000${f.field}\u0000${f.excerpt}`;
      if (this.findings.length >= MAX_FINDINGS_PER_FLOW || this.#seen.has(key)) continue;
      this.#seen.add(key);
      this.findings.push(f);
    }
    const onRequest = this.options.onRequest;
    if (onRequest === null) return;
    const source = { file: this.options.file, frame: exchange.frame };
    onRequest(toRequestRecord(exchange, { ...this.origin, source }, findings, inspect?.showValues === true));
  };

  content(status: PayloadStatus, reason: string | null, bytesOut: number, bytesIn: number): FlowContent {
    const content: FlowContent = { status, bytesOut, bytesIn, requests: this.requests, findings: this.findings };
    if (reason !== null) content.reason = reason;
    return content;
  }
}

/** The application protocol inside a TCP stream (after TLS, or in the clear). */
type AppParser = Http1StreamParser | Http2ConnectionParser;

type TcpMode = 'sniff' | 'tls' | 'plaintext' | 'off';

class TcpPayload implements FlowPayloadHandler {
  #mode: TcpMode = 'sniff';
  readonly #out: TcpStreamReassembler;
  readonly #in: TcpStreamReassembler;
  /** Client bytes gathered until SNIFF_BYTES tell what the stream is. */
  #sniffed: Uint8Array[] = [];
  #sniffedBytes = 0;
  /** Server bytes that came before the client said what the connection is. */
  #early: { data: Uint8Array; frame: number }[] = [];
  #earlyBytes = 0;
  #tls: TlsConnectionDecoder | null = null;
  readonly #app: AppLayer;
  readonly #collector: RequestCollector;

  constructor(
    readonly options: PayloadTapOptions,
    readonly info: PayloadFlowInfo,
  ) {
    this.#out = new TcpStreamReassembler(this.#consumer('out'));
    this.#in = new TcpStreamReassembler(this.#consumer('in'));
    this.#collector = new RequestCollector(options, {
      proto: 'tcp',
      transport: 'plaintext',
      client: info.client,
      clientPort: info.clientPort,
      server: info.server,
      serverPort: info.serverPort,
    });
    this.#app = new AppLayer(this.#collector);
  }

  tcp(layer: IpLayer, isOut: boolean, frame: number): void {
    if (this.#mode === 'off') return;
    const stream = isOut ? this.#out : this.#in;
    if ((layer.tcpFlags & TCP_SYN) !== 0) stream.setIsn(layer.tcpSeq);
    if (layer.payloadLen > 0) stream.push(layer.tcpSeq, layer.buf, layer.payloadOff, layer.payloadLen, frame);
  }

  udp(): void {}

  finish(): FlowContent | null {
    if (this.#mode !== 'off') {
      this.#out.finish();
      this.#in.finish();
    }
    if (this.#mode === 'sniff' || this.#mode === 'off') return null;
    this.#app.end();
    if (this.#mode === 'plaintext') {
      const { out, in: inn } = this.#app.bytes;
      return this.#collector.content('plaintext', null, out, inn);
    }
    const tls = this.#tls;
    if (tls === null) return this.#collector.content('no-key', 'no TLS keys were given', 0, 0);
    const bytes = tls.plaintextBytes;
    return this.#collector.content(tls.status, tls.reason, bytes.out, bytes.in);
  }

  #consumer(dir: Direction): StreamConsumer {
    return {
      data: (bytes, frame) => this.#data(dir, bytes, frame),
      gap: () => {
        if (this.#mode === 'tls') this.#tls?.gap(dir);
        else if (this.#mode === 'plaintext') this.#app.gap(dir);
        else this.#off();
      },
    };
  }

  #data(dir: Direction, bytes: Uint8Array, frame: number): void {
    switch (this.#mode) {
      case 'tls': {
        const tls = this.#tls;
        if (tls === null) return;
        tls.push(dir, bytes, frame);
        // Nothing more can be read from this connection: stop reassembling it (memory, time).
        if (FINAL_TLS.has(tls.status)) {
          this.#out.stop();
          this.#in.stop();
        }
        return;
      }
      case 'plaintext':
        this.#app.push(dir, bytes, frame);
        return;
      case 'sniff':
        if (dir === 'in') this.#holdEarly(bytes, frame);
        else this.#sniff(bytes, frame);
        return;
      default:
        return;
    }
  }

  #holdEarly(bytes: Uint8Array, frame: number): void {
    this.#earlyBytes += bytes.length;
    // A server that speaks first (SMTP, FTP, IMAP) before a STARTTLS: not followed.
    if (this.#earlyBytes > MAX_EARLY_SERVER_BYTES) this.#off();
    else this.#early.push({ data: bytes.slice(), frame });
  }

  #sniff(bytes: Uint8Array, frame: number): void {
    this.#sniffed.push(bytes.slice());
    this.#sniffedBytes += bytes.length;
    const head = concat(this.#sniffed, SNIFF_BYTES);
    if (head.length < SNIFF_BYTES && head.length < 3) return;
    const kind = sniffTcp(head);
    if (kind === 'unknown' && this.#sniffedBytes < SNIFF_BYTES) return;
    if (kind === 'unknown') {
      this.#off();
      return;
    }
    if (kind === 'tls') {
      if (this.options.keys.size === 0) {
        // Nothing to decrypt with: say so on the record, and stop reading the flow.
        this.#mode = 'tls';
        this.#out.stop();
        this.#in.stop();
        this.#releaseHeld();
        return;
      }
      this.#mode = 'tls';
      this.#collector.origin.transport = 'tls';
      this.#tls = new TlsConnectionDecoder(this.options.keys, (dir, data, f) => this.#app.push(dir, data, f));
    } else {
      this.#mode = 'plaintext';
    }
    const sniffed = this.#sniffed;
    const early = this.#early;
    this.#releaseHeld();
    for (const chunk of sniffed) this.#data('out', chunk, frame);
    for (const e of early) this.#data('in', e.data, e.frame);
  }

  #releaseHeld(): void {
    this.#sniffed = [];
    this.#early = [];
    this.#sniffedBytes = 0;
    this.#earlyBytes = 0;
  }

  #off(): void {
    this.#mode = 'off';
    this.#out.stop();
    this.#in.stop();
    this.#releaseHeld();
  }
}

/**
 * The application layer over one connection's (decrypted) byte streams: HTTP/2 when the client opens with the
 * connection preface, HTTP/1.x when it opens with a request line, otherwise only counted. Bounded per flow.
 */
class AppLayer {
  #parser: AppParser | null = null;
  #decided = false;
  #pendingIn: { data: Uint8Array; frame: number }[] = [];
  #pendingInBytes = 0;
  readonly bytes = { out: 0, in: 0 };

  constructor(readonly collector: RequestCollector) {}

  push(dir: Direction, data: Uint8Array, frame: number): void {
    if (dir === 'out') this.bytes.out += data.length;
    else this.bytes.in += data.length;
    if (this.bytes.out + this.bytes.in > MAX_FLOW_PLAINTEXT_BYTES) {
      if (this.#parser !== null) this.#parser.end();
      this.#parser = null;
      this.#decided = true;
      return;
    }
    if (!this.#decided) {
      if (dir === 'in') {
        if (this.#pendingInBytes + data.length <= MAX_EARLY_SERVER_BYTES) {
          this.#pendingIn.push({ data: data.slice(), frame });
          this.#pendingInBytes += data.length;
        }
        return;
      }
      this.#decided = true;
      const kind = sniffApp(data);
      if (kind === 'http2') this.#parser = new Http2ConnectionParser(this.collector.onExchange);
      else if (kind === 'http1') this.#parser = new Http1StreamParser(this.collector.onExchange);
      const parser = this.#parser;
      if (parser !== null) {
        parser.push('out', data, frame);
        for (const p of this.#pendingIn) parser.push('in', p.data, p.frame);
      }
      this.#pendingIn = [];
      return;
    }
    this.#parser?.push(dir, data, frame);
  }

  gap(dir: Direction): void {
    this.#parser?.gap(dir);
  }

  end(): void {
    this.#parser?.end();
    this.#parser = null;
  }
}

class QuicPayload implements FlowPayloadHandler {
  #quic: QuicConnectionDecoder | null = null;
  #h3: Http3ConnectionParser | null = null;
  #off = false;
  readonly #collector: RequestCollector;

  constructor(
    readonly options: PayloadTapOptions,
    readonly info: PayloadFlowInfo,
  ) {
    this.#collector = new RequestCollector(options, {
      proto: 'udp',
      transport: 'quic',
      client: info.client,
      clientPort: info.clientPort,
      server: info.server,
      serverPort: info.serverPort,
    });
  }

  tcp(): void {}

  udp(layer: IpLayer, isOut: boolean, frame: number): void {
    if (this.#off) return;
    if (this.#quic === null) {
      // Only a connection whose first datagram is the client's QUIC long-header packet is followed.
      const first = layer.payloadLen > 0 ? (layer.buf[layer.payloadOff] ?? 0) : 0;
      if (!isOut || (first & 0xc0) !== 0xc0 || this.options.keys.size === 0) {
        this.#off = true;
        return;
      }
      const h3 = new Http3ConnectionParser(this.#collector.onExchange);
      this.#h3 = h3;
      this.#quic = new QuicConnectionDecoder(this.options.keys, {
        onStreamData: (dir, streamId, data, fin, f) => h3.onStreamData(dir, streamId, data, fin, f),
      });
    }
    this.#quic.onDatagram(isOut ? 'out' : 'in', layer.buf, layer.payloadOff, layer.payloadLen, frame);
  }

  finish(): FlowContent | null {
    const quic = this.#quic;
    if (quic === null) return null;
    this.#h3?.end();
    const bytes = quic.streamBytes;
    return this.#collector.content(quic.status, quic.reason, bytes.out, bytes.in);
  }
}

const HTTP_METHODS = [
  'GET ',
  'POST ',
  'PUT ',
  'HEAD ',
  'DELETE ',
  'OPTIONS ',
  'PATCH ',
  'CONNECT ',
  'TRACE ',
  'PROPFIND ',
  'PROPPATCH ',
  'MKCOL ',
  'COPY ',
  'MOVE ',
  'LOCK ',
  'UNLOCK ',
  'REPORT ',
  'SEARCH ',
];
const H2_PREFACE = 'PRI * HTTP/2.0';

/** What a client's first bytes are: a TLS handshake record, an HTTP request (1.x or h2c prior knowledge). */
function sniffTcp(head: Uint8Array): 'tls' | 'http' | 'unknown' {
  // Handshake record, TLS 1.0–1.3 record version (SSL 3.0's 0x0300 too).
  if (head[0] === 0x16 && head[1] === 0x03 && (head[2] ?? 0xff) <= 0x04) return 'tls';
  return sniffApp(head) === 'unknown' ? 'unknown' : 'http';
}

function sniffApp(head: Uint8Array): 'http1' | 'http2' | 'unknown' {
  const text = latin1(head, 16);
  if (text.startsWith(H2_PREFACE) || H2_PREFACE.startsWith(text)) return text.length >= 3 ? 'http2' : 'unknown';
  for (const m of HTTP_METHODS)
    if (text.startsWith(m) || (text.length < m.length && m.startsWith(text))) return 'http1';
  return 'unknown';
}

function latin1(bytes: Uint8Array, max: number): string {
  let s = '';
  const n = Math.min(bytes.length, max);
  for (let i = 0; i < n; i++) s += String.fromCharCode(bytes[i] ?? 0);
  return s;
}

function concat(chunks: Uint8Array[], max: number): Uint8Array {
  const out = new Uint8Array(
    Math.min(
      max,
      chunks.reduce((n, c) => n + c.length, 0),
    ),
  );
  let at = 0;
  for (const c of chunks) {
    if (at >= out.length) break;
    const n = Math.min(c.length, out.length - at);
    out.set(c.subarray(0, n), at);
    at += n;
  }
  return out;
}
