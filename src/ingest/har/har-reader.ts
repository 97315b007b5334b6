/**
 * Reads a HAR file (HTTP Archive 1.2) as a stream: the JSON scanner walks to log.entries and hands each entry's
 * bytes to JSON.parse one at a time, so memory follows the largest entry (with long strings cut), never the
 * file. log.creator, log.browser and log.version are read wherever they sit in "log".
 *
 * An input that is not JSON, or has no "log" object with an "entries" array, is an InputError (the CLI exits 2).
 * Once entries were reached, damage does not throw: what was read stays, the rest is named in `skipped`.
 */
import { InputError } from '../../core/errors.js';
import { type EntryCuts, type HarEntryRecord, mapHarEntry } from './har-entry.js';
import {
  type CutString,
  DEFAULT_STRING_CAP,
  type JsonPathKey,
  JsonScanner,
  type JsonScanVisitor,
  JsonSyntaxError,
  type JsonValueKind,
} from './json-scanner.js';

export type { HarEntryRecord } from './har-entry.js';
export { sniffHar } from './sniff-har.js';

export interface HarReadSummary {
  /** Entries handed to onEntry. */
  entries: number;
  /** Entries not handed on, by index, and why; a read that stopped early adds one last item. */
  skipped: { entry: number; reason: string }[];
  /** log.creator as "name version". */
  creator: string | null;
  /** log.browser as "name version". */
  browser: string | null;
  /** log.version (the HAR format version). */
  version: string | null;
}

/** Bytes of one entry kept for JSON.parse; a larger entry is skipped (its long strings are cut first). */
export const MAX_HAR_ENTRY_BYTES = 64 << 20;
/** request.postData.text may be longer than other strings: the inspector keeps 1 MiB decoded, escapes take room. */
export const MAX_POSTDATA_TEXT_RAW_BYTES = 8 << 20;
/** log.creator / log.browser / log.version are small; more is not a HAR. */
const MAX_LOG_INFO_BYTES = 64 << 10;
/** At most this many skip reasons are listed (the count of entries stays exact). */
export const MAX_SKIPPED_LISTED = 10_000;

const utf8 = new TextDecoder('utf-8');

export async function readHar(
  source: AsyncIterable<Uint8Array>,
  file: string,
  onEntry: (r: HarEntryRecord) => void,
): Promise<HarReadSummary> {
  const summary: HarReadSummary = { entries: 0, skipped: [], creator: null, browser: null, version: null };
  const state = { log: false, entries: false, nextEntry: 0 };
  const notHar = (why: string) => new InputError(`${file}: not a HAR file (${why})`, file);
  const skip = (entry: number, reason: string) => {
    if (summary.skipped.length < MAX_SKIPPED_LISTED) summary.skipped.push({ entry, reason });
  };

  const visitor: JsonScanVisitor = {
    valueStart(path: readonly JsonPathKey[], kind: JsonValueKind) {
      const [top, field, index] = path;
      if (path.length === 0) {
        if (kind !== 'object') throw notHar(`the JSON is ${article(kind)}, not an object`);
        return 'walk';
      }
      if (top !== 'log') return 'skip';
      if (path.length === 1) {
        if (kind !== 'object') throw notHar(`"log" is ${article(kind)}, not an object`);
        state.log = true;
        return 'walk';
      }
      if (path.length === 2 && field === 'entries') {
        if (kind !== 'array') throw notHar(`"log.entries" is ${article(kind)}, not an array`);
        state.entries = true;
        return 'walk';
      }
      if (path.length === 2)
        return field === 'creator' || field === 'browser' || field === 'version' ? 'capture' : 'skip';
      if (field === 'entries' && typeof index === 'number') {
        state.nextEntry = index;
        return 'capture';
      }
      return 'skip';
    },
    captureLimit: (path) => (path[1] === 'entries' ? MAX_HAR_ENTRY_BYTES : MAX_LOG_INFO_BYTES),
    stringCap: (rel) => (isPostDataText(rel) ? MAX_POSTDATA_TEXT_RAW_BYTES : DEFAULT_STRING_CAP),
    captured(path, bytes, cuts) {
      const field = path[1];
      if (field === 'entries') {
        const index = typeof path[2] === 'number' ? path[2] : state.nextEntry;
        state.nextEntry = index + 1;
        entry(index, bytes, cuts);
      } else if (bytes !== null && (field === 'creator' || field === 'browser' || field === 'version')) {
        summary[field] = logInfo(bytes);
      }
    },
  };

  const entry = (index: number, bytes: Uint8Array | null, cuts: CutString[]) => {
    if (bytes === null) return skip(index, `entry larger than ${MAX_HAR_ENTRY_BYTES >> 20} MiB`);
    let value: unknown;
    try {
      value = JSON.parse(utf8.decode(bytes));
    } catch {
      return skip(index, 'entry is not valid JSON');
    }
    const mapped = mapHarEntry(value, index, entryCuts(cuts));
    if ('reason' in mapped) return skip(index, mapped.reason);
    summary.entries++;
    onEntry(mapped.record);
  };

  const scanner = new JsonScanner(visitor);
  const stopped = (e: Error) => {
    // Damage before the entries makes the file unusable; after, everything read so far stays.
    if (!state.entries) throw e instanceof JsonSyntaxError ? notHar(`not JSON: ${e.message}`) : e;
    skip(state.nextEntry, `the file is damaged from here on: ${e.message}`);
    return summary;
  };
  const chunks = source[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await chunks.next();
    } catch (e) {
      if (e instanceof InputError) return stopped(e); // the source's own damage (a cut gzip stream, a read error)
      throw e;
    }
    try {
      if (next.done === true) {
        scanner.end();
        break;
      }
      scanner.write(next.value);
    } catch (e) {
      if (e instanceof JsonSyntaxError) return stopped(e);
      throw e;
    }
    if (scanner.done) {
      await chunks.return?.(); // the root object is closed: whatever follows is not read
      break;
    }
  }
  if (!state.log) throw notHar('no "log" object');
  if (!state.entries) throw notHar('no "log.entries" array');
  return summary;
}

function article(kind: JsonValueKind): string {
  return kind === 'object' ? 'an object' : kind === 'array' ? 'an array' : kind === 'string' ? 'a string' : 'a literal';
}

function isPostDataText(rel: readonly JsonPathKey[]): boolean {
  return rel.length === 3 && rel[0] === 'request' && rel[1] === 'postData' && rel[2] === 'text';
}

function entryCuts(cuts: CutString[]): EntryCuts {
  const post = cuts.find((c) => isPostDataText(c.path));
  return { postDataRawBytes: post === undefined ? null : post.rawBytes };
}

/** {"name": "Firefox", "version": "111.0.1"} → "Firefox 111.0.1"; a plain string as it is. */
function logInfo(bytes: Uint8Array): string | null {
  let v: unknown;
  try {
    v = JSON.parse(utf8.decode(bytes));
  } catch {
    return null;
  }
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const { name, version } = v as Record<string, unknown>;
  const parts = [name, version].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return parts.length === 0 ? null : parts.join(' ');
}
