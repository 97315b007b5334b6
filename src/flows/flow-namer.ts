/**
 * Names flows while a capture is read: what the client itself said (TLS SNI, QUIC Initial SNI, HTTP Host and
 * CONNECT) and what DNS answered it before the flow began. Only the first bytes of flows that need it are looked
 * at; the per-flow state is dropped as soon as a flow is named or shown not to carry a name.
 */
import { detectPii } from '../assess/pii/registry.js';
import type { PiiFinding, PiiOptions } from '../assess/pii/types.js';
import type { Anomalies } from '../core/anomalies.js';
import { formatAddress } from '../core/ip-format.js';
import { dnsMessageProblem, isLikelyDns, parseDnsMessage } from '../decode/names/dns.js';
import { DnsTcpStream } from '../decode/names/dns-tcp-stream.js';
import { looksLikeQuicInitial, QuicInitialTracker } from '../decode/names/quic/initial-tracker.js';
import { plainSafeName, toSafeName } from '../decode/names/safe-name.js';
import { parseServerFlight, type ServerFlightOutcome } from '../decode/names/tls-server-certificate.js';
import type { NameVia } from '../decode/names/types.js';
import { parseCertificateNames } from '../decode/names/x509-names.js';
import type { IpLayer } from '../decode/packet.js';
import type { DnsCache } from './dns-cache.js';
import type { FlowDetails } from './flow-details.js';
import { TCP_SYN } from './flow-details.js';
import { CLIENT_STREAM_EXTRACTORS } from './name-extractors/registry.js';
import { recordClientHello } from './name-extractors/tls-client-hello.js';
import type { NamingContext, NextStep, StreamNameExtractor } from './name-extractors/types.js';
import { TcpStreamStart } from './tcp-stream-start.js';

/** Bytes of a client's stream kept at most while waiting for a whole ClientHello or HTTP request head. */
export const MAX_STREAM_PREFIX = 65_536;
/** Bytes needed before deciding that a stream is neither TLS nor HTTP. */
const PROBE_BYTES = 8;
/** QUIC datagrams fed to the Initial decryptor at most per flow. */
export const MAX_QUIC_DATAGRAMS = 24;
/** Later HTTP requests on a keep-alive connection checked for further Host names at most. */
export const MAX_HTTP_REQUESTS_PER_FLOW = 64;
/**
 * Bytes of a server's stream kept at most while waiting for its ServerHello and leaf certificate (usually 2–6 KB:
 * the leaf comes first in the Certificate message, the rest of the chain is not needed).
 */
export const MAX_SERVER_FLIGHT_BYTES = 65_536;
/**
 * Server segments looked at at most for the certificate: a segment the capture lost leaves a gap that never fills,
 * and the state must not live on for the rest of a long download.
 */
export const MAX_SERVER_FLIGHT_SEGMENTS = 64;
/** Naming states and streams kept for reuse at most (about the flows being named at once in a busy capture). */
const MAX_FREE = 4096;
/**
 * DNS query names whose payload findings are remembered at most (then forgotten all at once): names repeat, every
 * lookup of a name asks it again, and detectPii runs twelve detectors on each (~6 µs a name, issue #20).
 */
export const MAX_REMEMBERED_QUERY_NAMES = 8192;
/** The findings of a query name without any (shared: callers only read it). */
const NO_FINDINGS: readonly PiiFinding[] = Object.freeze([]);
/** UDP ports that carry DNS-format messages: DNS, mDNS, LLMNR. */
const DNS_PORTS = new Set([53, 5353, 5355]);

/**
 * probe: the start of the client's stream decides which extractor reads it (name-extractors/registry.ts); scan:
 * the stream began with something else (an HTTP CONNECT, a SOCKS handshake, SMTP/IMAP before STARTTLS), so later
 * client segments are probed again; more: later messages of the same kind (requests on a keep-alive HTTP
 * connection), read per segment by `more`; done: nothing more to learn.
 */
type Mode = 'probe' | 'scan' | 'more' | 'done';

/** Client segments looked at for a TLS ClientHello after a non-TLS preamble (CONNECT, SOCKS, STARTTLS). */
export const MAX_SCAN_SEGMENTS = 24;

