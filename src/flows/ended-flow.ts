/**
 * A flow as it leaves the flow table: a view of its slot in the columns, valid only during the call that hands it
 * over (the slot is reused after). Consumers that keep flows turn it into a FlowRecord (flow-to-record.ts); the
 * NDJSON writer spells it as bytes straight from the columns (flow-ndjson-bytes.ts), with no object per flow.
 */
import {
  addressText,
  F_BYTES_IN,
  F_BYTES_OUT,
  F_LAST_TS,
  F_PACKETS_IN,
  F_PACKETS_OUT,
  type FlowColumns,
  HOT_F64,
  HOT_I32,
  I_C0,
  I_META,
  I_PORTS,
  I_S0,
  META_FLAGS_SHIFT,
  META_HS_ACK,
  META_HS_SYN,
  META_HS_SYN_ACK,
  META_V6,
} from './flow-columns.js';
import type { FlowDetails } from './flow-details.js';
import type { FlowContent, FlowProto } from './flow-record.js';

export class EndedFlow {
  slot = 0;
  endReason = '';
  /** Names and facts found for the flow; null when the run keeps none for it (no naming, nothing found). */
  details: FlowDetails | null = null;
  /** Runs that read content: decrypted byte counts (zero when nothing was decrypted) and the content status. */
  decrypted: { bytesOut: number; bytesIn: number } | undefined = undefined;
  content: FlowContent | undefined = undefined;

  constructor(
    readonly columns: FlowColumns,
    readonly file: string,
    readonly format: string,
  ) {}

  get meta(): number {
    return this.columns.i32[this.slot * HOT_I32 + I_META] ?? 0;
  }

  get ipProto(): number {
    return this.meta & 0xff;
  }

  get proto(): FlowProto {
    return protoName(this.ipProto);
  }

  get v6(): boolean {
    return (this.meta & META_V6) !== 0;
  }

  get tcpFlags(): number {
    return (this.meta >>> META_FLAGS_SHIFT) & 0xff;
  }

  get clientPort(): number {
    return (this.columns.i32[this.slot * HOT_I32 + I_PORTS] ?? 0) >>> 16;
  }

  get serverPort(): number {
    return (this.columns.i32[this.slot * HOT_I32 + I_PORTS] ?? 0) & 0xffff;
  }

  /** First address word (all of an IPv4 address), signed as stored. */
  get clientWord(): number {
    return this.columns.i32[this.slot * HOT_I32 + I_C0] ?? 0;
  }

  get serverWord(): number {
    return this.columns.i32[this.slot * HOT_I32 + I_S0] ?? 0;
  }

  get client(): string {
    return addressText(this.columns, this.slot, false);
  }

  get server(): string {
    return addressText(this.columns, this.slot, true);
  }

  get firstTs(): number {
    return this.columns.firstTs[this.slot] ?? 0;
  }

  get lastTs(): number {
    return this.columns.f64[this.slot * HOT_F64 + F_LAST_TS] ?? 0;
  }

  get firstFrame(): number {
    return this.columns.firstFrame[this.slot] ?? 0;
  }

  get tunnelDepth(): number {
    return this.columns.tunnelDepth[this.slot] ?? 0;
  }

  get packetsOut(): number {
    return this.columns.f64[this.slot * HOT_F64 + F_PACKETS_OUT] ?? 0;
  }

  get packetsIn(): number {
    return this.columns.f64[this.slot * HOT_F64 + F_PACKETS_IN] ?? 0;
  }

  get bytesOut(): number {
    return this.columns.f64[this.slot * HOT_F64 + F_BYTES_OUT] ?? 0;
  }

  get bytesIn(): number {
    return this.columns.f64[this.slot * HOT_F64 + F_BYTES_IN] ?? 0;
  }

  /** Handshake round trip (SYN → SYN-ACK → ACK) in milliseconds, or null when the capture did not show it. */
  get rttMs(): number | null {
    // A time is stored (and >= 0) exactly where its bit is set (flow-table.ts #tcp).
    const all = META_HS_SYN | META_HS_SYN_ACK | META_HS_ACK;
    if ((this.meta & all) !== all) return null;
    const c = this.columns;
    const syn = c.synTs[this.slot] ?? 0;
    const synAck = c.synAckTs[this.slot] ?? 0;
    const ack = c.ackTs[this.slot] ?? 0;
    return synAck >= syn && ack >= synAck ? Math.round(ack - syn) / 1000 : null;
  }
}

export function protoName(p: number): FlowProto {
  switch (p) {
    case 6:
      return 'tcp';
    case 17:
      return 'udp';
    case 1:
      return 'icmp';
    case 58:
      return 'icmpv6';
    case 132:
      return 'sctp';
    case 47:
      return 'gre';
    case 50:
      return 'esp';
    default:
      return 'other';
  }
}
