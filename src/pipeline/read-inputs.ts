/**
 * Inputs → flow records, whatever each input is: a capture (pcap, pcapng, gzip'd or not) or a log in a known
 * format, recognised by content. The one place that decides which reader an input goes to.
 */
import type { PiiOptions } from '../assess/pii/types.js';
import type { Anomalies } from '../core/anomalies.js';
import { InputError } from '../core/errors.js';
import { captureFlows, DEFAULT_DNS_GRACE_SECONDS } from '../flows/capture-flows.js';
import type { FlowRecord } from '../flows/flow-record.js';
import { sniffCapture } from '../ingest/capture-reader.js';
import { LogIngest } from '../ingest/logs/log-ingest.js';
import { type InputSource, openInput } from '../ingest/source.js';

/** scheduled-use: told as each input starts and as its (decompressed) bytes are consumed; drives --progress. */
export interface InputProgress {
  /** `size` is the total to expect, or null when unknown (stdin, gzip: the size on disk is not what is read). */
  begin(file: string, size: number | null, index: number, count: number): void;
  advance(bytes: number): void;
  end(): void;
}

/** Counts bytes as the reader consumes them: one wrapper here instead of a hook in every reader. */
function counted(source: InputSource, progress: InputProgress): InputSource {
  const inner = source.chunks;
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of inner) {
      progress.advance(chunk.length);
      yield chunk;
    }
  }
  return { ...source, chunks: chunks() };
}

export interface InputSummary {
  file: string;
  /** pcap, pcapng, or a log format id. */
  format: string;
  gzip: boolean;
  /** Size on disk, null for stdin. */
  size: number | null;
  /** Packets (captures) read. */
  packets: number | null;
  /** Decompressed bytes read. */
  bytes: number;
  flows: number;
  firstSeen: number | null;
  lastSeen: number | null;
  linkTypes: number[];
}

export interface ReadInputsOptions {
  anomalies: Anomalies;
  onFlow: (flow: FlowRecord) => void;
  naming?: boolean;
  dnsGraceSeconds?: number;
  /** IANA zone for logs that write local time without saying which. */
  timezone?: string | null;
  /** Search cleartext payloads for personal data. */
  pii?: PiiOptions | null;
  /** Awaited between inputs and after log flows, so a slow consumer can apply back-pressure. */
  drain?: () => Promise<void>;
  /** scheduled-use: reading progress (see InputProgress). */
  progress?: InputProgress | null;
}

export interface ReadInputsResult {
  inputs: InputSummary[];
  timeAssumptions: { file: string; zone: string; how: string }[];
}

export async function readInputs(paths: string[], options: ReadInputsOptions): Promise<ReadInputsResult> {
  if (paths.filter((p) => p === '-').length > 1) throw new InputError('stdin (-) can be given only once');
  const logs = new LogIngest({ timezone: options.timezone ?? null, anomalies: options.anomalies });
  const summaries: InputSummary[] = [];
  const logSummaries = new Map<string, InputSummary>();
  const progress = options.progress ?? null;
  for (const [index, path] of paths.entries()) {
    let source = await openInput(path);
    if (progress !== null) {
      progress.begin(source.name, source.gzip ? null : source.size, index, paths.length);
      source = counted(source, progress);
    }
    const captureFormat = sniffCapture(source.head);
    if (captureFormat !== null) {
      const s = await captureFlows(source, captureFormat, {
        anomalies: options.anomalies,
        onFlow: options.onFlow,
        naming: options.naming ?? true,
        dnsGraceSeconds: options.dnsGraceSeconds ?? DEFAULT_DNS_GRACE_SECONDS,
        pii: options.pii ?? null,
      });
      summaries.push({
        file: source.name,
        format: s.format,
        gzip: source.gzip,
        size: source.size,
        packets: s.packets,
        bytes: s.bytes,
        flows: s.flows,
        firstSeen: s.firstTsMicros,
        lastSeen: s.lastTsMicros,
        linkTypes: s.linkTypes,
      });
    } else {
      const logFormat = LogIngest.sniff(source.head);
      if (logFormat === null) {
        throw new InputError(
          `${source.name}: not a capture or log format outflow knows (tried pcap, pcapng, gzip, ${logs.formatsTried().join(', ')})`,
          source.name,
        );
      }
      await logs.addFile(source, logFormat);
      const summary: InputSummary = {
        file: source.name,
        format: logFormat.id,
        gzip: source.gzip,
        size: source.size,
        packets: null,
        bytes: 0,
        flows: 0,
        firstSeen: null,
        lastSeen: null,
        linkTypes: [],
      };
      summaries.push(summary);
      logSummaries.set(source.name, summary);
    }
    await options.drain?.();
  }
  progress?.end();
  if (logSummaries.size > 0) {
    // First/last times per log file, compared as ISO strings (same format, so order is lexical) and parsed once.
    const spans = new Map<string, { first: string; last: string }>();
    logs.finish((flow) => {
      const s = logSummaries.get(flow.source.file);
      if (s !== undefined) {
        s.flows++;
        const span = spans.get(s.file);
        if (span === undefined) spans.set(s.file, { first: flow.firstSeen, last: flow.lastSeen });
        else {
          if (flow.firstSeen < span.first) span.first = flow.firstSeen;
          if (flow.lastSeen > span.last) span.last = flow.lastSeen;
        }
      }
      options.onFlow(flow);
    });
    for (const [file, span] of spans) {
      const s = logSummaries.get(file);
      if (s === undefined) continue;
      s.firstSeen = Date.parse(span.first) * 1000;
      s.lastSeen = Date.parse(span.last) * 1000;
    }
    await options.drain?.();
  }
  return { inputs: summaries, timeAssumptions: logs.timeAssumptions() };
}