export interface FlowNamingState {
  mode: Mode;
  /** In mode `more`: the extractor that reads later messages. */
  more: StreamNameExtractor | null;
  client: TcpStreamStart | null;
  quic: QuicInitialTracker | null;
  quicDatagrams: number;
  httpRequests: number;
  /** Client segments still to look at in scan mode. */
  scanLeft: number;
  /** Stream bytes the TLS/HTTP parser said it needs before it can finish: no re-parse until then. */
  needed: number;
  /** HTTP head incomplete: nothing changes until a line feed arrives. */
  waitForLineFeed: boolean;
  /** DNS over TCP, server → client direction, with the next expected sequence number. */
  dnsTcp: DnsTcpStream | null;
  dnsTcpNext: number;
  /**
   * Sequence number of the server's SYN-ACK, or -1: the server's stream starts after it. Set to -1 again when a
   * ClientHello follows a preamble (CONNECT, STARTTLS), where the server's TLS bytes start later in its stream.
   */
  serverIsn: number;
  /** The server → client stream while its first TLS flight is read for the certificate (after a ClientHello). */
  server: TcpStreamStart | null;
  /** Server stream bytes the flight parser needs before it can go on: no re-parse until then. */
  serverNeeded: number;
  /** Server data segments still to look at for the certificate. */
  serverSegmentsLeft: number;
}

export { MAX_BODY_EVIDENCE_BYTES } from './name-extractors/http-request.js';

/** A naming state as it starts: TCP sets its client stream, scan budget and DNS stream; QUIC its tracker. */
export const NAMING_START: Readonly<FlowNamingState> = {
  mode: 'probe',
  more: null,
  client: null,
  quic: null,
  quicDatagrams: 0,
  httpRequests: 0,
  scanLeft: 0,
  needed: 0,
  waitForLineFeed: false,
  dnsTcp: null,
  dnsTcpNext: -1,
  serverIsn: -1,
  server: null,
  serverNeeded: 0,
  serverSegmentsLeft: 0,
};

/**
 * A reused state set back to NAMING_START field by field: Object.assign from the template took ~150 ns a flow
 * (a generic copy), these stores ~8 ns. A test holds the two to the same fields and values.
 */
export function restartNaming(st: FlowNamingState): FlowNamingState {
  st.mode = 'probe';
  st.more = null;
  st.client = null;
  st.quic = null;
  st.quicDatagrams = 0;
  st.httpRequests = 0;
  st.scanLeft = 0;
  st.needed = 0;
  st.waitForLineFeed = false;
  st.dnsTcp = null;
  st.dnsTcpNext = -1;
  st.serverIsn = -1;
  st.server = null;
  st.serverNeeded = 0;
  st.serverSegmentsLeft = 0;
  return st;
}

export class FlowNamer {
  /** What the name extractors record through: the namer's own name recorder and the PII options. */
  readonly #ctx: NamingContext;

  /**
   * @param pii  when set, cleartext payloads (HTTP request heads and bodies, DNS query names) are searched for
   *             personal data; off for plain `flows` runs, where it would cost time nobody asked for.
   */
  constructor(
    readonly dns: DnsCache,
    readonly anomalies: Anomalies,
    readonly file: string,
    readonly pii: PiiOptions | null = null,
  ) {
    this.#ctx = { addName: (flow, raw, via, frame) => this.#addName(flow, raw, via, frame), pii };
  }

  /**
   * Whether an earlier DNS answer could name a flow to this server (first address word `word0`, signed): the flow
   * table asks before it spells a new flow's addresses as text for addDnsNames.
   */
  mayNameFromDns(v6: boolean, word0: number): boolean {
    return this.dns.mayName(v6, word0);
  }

  /** Called once when a flow is created: names from the DNS answers its client had before it began. */
  addDnsNames(flow: FlowDetails, tsMicros: number): void {
    for (const answer of this.dns.lookup(flow.server, flow.client, tsMicros, flow.firstFrame)) {
      flow.addName({
        name: answer.name,
        via: 'dns',
        frame: answer.frame,
        ...(answer.cnameChain.length > 0 ? { cnameChain: answer.cnameChain } : {}),
      });
    }
  }

