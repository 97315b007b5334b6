/**
 * The seam for log inputs: one `LogFormat` per file format, recognised by content (`sniff` peeks at the first
 * non-empty lines only), turning lines into flow records. Adding a format = one file + one line in registry.ts.
 */
import type { Anomalies } from '../../core/anomalies.js';
import type { FlowName } from '../../flows/flow-record.js';
import type { FlowFields } from './log-record.js';
import type { RowSink } from './store-row.js';

export interface LogFormat {
  /** Stable id, also written to `FlowRecord.source.format` ('windows-firewall', 'zeek-conn', ...). */
  id: string;
  /** One line for the "formats tried" error and docs/inputs.md. */
  description: string;
  /** Decides from the first up to 50 non-empty lines of the (decompressed) text; must not throw. */
  sniff(head: string[]): boolean;
  createParser(ctx: LogContext): LogParser;
  /**
   * Formats whose records are not newline-delimited (wevtutil writes XML events back to back on one line) name
   * a token after which the splitter also ends a "line".
   */
  splitAfter?: string;
}

/** How a record's time zone was decided, for the report: never let the machine's zone decide silently. */
export type TimeHow = 'stated-in-log' | 'option' | 'assumed-utc';

/** Extra knowledge a record carries for the cross-file joins done by `LogIngest.finish`. */
export interface JoinHint {
  /** Records with the same key describe the same connection (zeek uid, suricata flow_id), namespaced by format. */
  key: string;
  /** A primary record (zeek conn.log, suricata flow) owns the counts; others only contribute names and details. */
  primary: boolean;
}

/** One address → name fact learnt from DNS (or a proxy) at a time, used to name flows of the same run. */
export interface AddressName {
  address: string;
  name: FlowName;
  tsMicros: number;
  /** The client that received the answer, when the log says (names are preferred for the same client). */
  client?: string;
}

/** A URL query string seen in a log: payload evidence for the later PII pass, never output by default. */
export interface QueryEvidence {
  file: string;
  line: number;
  host: string;
  path: string;
  query: string;
}

export interface LogContext {
  file: string;
  /** IANA zone from --timezone/config, or null. */
  timezone: string | null;
  anomalies: Anomalies;
  /**
   * Hands one record's fields to the run (held compactly; first-seen time orders it and dates the DNS join).
   * The run copies what it keeps during the call: a parser may reuse the object for its next record.
   */
  emit(fields: FlowFields, join?: JoinHint): void;
  /**
   * The store itself, for byte readers that hand records over as numbers (store-row.ts) instead of `emit`;
   * absent where the run records calls instead of storing (worker threads): those readers then `emit`.
   */
  rows?: RowSink;
  /** Records an address → name fact (DNS answers, proxy logs, Sysmon DNS queries). */
  addressName(fact: AddressName): void;
  /** Keeps a URL query string (proxy logs) for the PII pass. */
  httpQuery(evidence: QueryEvidence): void;
  /** Notes how times of this file were interpreted (deduplicated by the ingest). */
  noteTime(zone: string, how: TimeHow): void;
  /** The run's "now" (UTC ms), for formats whose timestamps lack a year. Injected so tests are stable. */
  nowMs: number;
}

export interface LogParser {
  line(text: string, lineNo: number): void;
  /**
   * Optional byte-level reading of the common lines (byte-walk.ts): the line is buf[start, end), valid during
   * the call only. Returns true when it read the line, false (having changed nothing that `line` would see
   * differently) to have the line decoded and given to `line`. Records must be exactly what `line` makes.
   */
  bytes?(buf: Buffer, start: number, end: number, lineNo: number): boolean;
  end(): void;
}
