/**
 * One log run: sniffs formats, feeds each file's lines to its parser, then joins what the files say about the
 * same connections (zeek uid, suricata flow_id) and names flows from DNS/proxy logs in time.
 */
import type { Anomalies } from '../../core/anomalies.js';
import type { NameVia } from '../../decode/names/types.js';
import type { FlowRecord } from '../../flows/flow-record.js';
import { InputDataError, type InputSource } from '../source.js';
import { decodeHead, splitLines } from './line-splitter.js';
import type { AddressName, JoinHint, LogContext, LogFormat, QueryEvidence, TimeHow } from './log-format.js';
import { escapeText } from './log-record.js';
import { AddressNames } from './name-join.js';
import { LOG_FORMATS } from './registry.js';
import { checkTimeZone } from './time-zone.js';

/** FlowRecord.names is ordered most trustworthy first (decode/names/types.ts NameVia). */
const VIA_RANK: Record<NameVia, number> = { sni: 0, 'quic-sni': 1, 'http-connect': 2, 'http-host': 3, dns: 4 };

/** Query strings kept at most (evidence for the PII pass; the rest are counted). */
export const MAX_QUERY_EVIDENCE = 100_000;

/** Non-empty lines a sniffer sees at most. */
export const SNIFF_LINES = 50;

/** The part of `InputSource` this module reads (gzip already undone), so tests can pass plain objects. */
export type LogInputSource = Pick<InputSource, 'name' | 'chunks'>;

interface Held {
  record: FlowRecord;
  micros: number;
  join: JoinHint | undefined;
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
  readonly #held: Held[] = [];
  readonly #names = new AddressNames();
  readonly #times: TimeAssumption[] = [];
  readonly #queries: QueryEvidence[] = [];

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

  async addFile(source: LogInputSource, format: LogFormat): Promise<void> {
    const ctx: LogContext = {
      file: source.name,
      timezone: this.#timezone,
      anomalies: this.#anomalies,
      nowMs: this.#nowMs,
      emit: (record, micros, join) => {
        this.#held.push({ record, micros, join });
      },
      addressName: (fact: AddressName) => this.#names.add(fact),
      httpQuery: (q) => {
        if (this.#queries.length < MAX_QUERY_EVIDENCE) this.#queries.push(q);
        else this.#anomalies.add('log-query-evidence-dropped');
      },
      noteTime: (zone, how) => {
        if (!this.#times.some((t) => t.file === source.name && t.zone === zone && t.how === how)) {
          this.#times.push({ file: source.name, zone, how });
        }
      },
    };
    const parser = format.createParser(ctx);
    const anomalies = this.#anomalies;
    try {
      await splitLines(
        source.chunks,
        {
          line: (text, lineNo) => {
            try {
              parser.line(text, lineNo);
            } catch (err) {
              // A parser bug must not lose the run: count it with the line, like any other skipped record.
              anomalies.add('log-parser-internal-error', {
                file: source.name,
                line: lineNo,
                detail: `${err instanceof Error ? err.message : String(err)}: ${escapeText(text)}`,
              });
            }
          },
          tooLong: (lineNo, head) =>
            anomalies.add('log-line-too-long', { file: source.name, line: lineNo, detail: escapeText(head) }),
        },
        format.splitAfter,
      );
    } catch (err) {
      // Damaged input after the head (cut gzip, read error): keep what was read, say where it stopped.
      if (!(err instanceof InputDataError)) throw err;
      anomalies.add(err.reason, { file: source.name, offset: err.offset, detail: err.message });
    }
    parser.end();
  }

  finish(): FlowRecord[] {
    const out: Held[] = [];
    const byKey = new Map<string, Held>();
    const secondaries: Held[] = [];
    for (const h of this.#held) {
      if (h.join === undefined) out.push(h);
      else if (h.join.primary && !byKey.has(h.join.key)) {
        byKey.set(h.join.key, h);
        out.push(h);
      } else secondaries.push(h);
    }
    for (const s of secondaries) {
      const key = s.join?.key ?? '';
      const owner = byKey.get(key);
      if (owner === undefined) {
        // No primary record (e.g. ssl.log without conn.log): the first detail record stands for the flow.
        byKey.set(key, s);
        out.push(s);
        continue;
      }
      mergeInto(owner.record, s.record);
    }
    for (const h of out) {
      const dns = this.#names.lookup(h.record.server, h.record.client, h.micros);
      for (const n of dns) if (!h.record.names.some((m) => m.name === n.name)) h.record.names.push(n);
      if (h.record.names.length > 1) h.record.names.sort((a, b) => VIA_RANK[a.via] - VIA_RANK[b.via]);
    }
    out.sort((a, b) => a.micros - b.micros);
    this.#held.length = 0;
    return out.map((h) => h.record);
  }

  timeAssumptions(): TimeAssumption[] {
    return this.#times.map((t) => ({ ...t }));
  }

  /** URL query strings from proxy logs (payload evidence for the PII pass; never in the flow records). */
  httpQueries(): QueryEvidence[] {
    return [...this.#queries];
  }

  formatsTried(): string[] {
    return LOG_FORMATS.map((f) => `${f.id} (${f.description})`);
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

function mergeInto(owner: FlowRecord, extra: FlowRecord): void {
  for (const n of extra.names) if (!owner.names.some((m) => m.name === n.name && m.via === n.via)) owner.names.push(n);
  if (owner.http === undefined && extra.http !== undefined) owner.http = extra.http;
  if (owner.process === undefined && extra.process !== undefined) owner.process = extra.process;
  if (owner.alpn === undefined && extra.alpn !== undefined) owner.alpn = extra.alpn;
  if (owner.tlsVersions === undefined && extra.tlsVersions !== undefined) owner.tlsVersions = extra.tlsVersions;
}
