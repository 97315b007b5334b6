/**
 * The seam for name extractors that read the start of a client's TCP stream, after nDPI's dissectors: each has
 * a cheap `probe` of the first bytes (its selection mask), a pure `parse` of the reassembled stream start, and
 * `apply`, which records what the message says on the flow and tells the namer what to do with the stream next.
 * The namer (flow-namer.ts) owns reassembly, limits and state; adding an extractor = one file and one line in
 * registry.ts (tests/flows/name-extractors.test.ts fails otherwise).
 */
import type { PiiOptions } from '../../assess/pii/types.js';
import type { ParseOutcome } from '../../decode/names/types.js';
import type { FlowDetails } from '../flow-details.js';

/** What the namer does with the client's stream after an extractor read a whole message. */
export type NextStep =
  /** Nothing more to learn from the client's stream; `serverFlight`: read the server's answer (TLS certificate). */
  | { mode: 'done'; serverFlight: boolean }
  /** The stream now tunnels another conversation (HTTP CONNECT): probe later segments with every extractor. */
  | { mode: 'scan' }
  /** More messages of the same kind may follow (HTTP keep-alive): parse later segments this extractor probes. */
  | { mode: 'more' };

/** What an extractor may use while it records names: the namer's own recorder, the PII options. */
export interface NamingContext {
  /** Adds a name to the flow, made safe (escaped and flagged when it is not a plausible host name). */
  addName(flow: FlowDetails, raw: string, via: 'sni' | 'quic-sni' | 'http-connect' | 'http-host', frame: number): void;
  /** Personal-data detection options, or null when the run does not look for personal data. */
  readonly pii: PiiOptions | null;
}

export interface StreamNameExtractor<T = unknown> {
  /** Stable id, e.g. "tls-client-hello". */
  readonly id: string;
  /** May this extractor read a stream (or a segment) that starts with these bytes? Cheap; must not throw. */
  probe(first: Uint8Array): boolean;
  /** Parses a whole message from the stream start; `incomplete` asks for more bytes. Must not throw. */
  parse(stream: Uint8Array): ParseOutcome<T>;
  /** An incomplete message ends at an empty line (HTTP heads): re-parse only when a segment brings a line feed. */
  readonly incompleteUntilLineFeed: boolean;
  /** A later segment it probes during a scan starts a new stream (TLS) rather than being read on its own (HTTP). */
  readonly restartsStreamInScan: boolean;
  /** Anomaly name prefix for an invalid message ("tls" → "tls-<reason>"), or null when invalid is not counted. */
  readonly invalidAnomalyPrefix: string | null;
  /** Anomaly for a message larger than the stream limit, or null when not counted. */
  readonly tooLargeAnomaly: string | null;
  /** Records what the message says on the flow; `bytes` is the stream start (or segment) it was parsed from. */
  apply(ctx: NamingContext, flow: FlowDetails, value: T, frame: number, bytes: Uint8Array): NextStep;
}
