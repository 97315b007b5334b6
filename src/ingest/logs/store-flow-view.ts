/**
 * A held log record as the audit reads it (audit/audit-flow.ts), straight from the store's columns: one object
 * of a fixed shape, filled again for each record, instead of a FlowRecord per record (building those, with
 * their time texts the audit then parsed back, was most of a large log's grouping time). Only for records
 * without parser-made objects (names, process, HTTP, certificate) and not merged with others, which LogIngest
 * still hands out as records: for these the record's fields are all columns, and the view gives the fields the
 * audit reads exactly as `FlowStore.record` would (the same strings and numbers; compared in
 * tests/ingest/logs/store-flow-view.test.ts). Valid only until the next record: the audit copies what it keeps.
 *
 * Not given (the audit does not read them): ipProto, clientPort, tcpFlags, endReason, tunnelDepth, action,
 * source.format, and process, which without a parser-made object is at most `{ pid }` (no image).
 */
import type { FlowName, FlowProto } from '../../flows/flow-record.js';
import type { FlowStore } from './flow-store.js';
import { isoFromMicros } from './log-time.js';
import { getNum, MASK } from './store-columns.js';

export class StoreFlowView {
  proto: FlowProto = 'other';
  client = '';
  server = '';
  serverPort = 0;
  /** First- and last-seen (µs), which the audit reads; their texts (firstSeen, lastSeen) only when asked. */
  firstMicros = 0;
  lastMicros = 0;
  packetsOut: number | null = null;
  packetsIn: number | null = null;
  bytesOut: number | null = null;
  bytesIn: number | null = null;
  readonly rttMs: number | null = null;
  names: FlowName[] = [];
  bytesTotal: number | undefined = undefined;
  /** `line` as the record has it: NaN when the store holds none. */
  readonly source: { file: string; line: number } = { file: '', line: 0 };

  get firstSeen(): string {
    return isoFromMicros(this.firstMicros);
  }

  get lastSeen(): string {
    return isoFromMicros(this.lastMicros);
  }

  /** This object, now standing for record `r` of `store`, named `names` (the record's own: kept, not copied). */
  of(store: FlowStore, r: number, names: FlowName[]): this {
    const page = store.pageOf(r);
    const slot = r & MASK;
    const first = page.first[slot] ?? 0;
    const last = getNum(page.last, slot);
    this.proto = store.protoName(page.proto[slot] ?? 0);
    this.client = store.clientText(r);
    this.server = store.serverText(r);
    this.serverPort = page.serverPort[slot] ?? 0;
    this.firstMicros = first;
    this.lastMicros = Number.isNaN(last) ? first : last;
    this.packetsOut = orNull(getNum(page.pktOut, slot));
    this.packetsIn = orNull(getNum(page.pktIn, slot));
    this.bytesOut = orNull(getNum(page.bytesOut, slot));
    this.bytesIn = orNull(getNum(page.bytesIn, slot));
    this.names = names;
    const total = getNum(page.bytesTotal, slot);
    this.bytesTotal = Number.isNaN(total) ? undefined : total;
    this.source.file = store.stringOf(page.file[slot] ?? 0);
    this.source.line = getNum(page.line, slot);
    return this;
  }
}

function orNull(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}
