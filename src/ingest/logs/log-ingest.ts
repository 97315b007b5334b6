/**
 * One log run: sniffs formats, feeds each file's lines to its parser, then joins what the files say about the
 * same connections (zeek uid, suricata flow_id) and names flows from DNS/proxy logs in time.
 */

import type { Anomalies } from '../../core/anomalies.js';
import type { ByteOutput } from '../../core/byte-output.js';
import type { NameVia } from '../../decode/names/types.js';
import { flowToNdjson } from '../../flows/flow-ndjson.js';
import type { FlowName, FlowRecord } from '../../flows/flow-record.js';
import { InputDataError, type InputSource } from '../source.js';
import { FileTally } from './file-tally.js';
import { FlowStore } from './flow-store.js';
import { HandOutOrder } from './hand-out-order.js';
import { decodeHead, type LineSink, splitLines } from './line-splitter.js';
import type { AddressName, JoinHint, LogContext, LogFormat, QueryEvidence, TimeHow } from './log-format.js';
import type { FlowFields } from './log-record.js';
import { escapeText } from './log-record.js';
import { AddressNames } from './name-join.js';
import { LOG_FORMATS } from './registry.js';
import { StoreFlowView } from './store-flow-view.js';
import { StoreNdjson } from './store-ndjson.js';
import { checkTimeZone } from './time-zone.js';

/** FlowRecord.names is ordered most trustworthy first (decode/names/types.ts NameVia). */
const VIA_RANK: Record<NameVia, number> = { sni: 0, 'quic-sni': 1, 'http-connect': 2, 'http-host': 3, dns: 4 };

/** The names of a record no log names (handed out in place: read, never changed). */
const UNNAMED: FlowName[] = [];

/** Query strings kept at most (evidence for the PII pass; the rest are counted). */
export const MAX_QUERY_EVIDENCE = 100_000;

/** Flows handed out between two awaits of the consumer's drain in finishDrained. */
export const DRAIN_EVERY = 1024;

/** Non-empty lines a sniffer sees at most. */
export const SNIFF_LINES = 50;

/** The part of `InputSource` this module reads (gzip already undone), so tests can pass plain objects. */
export type LogInputSource = Pick<InputSource, 'name' | 'chunks' | 'into'>;

/** What the last finish handed out of one file: its flows and their earliest first-seen and latest last-seen. */
export interface FileSpan {
  file: string;
  flows: number;
  /** µs since the epoch. */
  firstMicros: number;
  lastMicros: number;
}

export interface TimeAssumption {
  file: string;
  zone: string;
  how: TimeHow;
}

export class LogIngest {
  readonly #timezone: string | null;
  readonly #anomalies: Anomalies;
  readonly #nowMs: number;
  readonly #store = new FlowStore();
  readonly #names = new AddressNames();
  readonly #times: TimeAssumption[] = [];
  readonly #queries: QueryEvidence[] = [];
  #spans: FileSpan[] = [];

  constructor(opts: { timezone: string | null; anomalies: Anomalies; nowMs?: number }) {
    if (opts.timezone !== null) checkTimeZone(opts.timezone);
    this.#timezone = opts.timezone;
    this.#anomalies = opts.anomalies;
    this.#nowMs = opts.nowMs ?? Date.now();
  }

  /** The first matching format for a file's first bytes, or null when it is no log format we know. */
  static sniff(head: Uint8Array): LogFormat | null {
    return sniffText(decodeHead(head));
  }

  /** The run's "now" (UTC ms): worker threads parsing logs for this run must use the same. */
  get nowMs(): number {
    return this.#nowMs;
  }

