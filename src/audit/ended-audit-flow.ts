/**
 * A capture flow leaving the engine (the flow table's view of its slot, flows/ended-flow.ts) as the AuditFlow the
 * grouper reads, without a FlowRecord per flow: one object of a fixed shape, filled again for each flow with what
 * flowToRecord would have put in the record's fields that the audit reads (the same strings and values, so the
 * report is the same). Its times are the slot's microseconds, spelt as flowToRecord spells them only when read.
 * Valid only until the next flow: the grouper copies what it keeps.
 */
import type { EndedFlow } from '../flows/ended-flow.js';
import type { FlowContent, FlowName, FlowProto, FlowRecord, ServerCertificateInfo } from '../flows/flow-record.js';
import { isoMicros } from '../flows/flow-to-record.js';
import type { AuditFlow } from './audit-flow.js';

/** The names of an unnamed flow (read, never changed). */
const NO_NAMES: FlowName[] = [];

export class EndedAuditFlow implements AuditFlow {
  proto: FlowProto = 'other';
  client = '';
  server = '';
  serverPort = 0;
  /** The times as microseconds, which the grouper reads (audit-flow.ts); their texts only when asked. */
  firstMicros = 0;
  lastMicros = 0;
  packetsOut = 0;
  packetsIn = 0;
  bytesOut = 0;
  bytesIn = 0;
  rttMs: number | null = null;
  names: FlowName[] = [];
  alpn: readonly string[] | undefined = undefined;
  tlsVersions: readonly string[] | undefined = undefined;
  ech: boolean | undefined = undefined;
  pii: FlowRecord['pii'] | undefined = undefined;
  serverCertificate: ServerCertificateInfo | undefined = undefined;
  content: FlowContent | undefined = undefined;
  readonly source: { file: string; firstFrame: number } = { file: '', firstFrame: 0 };

  get firstSeen(): string {
    return isoMicros(this.firstMicros);
  }

  get lastSeen(): string {
    return isoMicros(this.lastMicros);
  }

  /** This object, now standing for `view`. */
  of(view: EndedFlow): this {
    const d = view.details;
    this.proto = view.proto;
    this.client = view.client;
    this.server = view.server;
    this.serverPort = view.serverPort;
    this.firstMicros = view.firstTs;
    this.lastMicros = view.lastTs;
    this.packetsOut = view.packetsOut;
    this.packetsIn = view.packetsIn;
    this.bytesOut = view.bytesOut;
    this.bytesIn = view.bytesIn;
    this.rttMs = view.rttMs;
    this.names = d === null ? NO_NAMES : d.names;
    this.alpn = d?.alpn;
    this.tlsVersions = d?.tlsVersions;
    this.ech = d?.ech;
    this.pii = d?.pii;
    this.serverCertificate = d?.serverCertificate;
    this.content = view.content;
    this.source.file = view.file;
    this.source.firstFrame = view.firstFrame;
    return this;
  }
}
