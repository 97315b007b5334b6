/**
 * The one place that decides what an input is: a capture format (capture-formats.ts) or a log format
 * (logs/registry.ts), recognised by content, never by file name. Captures are tried first: their magic bytes
 * are exact, while log sniffers read text. The "formats tried" message is derived from both registries, so a
 * new format shows up in it by being registered.
 */
import { UnreadableInputError } from '../core/errors.js';
import type { CaptureFormat } from './capture-format.js';
import { CAPTURE_FORMATS } from './capture-formats.js';
import type { LogFormat } from './logs/log-format.js';

export type InputClass =
  | { kind: 'capture'; format: CaptureFormat }
  | { kind: 'log'; format: LogFormat }
  /** An HTTP Archive (HAR): whole requests, read by ingest/har/. */
  | { kind: 'har' };

/** Compressions read transparently by ingest/source.ts, for the message. */
const COMPRESSION = 'gzip-, zstd- or lz4';

export function sniffCaptureFormat(head: Uint8Array): CaptureFormat | null {
  for (const f of CAPTURE_FORMATS) {
    try {
      if (f.sniff(head)) return f;
    } catch {
      // A sniffer that throws on odd input simply did not recognise it.
    }
  }
  return null;
}

/** How HAR and log inputs are recognised: their readers' sniffers (loaded only when a head is no capture). */
export interface OtherSniffers {
  har(head: Uint8Array): boolean;
  log(head: Uint8Array): LogFormat | null;
}

/** classifyInput with the HAR and log sniffers at hand (for callers that have loaded them). */
export function classifyWith(head: Uint8Array, others: OtherSniffers): InputClass | null {
  const capture = sniffCaptureFormat(head);
  if (capture !== null) return { kind: 'capture', format: capture };
  if (others.har(head)) return { kind: 'har' };
  const log = others.log(head);
  return log === null ? null : { kind: 'log', format: log };
}

/**
 * What the input's first (decompressed) bytes are, or null when no registered format recognises them. The HAR
 * and log readers are loaded only when the bytes are no capture: a run of captures never needs their code
 * (73 modules, ~25 ms of loading, issue #18).
 */
export async function classifyInput(head: Uint8Array): Promise<InputClass | null> {
  const capture = sniffCaptureFormat(head);
  if (capture !== null) return { kind: 'capture', format: capture };
  const [{ sniffHar }, { LogIngest }] = await Promise.all([
    import('./har/har-reader.js'),
    import('./logs/log-ingest.js'),
  ]);
  return classifyWith(head, { har: sniffHar, log: (h) => LogIngest.sniff(h) });
}

/** Every registered format by id, captures first: "pcap, pcapng, windows-firewall, ...". */
export async function formatsTried(): Promise<string> {
  const { LOG_FORMATS } = await import('./logs/registry.js');
  return `${[...CAPTURE_FORMATS.map((f) => f.id), 'har', ...LOG_FORMATS.map((f) => f.id)].join(', ')}; each may be ${COMPRESSION}-compressed`;
}

/** The error for an input no format recognised: what it looks like, when that can be told, and what was tried. */
export async function unrecognisedInput(name: string, head: Uint8Array): Promise<UnreadableInputError> {
  const what = describeUnrecognised(head);
  const detail = `not a capture or log format outflow knows${what === null ? '' : `: looks like ${what}`}`;
  return new UnreadableInputError(
    `${name}: ${detail} (tried ${await formatsTried()})`,
    name,
    detail,
    'input-unrecognised',
  );
}

/** What an unrecognised input looks like, for the error message; null if nothing recognisable. */
export function describeUnrecognised(head: Uint8Array): string | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  // The head is already decompressed: these magics mean a second layer (e.g. capture.pcap.zst.gz).
  if (starts(0x28, 0xb5, 0x2f, 0xfd)) return 'zstd-compressed data inside compressed data (decompress one layer)';
  if (starts(0x04, 0x22, 0x4d, 0x18)) return 'lz4-compressed data inside compressed data (decompress one layer)';
  if (starts(0x1f, 0x8b)) return 'gzip data inside compressed data (decompress one layer)';
  if (starts(0x02, 0x21, 0x4c, 0x18)) return 'legacy lz4 data (recompress it: lz4 -d, then lz4)';
  if (starts(0x42, 0x5a, 0x68)) return 'bzip2-compressed data (decompress it first: bunzip2)';
  if (starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return 'xz-compressed data (decompress it first: xz -d)';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'a zip archive (extract the capture first)';
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