  async addFile(source: LogInputSource, format: LogFormat): Promise<void> {
    await parseLogSource(source, format, this.#context(source.name));
  }

  /**
   * Applies what a worker thread recorded while parsing one file (input-worker.ts), in the order it was
   * recorded: the same store, names, query evidence and time notes as addFile would have produced.
   */
  replay(file: string, events: readonly LogEvent[]): void {
    const ctx = this.#context(file);
    for (const e of events) {
      switch (e[0]) {
        case 'emit':
          ctx.emit(e[1], e[2]);
          break;
        case 'name':
          ctx.addressName(e[1]);
          break;
        case 'query':
          ctx.httpQuery(e[1]);
          break;
        case 'time':
          ctx.noteTime(e[1], e[2]);
          break;
      }
    }
  }

  #context(file: string): LogContext {
    const fileId = this.#store.stringId(file);
    const store = this.#store;
    return {
      file,
      timezone: this.#timezone,
      anomalies: this.#anomalies,
      nowMs: this.#nowMs,
      emit: (fields, join) => store.add(fields, fileId, join),
      rows: {
        proto: (proto, ipProto) => store.protoId(proto, ipProto),
        text: (column, text) => store.textId(column, text),
        address: (address) => store.addressCode(address),
        add: (row) => store.addRow(row, fileId),
      },
      addressName: (fact: AddressName) => this.#names.add(fact),
      httpQuery: (q) => {
        if (this.#queries.length < MAX_QUERY_EVIDENCE) this.#queries.push(q);
        else this.#anomalies.add('log-query-evidence-dropped');
      },
      noteTime: (zone, how) => {
        if (!this.#times.some((t) => t.file === file && t.zone === zone && t.how === how)) {
          this.#times.push({ file, zone, how });
        }
      },
    };
  }

  /**
   * Joins and names the records of every file read, then hands them out in first-seen order: through `onFlow`
   * when given (nothing is returned, so the caller never holds a second copy), else as the returned array.
   * The held records are released either way.
   */
  finish(onFlow?: (flow: FlowRecord) => void): FlowRecord[] {
    const out: FlowRecord[] = [];
    const emit = onFlow ?? ((f: FlowRecord) => out.push(f));
    for (const flow of this.#handOutAll()) emit(flow);
    return out;
  }

  /**
   * `finish(onFlow)` for a consumer that can fall behind (NDJSON into a pipe): awaits `drain` after every
   * DRAIN_EVERY flows, so the output waits for the reader instead of piling up in memory (a million flows of
   * NDJSON queued in a stream is ~0.5 GB of strings). Same flows, same order.
   */
  async finishDrained(onFlow: (flow: FlowRecord) => void, drain: () => Promise<void> | undefined): Promise<void> {
    let k = 0;
    for (const flow of this.#handOutAll()) {
      onFlow(flow);
      if (++k % DRAIN_EVERY === 0) await drain();
    }
    await drain();
  }

  /**
   * `finishDrained` for the audit: the records `finishNdjson` spells from the columns (no parser-made objects,
   * nothing merged) go to `onView` as one reused StoreFlowView (store-flow-view.ts) instead of as records, the
   * others to `onFlow` as records; the same flows in the same order, named the same way.
   */
  async finishViews(
    onFlow: (flow: FlowRecord) => void,
    onView: (view: StoreFlowView) => void,
    drain: () => Promise<void> | undefined,
  ): Promise<void> {
    const view = new StoreFlowView();
    const store = this.#store;
    await this.#handOutInPlace(onFlow, (r, names) => onView(view.of(store, r, names)), drain);
    await drain();
  }

  /**
   * `finishDrained` for NDJSON output: each record's line is spelt into `out` straight from the store's
   * columns (store-ndjson.ts), without a FlowRecord, but for the few records that carry parser-made objects or
   * merge detail records, which are built and written as records. The same bytes as writing each record
   * `finish` hands out with flowToNdjson. Returns the number of flows written.
   */
  async finishNdjson(out: ByteOutput, drain: () => Promise<void> | undefined): Promise<number> {
    const writer = new StoreNdjson(this.#store, out);
    const k = await this.#handOutInPlace(
      (record) => writer.out.utf8(flowToNdjson(record)),
      (r, names) => writer.write(r, names),
      () => {
        writer.flush();
        return drain();
      },
    );
    writer.flush();
    await drain();
    return k;
  }

  /**
   * Every joined record in first-seen order, handed to `inPlace` as its index in the store with its names (the
   * DNS/proxy names in a fresh list, or none), to be read from the columns, or to `asRecord` as a record where
   * the columns do not say it all (parser-made objects, merged detail records). `pause` is awaited every
   * DRAIN_EVERY records. Returns the number handed out; the store is released after the last.
   */
  async #handOutInPlace(
    asRecord: (record: FlowRecord) => void,
    inPlace: (r: number, names: FlowName[]) => void,
    pause: () => Promise<void> | undefined,
  ): Promise<number> {
    const cursor = this.#cursor();
    const plan = cursor.plan;
    const merged = plan.merges.size > 0;
    const named = this.#names.size > 0;
    const store = this.#store;
    let k = 0;
    for (let r = cursor.next(); r >= 0; r = cursor.next()) {
      if (store.hasExtra(r) || (merged && plan.merges.has(r))) asRecord(this.#handOut(plan, r));
      else if (!named) inPlace(r, UNNAMED);
      else {
        // What #handOut gives a record without names of its own: the DNS/proxy names in a fresh list.
        const names: FlowName[] = [];
        this.#addDnsNames(names, store.serverText(r), store.clientText(r), store.firstMicros(r));
        inPlace(r, names);
      }
      if (++k % DRAIN_EVERY === 0) {
        const waiting = pause();
        if (waiting !== undefined) await waiting;
      }
    }
    return k;
  }

  /**
   * Per input file, what the last finish handed out (files that gave no flow are left out). Counted from the
   * stored numbers as records go out, so a consumer needs no per-flow bookkeeping of its own.
   */
  fileSpans(): FileSpan[] {
    return this.#spans.map((s) => ({ ...s }));
  }

  /** Every joined record in first-seen order; the store is released once the last has been taken. */
  *#handOutAll(): Generator<FlowRecord> {
    const cursor = this.#cursor();
    for (let r = cursor.next(); r >= 0; r = cursor.next()) yield this.#handOut(cursor.plan, r);
  }

  /**
   * The records to hand out, in first-seen order: `next` gives each (counting it into its file's span) and -1
   * after the last, when the spans are set and the store is released.
   */
  #cursor(): { plan: HandOutOrder; next: () => number } {
    const store = this.#store;
    const plan = new HandOutOrder(store);
    // Per file id (a store string id): flows, min first-seen, max last-seen.
    const tally = new FileTally();
    const { flows, first, last } = tally;
    // Every record held goes out (nothing merged into another): the spans are then counted over the store's
    // columns in one pass at the end rather than record by record as they go (~0.1 s of a million records).
    const all = plan.merges.size === 0 && plan.length === store.size;
    const next = (): number => {
      const r = plan.next();
      if (r < 0) {
        if (all) store.fileTotals(tally);
        const spans: FileSpan[] = [];
        flows.forEach((n, file) => {
          spans.push({
            file: store.stringOf(file),
            flows: n,
            firstMicros: first[file] ?? 0,
            lastMicros: last[file] ?? 0,
          });
        });
        this.#spans = spans;
        store.clear();
        return r;
      }
      if (all) return r;
      tally.add(store.fileId(r), store.firstMicros(r), store.lastMicros(r));
      return r;
    };
    return { plan, next };
  }

