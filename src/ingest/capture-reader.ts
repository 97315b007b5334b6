/**
 * Capture files in, packets out: drives the capture format's parser (capture-formats.ts) over the input's
 * chunks. Records are parsed in place in each chunk; only a record that straddles a
 * chunk boundary is copied, together with just enough of the next chunk to complete it, so memory stays
 * bounded by the largest record (MAX_BLOCK_BYTES / PCAP_MAX_RECORD_BYTES), whatever the file size.
 */
import type { Anomalies } from '../core/anomalies.js';
import type { CaptureFormat } from './capture-format.js';
import { type CaptureParser, CaptureStats } from './capture-parser.js';
import type { CapturePacketSink, CaptureSummary } from './capture-sink.js';
import { sniffCaptureFormat, unrecognisedInput } from './input-registry.js';
import { InputDataError, type InputSource } from './source.js';

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
  if (format === null) throw unrecognisedInput(source.name, source.head);
  const stats = new CaptureStats(sink);
  const parser: CaptureParser = format.createParser(stats, anomalies, source.name);
  const bytes = await drive(parser, source, anomalies);
  return stats.summary(format.id, source.gzip, bytes);
}

/** Feeds the source's chunks to the parser; returns the bytes read. */
async function drive(parser: CaptureParser, source: InputSource, anomalies: Anomalies): Promise<number> {
  // `pending` holds unconsumed bytes (shorter than parser.need) and the chunks after them; base is the file
  // offset of pending[0][0].
  let pending: Buffer[] = [];
  let pendingLen = 0;
  let base = 0;
  try {
    for await (const chunk of source.chunks) {
      if (chunk.length === 0) continue;
      let last = chunk;
      let from = 0;
      if (pendingLen > 0) {
        pending.push(chunk);
        pendingLen += chunk.length;
        if (pendingLen < parser.need) continue;
        // Stitch the leftover with only as much of the new chunk as the straddling record needs.
        let stitched = false;
        while (!parser.stopped && pendingLen >= parser.need) {
          const prefixLen = pendingLen - chunk.length;
          const take = Math.min(chunk.length, Math.max(parser.need - prefixLen, 1));
          const parts = pending.slice(0, -1);
          parts.push(chunk.subarray(0, take));
          const joined = Buffer.concat(parts, prefixLen + take);
          const needBefore = parser.need;
          const pos = parser.parse(joined, 0, base);
          if (pos === 0 && !parser.stopped && parser.need <= needBefore) {
            // A parser given what it asked for must consume or ask for more; anything else would spin.
            throw new Error(`capture parser made no progress at offset ${base}`);
          }
          if (pos >= prefixLen) {
            base += prefixLen;
            from = pos - prefixLen;
            stitched = true;
            break;
          }
          // The record's true size became known only now: keep what is left and ask again.
          base += pos;
          pending = [joined.subarray(pos, prefixLen), chunk];
          pendingLen -= pos;
        }
        if (parser.stopped) {
          pendingLen = 0;
          break;
        }
        if (!stitched) continue;
        last = chunk;
      }
      const pos = parser.parse(last, from, base);
      base += pos;
      if (parser.stopped) {
        pendingLen = 0;
        break;
      }
      pending = pos < last.length ? [last.subarray(pos)] : [];
      pendingLen = last.length - pos;
    }
  } catch (e) {
    if (!(e instanceof InputDataError) || !parser.started) throw e;
    anomalies.add(e.reason, { file: source.name, offset: e.offset, detail: e.message });
    return e.offset;
  }
  if (!parser.stopped) parser.finish(pendingLen, base);
  return base + pendingLen;
}
