/**
 * The live state of one bidirectional flow while a capture is read. Kept small: the name-extraction state is a
 * separate object that exists only while a flow still needs naming.
 */

import type { PiiFinding } from '../assess/pii/types.js';
import type { FlowNamingState } from './flow-namer.js';
import type { FlowName, FlowProto, ServerCertificateInfo } from './flow-record.js';
import type { FlowPayloadHandler } from './payload-seam.js';

/** FlowState.handshake bits: synTs, synAckTs, ackTs hold a time (>= 0). */
export const HS_SYN = 1;
export const HS_SYN_ACK = 2;
export const HS_ACK = 4;

/** TCP flag bits as in the header's flags byte. */
export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_ACK = 0x10;

export class FlowState {
  // Field order is memory order (V8 lays fields out as they are initialised). Every packet of a flow reads the
  // key and updates the counters, so those come first and share a few cache lines: with thousands of live flows
  // interleaved, each lookup is a cache miss, and fields spread over the whole object cost several.
  nextInBucket: FlowState | null = null;
  ipProto = 0;
  v6 = false;
  /**
   * The client's and the server's first address word (all of an IPv4 address) and port: a packet whose source
   * equals the client's goes out (client → server). The other IPv6 words are further down, compared only for
   * IPv6 flows, so an IPv4 lookup reads one cache line less.
   */
  c0 = 0;
  cp = 0;
  s0 = 0;
  sp = 0;
  /**
   * Time of the last packet, as whole seconds and the microseconds past them (read and set as lastTs). Split
   * because a microsecond timestamp is no small integer: V8 would box it as a separate heap number, one more
   * cache miss on every packet; both parts are small integers stored in the object itself.
   */
  lastSec = 0;
  lastUs = 0;
  packetsOut = 0;
  packetsIn = 0;
  bytesOut = 0;
  bytesIn = 0;
  /** OR of all TCP flags bytes seen. */
  tcpFlags = 0;
  /** FIN seen from the client / from the server; RST seen. */
  finOut = false;
  finIn = false;
  rst = false;
  /**
   * Which of synTs, synAckTs, ackTs are set (>= 0), as HS_* bits: the per-packet handshake check reads this
   * small integer here instead of the boxed timestamps far down the object.
   */
  handshake = 0;
  /** Present while the flow still needs naming work; dropped when done to free its buffers. */
  naming: FlowNamingState | null = null;
  /** IPv6 only (0 for IPv4): the client's and the server's other address words. */
  c1 = 0;
  c2 = 0;
  c3 = 0;
  s1 = 0;
  s2 = 0;
  s3 = 0;
  /** Bucket hash (flow-key.ts). */
  hash = 0;
  proto: FlowProto = 'other';
  client = '';
  clientPort = 0;
  server = '';
  serverPort = 0;
  tunnelDepth = 0;
  firstTs = 0;
  firstFrame = 0;
  synTs = -1;
  synAckTs = -1;
  ackTs = -1;
  names: FlowName[] = [];
  alpn: string[] | undefined = undefined;
  tlsVersions: string[] | undefined = undefined;
  ech: boolean | undefined = undefined;
  /** Subject and issuer of the server's certificate, where the handshake showed it in clear (TLS 1.2 and older). */
  serverCertificate: ServerCertificateInfo | undefined = undefined;
  http: { method: string; path: string } | undefined = undefined;
  pii: PiiFinding[] | undefined = undefined;
  /** Present only in runs with a payload tap (keys, `requests`): reads the flow's content. */
  payload: FlowPayloadHandler | null = null;

  /** Capture time of the flow's last packet, microseconds since the epoch. Exact: the split loses nothing. */
  get lastTs(): number {
    return this.lastSec * 1_000_000 + this.lastUs;
  }

  set lastTs(ts: number) {
    const sec = Math.floor(ts / 1_000_000);
    const us = ts - sec * 1_000_000;
    // Exact for every capture timestamp (integers, or fractions far coarser than the microsecond); the check
    // keeps any other value (a tiny negative fraction) exact too, stored whole. -0 reads back as 0.
    if (sec * 1_000_000 + us === ts) {
      this.lastSec = sec;
      this.lastUs = us;
    } else {
      this.lastSec = 0;
      this.lastUs = ts;
    }
  }

  /** A TCP flow is closed once both sides sent FIN, or either sent RST. */
  get closed(): boolean {
    return this.rst || (this.finOut && this.finIn);
  }

  addPii(findings: PiiFinding[]): void {
    if (findings.length === 0) return;
    this.pii ??= [];
    for (const f of findings) {
      if (this.pii.length >= MAX_PII_PER_FLOW) return;
      if (!this.pii.some((p) => p.kind === f.kind && p.excerpt === f.excerpt && p.field === f.field)) this.pii.push(f);
    }
  }

  addName(name: FlowName): void {
    if (this.names.length >= MAX_NAMES_PER_FLOW) return;
    for (const n of this.names) if (n.name === name.name && n.via === name.via) return;
    // Names the client itself sent come before names learnt from DNS (most trustworthy first).
    if (name.via !== 'dns') {
      const firstDns = this.names.findIndex((n) => n.via === 'dns');
      if (firstDns >= 0) {
        this.names.splice(firstDns, 0, name);
        return;
      }
    }
    this.names.push(name);
  }
}

/** Bound on payload findings kept per flow. */
export const MAX_PII_PER_FLOW = 32;

/** Bound on names kept per flow (a keep-alive proxy connection may carry many hosts). */
export const MAX_NAMES_PER_FLOW = 32;