  /** Record `r` of the plan, merged with the detail records it owns and named from the DNS/proxy logs. */
  #handOut(plan: HandOutOrder, r: number): FlowRecord {
    const store = this.#store;
    const rec = store.record(r);
    const extra = plan.merges.get(r);
    if (extra !== undefined) for (const s of extra) mergeInto(rec, store.record(s));
    if (this.#names.size > 0) this.#addDnsNames(rec.names, rec.server, rec.client, store.firstMicros(r));
    else if (rec.names.length > 1) rec.names.sort(byVia);
    return rec;
  }

  /** Adds the names the DNS/proxy logs give for a flow to `names` (new names only), most trustworthy first. */
  #addDnsNames(names: FlowName[], server: string, client: string, firstMicros: number): void {
    const dns = this.#names.lookup(server, client, firstMicros);
    for (const n of dns) if (!names.some((m) => m.name === n.name)) names.push(n);
    if (names.length > 1) names.sort(byVia);
  }

  timeAssumptions(): TimeAssumption[] {
    return this.#times.map((t) => ({ ...t }));
  }

  /** URL query strings from proxy logs (payload evidence for the PII pass; never in the flow records). */
  httpQueries(): QueryEvidence[] {
    return [...this.#queries];
  }
}

/** Sniffs decoded text (exported for tests). */
export function sniffText(text: string): LogFormat | null {
  const head: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    head.push(line);
    if (head.length >= SNIFF_LINES) break;
  }
  if (head.length === 0) return null;
  for (const f of LOG_FORMATS) {
    try {
      if (f.sniff(head)) return f;
    } catch {
      // A sniffer that throws on odd input simply did not recognise it.
    }
  }
  return null;
}

