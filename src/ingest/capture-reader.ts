/**
 * Capture files in, packets out: recognises classic pcap and pcapng by magic bytes and drives the format's
 * parser over the input's chunks. Records are parsed in place in each chunk; only a record that straddles a
 * chunk boundary is copied, together with just enough of the next chunk to complete it, so memory stays
 * bounded by the largest record (MAX_BLOCK_BYTES / PCAP_MAX_RECORD_BYTES), whatever the file size.
 */
import type { Anomalies } from '../core/anomalies.js';
import { InputError } from '../core/errors.js';
import type { CapturePacketSink, CaptureSummary } from './capture-sink.js';
import { type CaptureParser, CaptureStats } from './pcap/capture-parser.js';
import { PcapParser, pcapMagicInfo } from './pcap/pcap-parser.js';
import { BLOCK_SHB, BYTE_ORDER_MAGIC } from './pcapng/block-types.js';
import { PcapngParser } from './pcapng/pcapng-parser.js';
import { InputDataError, type InputSource } from './source.js';

export type CaptureFormat = 'pcap' | 'pcapng';

export const FORMATS_TRIED = 'pcap, pcapng, either gzip-compressed';

export function sniffCapture(head: Uint8Array): CaptureFormat | null {
  if (head.length < 4) return null;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (pcapMagicInfo(view.getUint32(0, true)) !== null) return 'pcap';
  if (head.length >= 12 && view.getUint32(0, true) === BLOCK_SHB) {
    const bom = view.getUint32(8, true);
    if (bom === BYTE_ORDER_MAGIC || view.getUint32(8, false) === BYTE_ORDER_MAGIC) return 'pcapng';
  }
  return null;
}

/** What an input that is not a capture looks like, for the error message; null if nothing recognisable. */
export function describeNonCapture(head: Uint8Array): string | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x28, 0xb5, 0x2f, 0xfd)) return 'zstd-compressed data (decompress it first: zstd -d)';
  if (starts(0x1f, 0x8b)) return 'gzip data inside gzip data';
  if (starts(0x42, 0x5a, 0x68)) return 'bzip2-compressed data (decompress it first: bunzip2)';
  if (starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return 'xz-compressed data (decompress it first: xz -d)';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'a zip archive (extract the capture first)';
  if (starts(0x73, 0x6e, 0x6f, 0x6f, 0x70, 0x00, 0x00, 0x00)) return 'a snoop capture (convert it: editcap -F pcap)';
  if (starts(0x0a, 0x0d, 0x0d, 0x0a)) return 'a damaged pcapng file (bad byte-order magic)';
  if (head.length > 0 && looksLikeText(head)) return 'text';
  return null;
}

function looksLikeText(head: Uint8Array): boolean {
  const n = Math.min(head.length, 512);
  for (let i = 0; i < n; i++) {
    const b = head[i] ?? 0;
    // Control bytes other than tab, LF, CR mean binary; bytes >= 0x80 may be UTF-8.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  }
  return true;
}

export async function readCapture(
  source: InputSource,
  sink: CapturePacketSink,
  anomalies: Anomalies,
): Promise<CaptureSummary> {
  const format = sniffCapture(source.head);
  if (format === null) {
    const what = describeNonCapture(source.head);
    throw new InputError(
      `${source.name}: not a capture file${what === null ? '' : `: looks like ${what}`} (tried ${FORMATS_TRIED})`,
      source.name,
    );
  }
  const stats = new CaptureStats(sink);
  const parser: CaptureParser =
    format === 'pcap' ? new PcapParser(stats, anomalies, source.name) : new PcapngParser(stats, anomalies, source.name);
  const bytes = await drive(parser, source, anomalies);
  return stats.summary(format, source.gzip, bytes);
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
