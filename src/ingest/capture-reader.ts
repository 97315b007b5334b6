/**
 * Capture files in, packets out: drives the capture format's parser (capture-formats.ts) over the input
 * (capture-driver.ts: records parsed in place, memory bounded by the largest record whatever the file size).
 */
import type { Anomalies } from '../core/anomalies.js';
import { driveCapture } from './capture-driver.js';
import type { CaptureFormat } from './capture-format.js';
import { type CaptureParser, CaptureStats } from './capture-parser.js';
import type { CapturePacketSink, CaptureSummary } from './capture-sink.js';
import { sniffCaptureFormat, unrecognisedInput } from './input-registry.js';
import type { InputSource } from './source.js';

/**
 * Reads a capture in the given format, or in the format its first bytes show (an unrecognised input is an
 * InputError naming every format tried).
 */
export async function readCapture(
  source: InputSource,
  sink: CapturePacketSink,
  anomalies: Anomalies,
  format: CaptureFormat | null = sniffCaptureFormat(source.head),
): Promise<CaptureSummary> {
  if (format === null) throw await unrecognisedInput(source.name, source.head);
  const stats = new CaptureStats(sink);
  const parser: CaptureParser = format.createParser(stats, anomalies, source.name);
  const bytes = await driveCapture(parser, source, anomalies);
  return stats.summary(format.id, source.gzip, bytes);
}