function byVia(a: FlowName, b: FlowName): number {
  return VIA_RANK[a.via] - VIA_RANK[b.via];
}

function mergeInto(owner: FlowRecord, extra: FlowRecord): void {
  for (const n of extra.names) if (!owner.names.some((m) => m.name === n.name && m.via === n.via)) owner.names.push(n);
  if (owner.http === undefined && extra.http !== undefined) owner.http = extra.http;
  if (owner.serverCertificate === undefined && extra.serverCertificate !== undefined)
    owner.serverCertificate = extra.serverCertificate;
  if (owner.process === undefined && extra.process !== undefined) owner.process = extra.process;
  if (owner.alpn === undefined && extra.alpn !== undefined) owner.alpn = extra.alpn;
  if (owner.tlsVersions === undefined && extra.tlsVersions !== undefined) owner.tlsVersions = extra.tlsVersions;
}

/** One call a parser made on its LogContext, recorded in a worker thread to be replayed by LogIngest.replay. */
export type LogEvent =
  | ['emit', FlowFields, JoinHint | undefined]
  | ['name', AddressName]
  | ['query', QueryEvidence]
  | ['time', string, TimeHow];

/**
 * A LogContext that records instead of storing (worker threads). Each emitted record is copied at once (its
 * top level; nested names/process/http objects are built before the emit and not changed after), because a
 * parser may reuse or change its objects after handing them over.
 */
export function recordingContext(
  file: string,
  timezone: string | null,
  nowMs: number,
  anomalies: Anomalies,
  record: (event: LogEvent) => void,
): LogContext {
  return {
    file,
    timezone,
    anomalies,
    nowMs,
    emit: (fields, join) => record(['emit', { ...fields }, join === undefined ? undefined : { ...join }]),
    addressName: (fact) => record(['name', fact]),
    httpQuery: (q) => record(['query', q]),
    noteTime: (zone, how) => record(['time', zone, how]),
  };
}

/** Feeds one file's lines to its format's parser; damaged input after the head is counted, not thrown. */
export async function parseLogSource(source: LogInputSource, format: LogFormat, ctx: LogContext): Promise<void> {
  const { anomalies } = ctx;
  const parser = format.createParser(ctx);
  // A parser bug must not lose the run: count it with the line, like any other skipped record.
  const internalError = (err: unknown, lineNo: number, text: string): void =>
    anomalies.add('log-parser-internal-error', {
      file: source.name,
      line: lineNo,
      detail: `${err instanceof Error ? err.message : String(err)}: ${escapeText(text)}`,
    });
  const sink: LineSink = {
    line: (text, lineNo) => {
      try {
        parser.line(text, lineNo);
      } catch (err) {
        internalError(err, lineNo, text);
      }
    },
    tooLong: (lineNo, head) =>
      anomalies.add('log-line-too-long', { file: source.name, line: lineNo, detail: escapeText(head) }),
  };
  const bytes = parser.bytes?.bind(parser);
  if (bytes !== undefined) {
    sink.bytes = (buf, start, end, lineNo) => {
      try {
        return bytes(buf, start, end, lineNo);
      } catch (err) {
        internalError(err, lineNo, buf.toString('utf8', start, end));
        return true;
      }
    };
  }
  try {
    await splitLines(source.chunks, sink, format.splitAfter, source.into);
  } catch (err) {
    // Damaged input after the head (cut gzip, read error): keep what was read, say where it stopped.
    if (!(err instanceof InputDataError)) throw err;
    anomalies.add(err.reason, { file: source.name, offset: err.offset, detail: err.message });
  }
  parser.end();
}
