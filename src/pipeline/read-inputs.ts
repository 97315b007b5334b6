/**
 * Inputs → flow records, whatever each input is: a capture (pcap, pcapng, gzip'd or not) or a log in a known
 * format, recognised by content. The one place that decides which reader an input goes to.
 */
import type { PiiOptions } from '../assess/pii/types.js';
import type { Anomalies } from '../core/anomalies.js';
import type { ByteOutput } from '../core/byte-output.js';
import { InputError, UnreadableInputError } from '../core/errors.js';
import type { EndedFlow } from '../flows/ended-flow.js';
import type { FlowRecord } from '../flows/flow-record.js';
import { classifyInput, unrecognisedInput } from '../ingest/input-registry.js';
import type { LogFormat } from '../ingest/logs/log-format.js';
import type { LogIngest } from '../ingest/logs/log-ingest.js';
import type { StoreFlowView } from '../ingest/logs/store-flow-view.js';
import { type Compression, type InputSource, openInput } from '../ingest/source.js';
import { type PayloadRunOptions, payloadJobOptions } from '../payload/payload-run.js';
import { captureFlows, DEFAULT_DNS_GRACE_SECONDS } from './capture-flows.js';
import { captureInputSummary, type InputJobOptions, type InputSummary } from './input-job.js';
import { type InputJob, InputPool } from './input-pool.js';
import { countedLines, type LineTally } from './line-count.js';
import { pacedSource } from './paced-source.js';

/** scheduled-use: told as each input starts and as its (decompressed) bytes are consumed; drives --progress. */
export interface InputProgress {
  /** `size` is the total to expect, or null when unknown (stdin, gzip: the size on disk is not what is read). */
  begin(file: string, size: number | null, index: number, count: number): void;
  advance(bytes: number): void;
  /** The lines of a log input, once it is read (captures count packets instead): for the closing line. */
  lines?(lines: number): void;
  /** An input skipped because it could not be opened (the run goes on with the others; see below). */
  unreadable?(error: UnreadableInputError): void;
  end(): void;
}

export type { InputSummary } from './input-job.js';

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
  drain?: () => Promise<void> | undefined;
  /** scheduled-use: reading progress (see InputProgress). */
  progress?: InputProgress | null;
  /**
   * Captures read at once in worker threads (1: all on this thread). Results are the same either way: inputs
   * are consumed in the order given. Logs are always read here (their records are joined across files).
   */
  jobs?: number;
  /**
   * Read even a single capture in a worker when `jobs` > 1, so that this thread's per-flow work (the audit's
   * enrichment and grouping) overlaps the reading instead of following it. Not worth it when the per-flow work
   * is cheaper than handing the flow over (plain `flows` output).
   */
  offloadSingleCapture?: boolean;
  /**
   * Capture flows read in a worker arrive as NDJSON text here instead of as records through onFlow (flows the
   * main thread reads itself, and log flows, still go to onFlow). For a consumer that only writes NDJSON.
   */
  onNdjson?: (bytes: Uint8Array, count: number) => void;
  /**
   * Flows of captures read on this thread, as the flow table's view of their columns (valid only during the
   * call), instead of as records through onFlow: for a consumer that writes each flow out as it ends.
   */
  onEnded?: (flow: EndedFlow) => void;
  /**
   * Log flows without parser-made objects or merged records, as a reused view of the log store's columns (valid
   * only during the call; ingest/logs/store-flow-view.ts) instead of as records through onFlow: for the audit.
   */
  onLogView?: (flow: StoreFlowView) => void;
  /**
   * Log flows written as NDJSON into `out` straight from the log store (no record per flow) instead of going
   * to onFlow; `written` is told how many. For a consumer that only writes NDJSON.
   */
  logNdjson?: { out: ByteOutput; written: (flows: number) => void };
  /**
   * Content reading: keys, which flows to follow, requests. Runs that hand requests on (`requests`) read every
   * input on this thread; the others may use workers, which rebuild the keys from `keyLogTexts`.
   */
  payload?: { run: PayloadRunOptions; keyLogTexts: string[] } | null;
  /** The compiled capture worker; only tests running the TypeScript sources need to say. */
  workerUrl?: URL;
}

export interface ReadInputsResult {
  inputs: InputSummary[];
  timeAssumptions: { file: string; zone: string; how: string }[];
}