  /** Called once when a TCP flow is created: the state that reads the start of its streams. */
  startTcp(flow: FlowDetails): void {
    const isDns = flow.serverPort === 53 || flow.clientPort === 53;
    const reused = this.#freeStates.pop();
    const st = reused === undefined ? { ...NAMING_START } : restartNaming(reused);
    st.client = this.#stream(MAX_STREAM_PREFIX);
    st.scanLeft = MAX_SCAN_SEGMENTS;
    st.dnsTcp = isDns ? new DnsTcpStream() : null;
    flow.naming = st;
  }

  /*
   * Naming states and streams are reused: a TCP flow's naming lives from its SYN to its ClientHello or the
   * server's answer, thousands of packets of other flows apart in a busy capture, so each new state outlived a
   * young-generation collection and was copied (~200 bytes per TCP flow, issue #18). A state is given back when
   * its flow's naming is done, a stream (with its buffer, tcp-stream-start.ts) when the namer has read it.
   */
  readonly #freeStates: FlowNamingState[] = [];
  readonly #freeStreams: TcpStreamStart[] = [];

  #stream(cap: number): TcpStreamStart {
    const reused = this.#freeStreams.pop();
    if (reused === undefined) return new TcpStreamStart(cap);
    reused.reuse(cap);
    return reused;
  }

  /**
   * A stream the namer is done with, once nothing holds a view of its bytes (each caller has read what bytes()
   * gave, synchronously, into strings): its buffer goes back to the pool and the emptied stream to #freeStreams.
   */
  #releaseStream(stream: TcpStreamStart | null): void {
    if (stream === null) return;
    stream.recycle();
    if (this.#freeStreams.length < MAX_FREE) this.#freeStreams.push(stream);
  }

  onTcpPacket(flow: FlowDetails, layer: IpLayer, isOut: boolean, frame: number, tsMicros: number): void {
    const st = flow.naming;
    if (st === null) return;
    if (isOut) {
      if ((layer.tcpFlags & TCP_SYN) !== 0) st.client?.setIsn(layer.tcpSeq);
      if (layer.payloadLen > 0) this.#clientTcpData(flow, st, layer, frame);
    } else {
      if ((layer.tcpFlags & TCP_SYN) !== 0) st.serverIsn = layer.tcpSeq;
      if (st.dnsTcp !== null && layer.payloadLen > 0) {
        this.#serverDnsTcpData(flow, st, layer, frame, tsMicros);
      } else if (st.dnsTcp !== null && (layer.tcpFlags & TCP_SYN) !== 0) {
        st.dnsTcpNext = (layer.tcpSeq + 1) >>> 0;
      } else if (st.server !== null && layer.payloadLen > 0) {
        this.#serverTlsData(flow, st, layer, frame);
      }
    }
    if (st.mode === 'done' && st.dnsTcp === null && st.server === null) {
      flow.naming = null;
      this.#releaseStream(st.client);
      st.client = null;
      st.more = null;
      if (this.#freeStates.length < MAX_FREE) this.#freeStates.push(st);
    }
  }

  #clientTcpData(flow: FlowDetails, st: FlowNamingState, layer: IpLayer, frame: number): void {
    if (st.mode === 'more') {
      // Later messages (requests on a keep-alive connection): looked at only where a segment starts one.
      const seg = layer.buf.subarray(layer.payloadOff, layer.payloadOff + layer.payloadLen);
      const more = st.more;
      if (more?.probe(seg)) {
        const out = more.parse(seg);
        if (out.kind === 'done') more.apply(this.#ctx, flow, out.value, frame, seg);
        if (++st.httpRequests >= MAX_HTTP_REQUESTS_PER_FLOW) st.mode = 'done';
      }
      return;
    }
    if (st.mode === 'scan') {
      const seg = layer.buf.subarray(layer.payloadOff, layer.payloadOff + layer.payloadLen);
      const x = probing(seg);
      if (x?.restartsStreamInScan === true) {
        st.client = new TcpStreamStart(MAX_STREAM_PREFIX);
        // The server already spoke (a CONNECT reply, an SMTP greeting): its TLS bytes start with its next data.
        st.serverIsn = -1;
        st.mode = 'probe';
        st.needed = 0;
        st.waitForLineFeed = false;
      } else if (x !== null) {
        // A message after some other bytes (a stray keep-alive byte, a proxy preamble): read it per segment.
        const out = x.parse(seg);
        if (out.kind === 'done') {
          const next = x.apply(this.#ctx, flow, out.value, frame, seg);
          st.mode = next.mode;
          st.more = next.mode === 'more' ? x : null;
        }
        if (--st.scanLeft <= 0 && st.mode === 'scan') st.mode = 'done';
        return;
      } else {
        if (--st.scanLeft <= 0) st.mode = 'done';
        return;
      }
    }
    const stream = st.client;
    if (st.mode !== 'probe' || stream === null) return;
    // Fast path: a message that fits its first segment is parsed in place, without a copy.
    if (stream.isStart(layer.tcpSeq) && this.#nameFromFirstSegment(flow, st, layer, frame)) return;
    if (!stream.push(layer.tcpSeq, layer.buf, layer.payloadOff, layer.payloadLen)) return;
    // Re-parse only once the bytes the parser asked for are there: tiny segments must not make this quadratic.
    if (stream.length < st.needed && !stream.full) return;
    if (
      st.waitForLineFeed &&
      !stream.full &&
      layer.buf.subarray(layer.payloadOff, layer.payloadOff + layer.payloadLen).indexOf(0x0a) < 0
    )
      return;
    const bytes = stream.bytes();
    const x = probing(bytes);
    if (x !== null) {
      const out = x.parse(bytes);
      if (out.kind === 'incomplete' && !stream.full) {
        if (x.incompleteUntilLineFeed) st.waitForLineFeed = true;
        else st.needed = out.needed > bytes.length ? out.needed : bytes.length + 1;
        return;
      }
      if (out.kind === 'done') {
        this.#follow(st, x, x.apply(this.#ctx, flow, out.value, frame, bytes));
        return;
      }
      const anomaly =
        out.kind === 'invalid'
          ? x.invalidAnomalyPrefix === null
            ? null
            : `${x.invalidAnomalyPrefix}-${out.reason}`
          : x.tooLargeAnomaly;
      if (anomaly !== null) this.anomalies.add(anomaly, { file: this.file, frame });
      this.#finishStream(st);
      return;
    }
    if (bytes.length >= PROBE_BYTES || !mayStillBeNamed(bytes)) {
      this.#releaseStream(st.client);
      st.client = null;
      st.mode = st.scanLeft > 0 ? 'scan' : 'done';
    }
  }

  /** Names the flow from a whole first segment when it holds a complete message. */
  #nameFromFirstSegment(flow: FlowDetails, st: FlowNamingState, layer: IpLayer, frame: number): boolean {
    const seg = layer.buf.subarray(layer.payloadOff, layer.payloadOff + layer.payloadLen);
    const x = probing(seg);
    if (x === null) return false;
    const out = x.parse(seg);
    if (out.kind !== 'done') return false;
    this.#follow(st, x, x.apply(this.#ctx, flow, out.value, frame, seg));
    return true;
  }

  /** What the namer does with the client's stream after `x` read a whole message from its start. */
  #follow(st: FlowNamingState, x: StreamNameExtractor, next: NextStep): void {
    this.#releaseStream(st.client);
    st.client = null;
    st.mode = next.mode;
    st.more = next.mode === 'more' ? x : null;
    if (next.mode !== 'done') st.httpRequests = 1;
    else if (next.serverFlight) this.#startServerFlight(st);
  }

  #finishStream(st: FlowNamingState): void {
    this.#releaseStream(st.client);
    st.client = null;
    st.mode = 'done';
  }

  /** After a ClientHello over TCP: read the server's answer for its certificate (TLS 1.2 and older show it). */
  #startServerFlight(st: FlowNamingState): void {
    // DNS over TCP reads the same direction (a ClientHello to port 53 is odd enough to be left at its SNI).
    if (st.dnsTcp !== null) return;
    const stream = this.#stream(MAX_SERVER_FLIGHT_BYTES);
    if (st.serverIsn !== -1) stream.setIsn(st.serverIsn);
    st.server = stream;
    st.serverNeeded = 0;
    st.serverSegmentsLeft = MAX_SERVER_FLIGHT_SEGMENTS;
  }

  #serverTlsData(flow: FlowDetails, st: FlowNamingState, layer: IpLayer, frame: number): void {
    const stream = st.server;
    if (stream === null) return;
    // Fast path: a first segment that decides on its own (a TLS 1.3 ServerHello, a non-TLS answer) is read in
    // place, so most flows never copy a byte of the server's stream.
    if (stream.isStart(layer.tcpSeq)) {
      const out = parseServerFlight(layer.buf.subarray(layer.payloadOff, layer.payloadOff + layer.payloadLen));
      if (out.kind !== 'incomplete') {
        this.#serverFlightDone(flow, st, out, frame);
        return;
      }
      st.serverNeeded = out.needed;
    }
    const grew = stream.push(layer.tcpSeq, layer.buf, layer.payloadOff, layer.payloadLen);
    if (grew && (stream.length >= st.serverNeeded || stream.full)) {
      const out = parseServerFlight(stream.bytes());
      if (out.kind !== 'incomplete') {
        this.#serverFlightDone(flow, st, out, frame);
        return;
      }
      if (stream.full) {
        this.anomalies.add('tls-server-flight-too-large', { file: this.file, frame });
        st.server = null;
        return;
      }
      st.serverNeeded = out.needed;
    }
    if (--st.serverSegmentsLeft <= 0) {
      this.anomalies.add('tls-server-flight-incomplete', { file: this.file, frame });
      st.server = null;
    }
  }

  #serverFlightDone(flow: FlowDetails, st: FlowNamingState, out: ServerFlightOutcome, frame: number): void {
    const stream = st.server;
    st.server = null;
    if (out.kind === 'invalid') {
      this.anomalies.add(`tls-server-${out.reason}`, { file: this.file, frame });
    } else if (out.kind === 'certificate') {
      // out.leaf may be a view of the stream's bytes: read into strings before the stream is given back.
      const names = parseCertificateNames(out.leaf);
      if (names.kind === 'done') flow.serverCertificate = { ...names.value, frame };
      else this.anomalies.add(`tls-server-${names.reason}`, { file: this.file, frame });
    }
    this.#releaseStream(stream);
  }

  #serverDnsTcpData(flow: FlowDetails, st: FlowNamingState, layer: IpLayer, frame: number, tsMicros: number): void {
    const stream = st.dnsTcp;
    if (stream === null) return;
    // Only in-order data is parsed; a gap ends DNS parsing for this connection (counted).
    if (st.dnsTcpNext !== -1 && layer.tcpSeq !== st.dnsTcpNext) {
      if (((layer.tcpSeq - st.dnsTcpNext) | 0) < 0) return;
      this.anomalies.add('dns-tcp-gap', { file: this.file, frame });
      st.dnsTcp = null;
      return;
    }
    st.dnsTcpNext = (layer.tcpSeq + layer.payloadLen) >>> 0;
    const messages = stream.push(layer.buf.subarray(layer.payloadOff, layer.payloadOff + layer.payloadLen));
    for (const msg of messages) this.dns.addResponse(msg, flow.client, tsMicros, frame);
    if (stream.stopped) {
      this.anomalies.add(stream.anomaly ?? 'dns-tcp-stopped', { file: this.file, frame });
      st.dnsTcp = null;
    }
  }

  /**
   * One UDP datagram. `flow` is null while the flow has no details (most UDP flows never need any); `details`
   * creates them for the flow when a name or finding turns up. `probe` is true for the client's first datagram
   * with payload, which decides whether the flow is QUIC (a tracker then reads its Initial packets).
   */
  onUdpPacket(
    flow: FlowDetails | null,
    layer: IpLayer,
    isOut: boolean,
    frame: number,
    tsMicros: number,
    probe: boolean,
    details: () => FlowDetails,
  ): void {
    if (layer.payloadLen > 0 && (DNS_PORTS.has(layer.srcPort) || DNS_PORTS.has(layer.dstPort))) {
      this.#udpDns(flow, layer, frame, tsMicros, details);
    }
    if (!isOut || layer.payloadLen === 0) return;
    // Most datagrams are neither QUIC long headers nor a flow's QUIC: no view for them (a DNS query is one).
    if (probe ? ((layer.buf[layer.payloadOff] ?? 0) & 0xc0) !== 0xc0 : (flow?.naming?.quic ?? null) === null) return;
    const payload = layer.buf.subarray(layer.payloadOff, layer.payloadOff + layer.payloadLen);
    let named = flow;
    if (probe) {
      if (!looksLikeQuicInitial(payload)) return;
      named = flow ?? details();
      named.naming = { ...NAMING_START, quic: new QuicInitialTracker() };
    }
    const st = named?.naming ?? null;
    if (named === null || st === null || st.quic === null) return;
    const result = st.quic.feed(payload, frame);
    if (result.kind === 'done') {
      recordClientHello(this.#ctx, named, result.clientHello, 'quic-sni', result.frame);
      named.naming = null;
    } else if (result.kind === 'failed' || result.kind === 'not-quic') {
      if (result.kind === 'failed') this.anomalies.add(`quic-${result.reason}`, { file: this.file, frame });
      named.naming = null;
    } else if (++st.quicDatagrams >= MAX_QUIC_DATAGRAMS) {
      this.anomalies.add('quic-client-hello-incomplete', { file: this.file, frame });
      named.naming = null;
    }
  }

  #udpDns(flow: FlowDetails | null, layer: IpLayer, frame: number, tsMicros: number, details: () => FlowDetails): void {
    if (!isLikelyDns(layer.buf, layer.payloadOff, layer.payloadLen)) return;
    // A query is read only for personal data in its names: without that, only checked (its anomalies count).
    if (this.pii === null && ((layer.buf[layer.payloadOff + 2] ?? 0) & 0x80) === 0) {
      const problem = dnsMessageProblem(layer.buf, layer.payloadOff, layer.payloadLen);
      if (problem !== null) this.anomalies.add(`dns-${problem}`, { file: this.file, frame });
      return;
    }
    const out = parseDnsMessage(layer.buf, layer.payloadOff, layer.payloadLen);
    if (out.kind === 'done') {
      if (out.value.isResponse) {
        // The response went to the client that asked: the datagram's destination.
        const client = formatAddress(layer.buf, layer.dstOff, layer.ipVersion);
        this.dns.addResponse(out.value, client, tsMicros, frame);
      } else if (this.pii !== null) {
        for (const q of out.value.questions) {
          const found = this.#queryNameFindings(q.name, this.pii);
          if (found.length > 0) (flow ?? details()).addPii(found.map((f) => ({ ...f, frame })));
        }
      }
    } else if (out.kind === 'invalid') {
      this.anomalies.add(`dns-${out.reason}`, { file: this.file, frame });
    }
  }

  readonly #queryNames = new Map<string, readonly PiiFinding[]>();

  /** detectPii's findings in a DNS query name, without a frame: the same for every query of the name. */
  #queryNameFindings(name: string, pii: PiiOptions): readonly PiiFinding[] {
    let found = this.#queryNames.get(name);
    if (found === undefined) {
      if (this.#queryNames.size >= MAX_REMEMBERED_QUERY_NAMES) this.#queryNames.clear();
      const fresh = detectPii(name, { field: 'dns.qname' }, pii);
      found = fresh.length === 0 ? NO_FINDINGS : fresh;
      this.#queryNames.set(name, found);
    }
    return found;
  }

  #addName(flow: FlowDetails, raw: string, via: NameVia, frame: number): void {
    if (IPV6_LITERAL.test(raw)) {
      flow.addName({ name: raw.toLowerCase(), via, frame });
      return;
    }
    const plain = plainSafeName(raw);
    if (plain !== null) {
      flow.addName({ name: plain, via, frame });
      return;
    }
    const safe = toSafeName(raw);
    if (safe.name === '') return;
    flow.addName({
      name: safe.name,
      via,
      frame,
      ...(safe.unicode !== undefined ? { unicode: safe.unicode } : {}),
      ...(safe.suspicious !== undefined ? { suspicious: safe.suspicious } : {}),
    });
  }
}

/** A bracketed IPv6 literal as HTTP writes it in Host and CONNECT ("[2001:db8::1]"): safe as it is. */
const IPV6_LITERAL = /^\[[0-9a-fA-F:.]{2,45}\]$/;

/** A short prefix that could still become a TLS record or an HTTP method once more bytes arrive. */
function mayStillBeNamed(bytes: Uint8Array): boolean {
  const b = bytes[0];
  if (b === undefined) return true;
  return b === 0x16 || (b >= 0x41 && b <= 0x5a) || (b & 0x80) !== 0;
}

/** The first client-stream extractor whose probe accepts these first bytes, or null. */
function probing(first: Uint8Array): StreamNameExtractor | null {
  for (const x of CLIENT_STREAM_EXTRACTORS) if (x.probe(first)) return x;
  return null;
}

export { stripPort } from './name-extractors/http-request.js';
