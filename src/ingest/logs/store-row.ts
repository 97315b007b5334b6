/**
 * A record handed to the log store as numbers (flow-store.ts `addRow`), for byte readers on the hot path: no
 * FlowFields object to fill and read back, no table lookup per line (the reader resolves the ids of the texts
 * it repeats once, through the RowSink), no address text for a dotted quad. It must hold exactly what `emit`
 * would have stored for the same FlowFields (tested against it on generated lines).
 */
import type { FlowProto } from '../../flows/flow-record.js';
import type { LogAddress } from './log-record.js';

/** One reusable record; absent numbers are NaN. */
export class StoreRow {
  /** RowSink.proto id. */
  proto = 0;
  /** RowSink.address codes (a packed IPv4 ≥ 0, or another address's code < 0). */
  client = 0;
  server = 0;
  clientPort = 0;
  serverPort = 0;
  /** First-seen time (µs), plausible (log-record.ts plausibleMicros: the reader checks). */
  first = 0;
  line = 0;
  pktOut = Number.NaN;
  bytesOut = Number.NaN;
  pid = Number.NaN;
  /** RowSink.text ids. */
  flags = 0;
  end = 0;
  /** RowSink.text id of the action + 1; 0 = none. */
  action = 0;
  format = 0;
}

/** The text columns a row names by id. */
export type RowColumn = 'flags' | 'end' | 'action' | 'format';

/** Where a byte reader hands rows for one file (LogContext.rows); ids stay valid for the whole run. */
export interface RowSink {
  /** The id of a (proto, ipProto) pair. */
  proto(proto: FlowProto, ipProto: number): number;
  /** The id of a text in one of the text columns. */
  text(column: RowColumn, s: string): number;
  /** An address as stored: a canonical dotted quad's packed value (≥ 0), any other text's code (< 0). */
  address(a: LogAddress): number;
  add(row: StoreRow): void;
}