export async function readInputs(paths: string[], options: ReadInputsOptions): Promise<ReadInputsResult> {
  if (paths.filter((p) => p === '-').length > 1) throw new InputError('stdin (-) can be given only once');
  // The log, HAR and content readers are loaded when an input needs them (import() below): a run of captures
  // never does, and loading their 73 modules cost ~25 ms of every such run's start (issue #18). A worker pool's
  // run loads the log reader at once (its log events are replayed synchronously as they arrive).
  const nowMs = Date.now();
  // In an object, not a `let`: one assigned only inside a closure reads as always null to the type checker.
  const loaded: { logs: LogIngest | null } = { logs: null };
  const logsNow = async (): Promise<LogIngest> => {
    if (loaded.logs === null) {
      const { LogIngest } = await import('../ingest/logs/log-ingest.js');
      loaded.logs ??= new LogIngest({ timezone: options.timezone ?? null, anomalies: options.anomalies, nowMs });
    }
    return loaded.logs;
  };
  const summaries: InputSummary[] = [];
  const logSummaries = new Map<string, InputSummary>();
  const progress = options.progress ?? null;
  const captureOptions: InputJobOptions = {
    naming: options.naming ?? true,
    dnsGraceSeconds: options.dnsGraceSeconds ?? DEFAULT_DNS_GRACE_SECONDS,
    pii: options.pii ?? null,
    payload: options.payload == null ? null : payloadJobOptions(options.payload.run, options.payload.keyLogTexts),
    timezone: options.timezone ?? null,
    nowMs,
    ndjson: options.onNdjson !== undefined,
  };
  const files = paths.filter((p) => p !== '-').length;
  const wanted = options.jobs ?? 1;
  const jobs = Math.min(wanted, files);
  const payloadRun = options.payload?.run ?? null;
  const usePool =
    wanted > 1 &&
    (payloadRun === null || (payloadRun.onRequest === null && payloadRun.follow === 'with-keys')) &&
    (files > 1 || (files === 1 && options.offloadSingleCapture === true));
  const pool = usePool
    ? new InputPool({
        size: jobs,
        job: captureOptions,
        onBytes: (n) => progress?.advance(n),
        ...(options.workerUrl === undefined ? {} : { workerUrl: options.workerUrl }),
      })
    : null;
  // Workers hand back what their log parsers did, replayed here as it arrives: the log reader is ready first.
  const logsForPool = pool === null ? null : await logsNow();
  // Parallel: one progress line for all inputs together (several files advance at once).
  if (pool !== null) {
    const label = paths.length === 1 ? (paths[0] ?? '') : `${paths.length} inputs, ${jobs} at a time`;
    progress?.begin(label, null, 0, 1);
  }
  // Inputs read ahead by the pool: enough to keep every worker busy while the current one is consumed.
  const ahead = new Map<number, InputJob>();
  const unreadable: UnreadableInputError[] = [];
  const readAhead = (from: number): void => {
    if (pool === null) return;
    for (let i = from; i < paths.length && i < from + 2 * jobs; i++) {
      const path = paths[i];
      if (path !== undefined && path !== '-' && !ahead.has(i)) ahead.set(i, pool.submit(path));
    }
  };
  const logInput = async (source: InputSource, logFormat: LogFormat): Promise<void> => {
    const read = countedLines(source);
    await (await logsNow()).addFile(read.source, logFormat);
    addLogSummary(source.name, logFormat.id, source.compression, source.size, read.tally());
  };
  /** Reads an input on this thread, as its content says. */
  const readHere = async (source: InputSource): Promise<void> => {
    const input = await classifyInput(source.head);
    if (input === null) {
      // Nothing of it is read: the run may skip it and go on (a README beside the captures), so close it now.
      await source.close?.();
      throw await unrecognisedInput(source.name, source.head);
    }
    if (input.kind === 'log') return logInput(source, input.format);
    if (input.kind === 'har') return harInput(source);
    const s = await captureFlows(source, input.format, {
      ...captureOptions,
      payload: payloadRun,
      anomalies: options.anomalies,
      onFlow: options.onFlow,
      ...(options.onEnded === undefined ? {} : { onEnded: options.onEnded }),
    });
    summaries.push(captureInputSummary(source, s));
  };
  /** A HAR file: one flow per entry, its content already read (payload/har-flows.ts). */
  const harInput = async (source: InputSource): Promise<void> => {
    let flows = 0;
    let first: number | null = null;
    let last: number | null = null;
    // A HAR entry's content is inspected as decrypted content is: when the run inspects content (the audit).
    const inspect = options.payload?.run.inspect ?? null;
    const [{ readHar }, { harEntryToFlow }] = await Promise.all([
      import('../ingest/har/har-reader.js'),
      import('./har-flows.js'),
    ]);
    const summary = await readHar(source.chunks, source.name, (entry) => {
      const flow = harEntryToFlow(entry, source.name, inspect);
      const t = Date.parse(flow.firstSeen) * 1000;
      if (Number.isFinite(t) && t > 0) {
        first = first === null || t < first ? t : first;
        last = last === null || t > last ? t : last;
      }
      flows++;
      options.onFlow(flow);
    });
    for (const s of summary.skipped)
      options.anomalies.add('har-entry-skipped', { file: source.name, detail: `entry ${s.entry}: ${s.reason}` });
    summaries.push({
      file: source.name,
      format: 'har',
      gzip: source.gzip,
      compression: source.compression,
      size: source.size,
      packets: null,
      bytes: source.size ?? 0,
      flows,
      firstSeen: first,
      lastSeen: last,
      linkTypes: [],
    });
  };
  // Counts and times are filled in when the joined log records are handed out (below).
  const addLogSummary = (
    file: string,
    format: string,
    compression: Compression | null,
    size: number | null,
    read: LineTally,
  ): void => {
    progress?.lines?.(read.lines);
    const summary: InputSummary = {
      file,
      format,
      gzip: compression === 'gzip',
      compression,
      size,
      packets: null,
      bytes: read.bytes,
      lines: read.lines,
      flows: 0,
      firstSeen: null,
      lastSeen: null,
      linkTypes: [],
    };
    summaries.push(summary);
    logSummaries.set(file, summary);
  };
  const open = async (path: string, index: number): Promise<InputSource> => {
    const source = await openInput(path);
    if (progress !== null && pool === null)
      progress.begin(source.name, source.compression !== null ? null : source.size, index, paths.length);
    return pacedSource(source, progress === null ? null : (n) => progress.advance(n), options.drain ?? null);
  };
  try {
    for (const [index, path] of paths.entries()) {
      readAhead(index);
      const job = ahead.get(index);
      ahead.delete(index);
      try {
        if (job !== undefined) {
          const outcome = await job.consume({
            flow: options.onFlow,
            ...(options.onNdjson === undefined ? {} : { ndjson: options.onNdjson }),
            logEvents: (events) => logsForPool?.replay(path, events),
          });
          if (outcome.kind === 'capture') {
            summaries.push(outcome.summary);
            options.anomalies.mergeEntries(outcome.anomalies);
          } else if (outcome.kind === 'log') {
            addLogSummary(path, outcome.format, outcome.compression, outcome.size, outcome);
            options.anomalies.mergeEntries(outcome.anomalies);
          } else await readHere(await open(path, index));
        } else await readHere(await open(path, index));
      } catch (e) {
        // issue #20: an input that gives nothing (cannot be opened, gone since the directory was listed, no
        // permission, empty, or no format we know) is not a reason to lose the others: nothing of it was handed
        // on, so the run skips it, says so and counts it under its reason; the caller ends with code 2. Only when
        // no input at all could be read does it fail.
        if (!(e instanceof UnreadableInputError) || paths.length === 1) throw e;
        unreadable.push(e);
        options.anomalies.add(e.reason, { file: path, detail: e.detail });
        progress?.unreadable?.(e);
      }
      await options.drain?.();
    }
  } finally {
    await pool?.close();
  }
  if (unreadable.length === paths.length) throw new InputError(`none of the ${paths.length} inputs could be read`);
  progress?.end();
  if (logSummaries.size > 0) {
    const logs = await logsNow();
    const { isoFromMicros } = await import('../ingest/logs/log-time.js');
    // Drained every few thousand flows: NDJSON into a pipe would otherwise pile up in memory (~7x its size).
    const drain = options.drain ?? (async () => undefined);
    if (options.logNdjson !== undefined)
      options.logNdjson.written(await logs.finishNdjson(options.logNdjson.out, drain));
    else if (options.onLogView !== undefined) await logs.finishViews(options.onFlow, options.onLogView, drain);
    else await logs.finishDrained(options.onFlow, drain);
    for (const span of logs.fileSpans()) {
      const s = logSummaries.get(span.file);
      if (s === undefined) continue;
      s.flows = span.flows;
      // As the flows say it (ISO, µs), read back to ms: the summary's times are what the records show.
      s.firstSeen = Date.parse(isoFromMicros(span.firstMicros)) * 1000;
      s.lastSeen = Date.parse(isoFromMicros(span.lastMicros)) * 1000;
    }
  }
  return { inputs: summaries, timeAssumptions: loaded.logs?.timeAssumptions() ?? [] };
}
