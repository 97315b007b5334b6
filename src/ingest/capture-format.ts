/**
 * The seam for capture inputs, as log-format.ts is for logs: one `CaptureFormat` per file format, recognised by
 * content (`sniff` peeks at the first bytes only), driving a `CaptureParser` over the input's chunks. Adding a
 * format = one file + one line in capture-formats.ts; input-registry.ts classifies every input from both lists.
 */
import type { Anomalies } from '../core/anomalies.js';
import type { CaptureParser, CaptureStats } from './capture-parser.js';

export interface CaptureFormat {
  /** Stable id, also written to `FlowRecord.source.format` and the report's inputs ('pcap', 'pcapng', ...). */
  id: string;
  /** One line for the "formats tried" error and docs/inputs.md. */
  description: string;
  /** Decides from the first bytes (at least 64 when the input has them); must not throw. */
  sniff(head: Uint8Array): boolean;
  createParser(stats: CaptureStats, anomalies: Anomalies, file: string): CaptureParser;
}
