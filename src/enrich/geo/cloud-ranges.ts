/**
 * The address ranges clouds and CDNs publish (data/cloud/cloud-ranges.json, built by `npm run cloud:import`):
 * for an address inside one, the provider, the published region and that region's country. Where a region is
 * published, its country is better evidence of where the server is than a generic database's, which often
 * places a cloud prefix where it is registered. Ranges without a region (AWS "GLOBAL", Azure tags without
 * region, Microsoft's worldwide Microsoft 365 list) have no country, and say the server has no fixed place;
 * CDN lists (Cloudflare, Fastly) and Azure Front Door are anycast.
 *
 * The table's prefixes nest (a /27 inside a /16). The importer flattens them into sorted, disjoint intervals,
 * each pointing to its most specific range (format 2, src/tools/cloud-ranges-import/flatten.ts), so loading is
 * one JSON.parse and a few typed arrays, and a lookup is one binary search (longest-prefix match).
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../core/errors.js';
import { packageRoot } from '../../core/package-root.js';
import { parseNetwork } from '../addresses/cidr-matcher.js';
import type { DatabaseInfo } from './database-info.js';

export type CloudRangeKind = 'region' | 'unknown-region' | 'global' | 'anycast' | 'ambiguous';

export interface CloudRangeSource {
  /** The lock id (data/sources/sources.lock.json). */
  id: string;
  /** "AWS", "Google Cloud", "Azure", ... */
  provider: string;
  /** The file as the provider names it: "ip-ranges.json", "Service Tags (Public)". */
  name: string;
  url: string;
  /** The file's own version ("syncToken 1787433425"), "" when it has none. */
  version: string;
  /** YYYY-MM-DD the provider dated the file (or it was retrieved, when the file has no date). */
  date: string;
  licence: string;
}

/** One published range. Shared by every address inside it: read-only. */
export interface CloudRange {
  prefix: string;
  source: CloudRangeSource;
  /** The published region, zone or tag; null when none was published. */
  region: string | null;
  /** The region's country; null for anycast, global, unknown and ambiguous ranges. */
  country: string | null;
  kind: CloudRangeKind;
  /** "AWS ip-ranges.json eu-central-1 (syncToken 1787433425, 2026-08-22)": the evidence's name for it. */
  label: string;
}

export const CLOUD_TABLE_PATH = 'data/cloud/cloud-ranges.json';
const KINDS: ReadonlySet<string> = new Set(['region', 'unknown-region', 'global', 'anycast', 'ambiguous']);

/** The table format this version reads (src/tools/cloud-ranges-import/build-table.ts). */
export const CLOUD_TABLE_FORMAT = 2;

/**
 * Disjoint intervals in address order, each given by its first address (32-bit words: 1 for IPv4, 4 for
 * IPv6) and lasting until the next one starts; an address below the first start has no range.
 */
interface Intervals {
  words: 1 | 4;
  starts: Uint32Array;
  /** Index into the ranges, or -1 for a gap: no published range. */
  items: Int32Array;
  count: number;
}

const noIntervals = (words: 1 | 4): Intervals => ({
  words,
  starts: new Uint32Array(0),
  items: new Int32Array(0),
  count: 0,
});

/** What ranges share: the source, region, country and kind, with the evidence's name for it. */
type Answer = Omit<CloudRange, 'prefix'>;

export class CloudRanges {
  /** Flat [prefix, answer index] pairs as parsed; a range is made on its first lookup (most never are). */
  readonly #pairs: readonly unknown[];
  readonly #answers: readonly (Answer | null)[];
  readonly #made: (CloudRange | undefined)[];
  readonly #v4: Intervals;
  readonly #v6: Intervals;
  readonly sources: readonly CloudRangeSource[];
  /** Ranges read, and entries of the table (answers, ranges, intervals) skipped as malformed. */
  readonly size: number;
  readonly skipped: number;

  private constructor(
    sources: CloudRangeSource[],
    answers: (Answer | null)[],
    pairs: unknown[],
    v4: Intervals,
    v6: Intervals,
    size: number,
    skipped: number,
  ) {
    this.sources = sources;
    this.#answers = answers;
    this.#pairs = pairs;
    this.#made = new Array(pairs.length >> 1);
    this.#v4 = v4;
    this.#v6 = v6;
    this.size = size;
    this.skipped = skipped;
  }

  static empty(): CloudRanges {
    return new CloudRanges([], [], [], noIntervals(1), noIntervals(4), 0, 0);
  }

  /**
   * Reads a table (cloud:import's format 2). Malformed answers, ranges and intervals are skipped and counted,
   * never guessed: an address in a skipped range's interval has no published range.
   */
  static fromJson(text: string): CloudRanges {
    const parsed: unknown = JSON.parse(text);
    if (!isRecord(parsed)) throw new Error('not a cloud range table');
    if (parsed.format !== CLOUD_TABLE_FORMAT) {
      throw new Error(
        `cloud range table format ${JSON.stringify(parsed.format) ?? 'missing'}: this version of outflow reads format ${CLOUD_TABLE_FORMAT} only`,
      );
    }
    const { sources, answers, ranges, v4, v6 } = parsed;
    if (![sources, answers, ranges, v4, v6].every(Array.isArray)) {
      throw new Error(
        `not a cloud range table of format ${CLOUD_TABLE_FORMAT} (sources, answers, ranges, v4 or v6 missing)`,
      );
    }
    const read = (sources as unknown[]).map(toSource);
    const shared = (answers as unknown[]).map((a) => toAnswer(a, read));
    const pairs = ranges as unknown[];
    const count = pairs.length >> 1;
    const valid = new Uint8Array(count);
    let size = 0;
    for (let i = 0; i < count; i++) {
      const prefix = pairs[2 * i];
      const answer = pairs[2 * i + 1];
      if (typeof prefix === 'string' && PREFIX.test(prefix) && typeof answer === 'number' && shared[answer] != null) {
        valid[i] = 1;
        size++;
      }
    }
    const four = readIntervals(v4 as unknown[], 1, valid);
    const six = readIntervals(v6 as unknown[], 4, valid);
    const badAnswers = shared.reduce((n, a) => (a === null ? n + 1 : n), 0);
    return new CloudRanges(
      read.filter((s): s is CloudRangeSource => s !== null),
      shared,
      pairs,
      four.intervals,
      six.intervals,
      size,
      badAnswers + count - size + (pairs.length % 2) + four.skipped + six.skipped,
    );
  }

  /** Range i, made once (its identity is a cache key downstream); only valid ones are asked for. */
  #range(i: number): CloudRange | null {
    const made = this.#made[i];
    if (made !== undefined) return made;
    const answer = this.#answers[this.#pairs[2 * i + 1] as number];
    if (answer == null) return null;
    const range: CloudRange = { prefix: this.#pairs[2 * i] as string, ...answer };
    this.#made[i] = range;
    return range;
  }

  /** The most specific published range holding the address (4 or 16 bytes), or null. */
  lookupBytes(address: Uint8Array): CloudRange | null {
    const t = address.length === 4 ? this.#v4 : address.length === 16 ? this.#v6 : null;
    if (t === null) return null;
    const item = t.items[lastStartAtOrBelow(t, address)] ?? -1;
    return item >= 0 ? this.#range(item) : null;
  }

  lookup(ip: string): CloudRange | null {
    const n = parseNetwork(ip);
    return n === null || n.prefix !== n.bytes.length * 8 ? null : this.lookupBytes(n.bytes);
  }

  /** The table as the report's metadata.databases lists it. */
  info(): DatabaseInfo {
    const dates = this.sources.map((s) => s.date).sort();
    return {
      role: 'cloud-ranges',
      file: 'cloud-ranges.json',
      type: 'published cloud/CDN address ranges',
      buildDate: dates.at(-1) ?? null,
      source: this.sources
        .map((s) => `${s.provider} ${s.name}${s.version === '' ? '' : ` ${s.version}`} (${s.date}, ${s.url})`)
        .join('; '),
      licence: [...new Set(this.sources.map((s) => `${s.provider}: ${s.licence}`))].join(' '),
      attribution: '',
    };
  }
}

let shipped: CloudRanges | undefined;

/** The table shipped in data/cloud, loaded once; empty (and said so by `info`) when the file is missing. */
export function shippedCloudRanges(): CloudRanges {
  if (shipped === undefined) {
    const path = join(packageRoot(), CLOUD_TABLE_PATH);
    try {
      shipped = existsSync(path) ? CloudRanges.fromJson(readFileSync(path, 'utf8')) : CloudRanges.empty();
    } catch (e) {
      throw new InputError(
        `${path}: ${e instanceof Error ? e.message : String(e)}; rebuild it with npm run cloud:import`,
      );
    }
  }
  return shipped;
}

/**
 * Whether the range says the server has no fixed place: anycast (answered from wherever is nearest) or
 * published worldwide without a region (the Microsoft 365 list, AWS "GLOBAL", Azure tags without region).
 */
export function locationNotFixed(range: CloudRange): boolean {
  return range.kind === 'anycast' || range.kind === 'global';
}

/**
 * Why the published range matters for this address, in one sentence, or null when it only confirms the
 * database: a region in another country than the database said, an anycast range, or a range published
 * worldwide without a region (which makes the database's country no evidence of the server's place).
 */
export function cloudReason(range: CloudRange, databaseCountry: string | null): string | null {
  if (range.kind === 'anycast') {
    return `${range.label} lists this address as anycast (CDN/edge): the server that answers depends on where the client is, whatever country a database gives`;
  }
  if (range.kind === 'global') {
    const s = range.source;
    return `${s.provider} ${s.name} (${s.version === '' ? s.date : `${s.version}, ${s.date}`}) publishes ${range.prefix}${range.region === null ? '' : ` (${range.region})`} worldwide, without a region: ${databaseCountry === null ? 'the database gave no country either, and the server may be anywhere' : `the database country (${databaseCountry}) is not evidence of where the server is`}`;
  }
  if (range.kind === 'region' && range.country !== databaseCountry) {
    return `${range.label} places this address in ${range.country}${databaseCountry === null ? '; the database gave no country' : `, not ${databaseCountry} as the database says`}`;
  }
  return null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function toSource(v: unknown): CloudRangeSource | null {
  if (!isRecord(v) || typeof v.id !== 'string' || typeof v.provider !== 'string') return null;
  return {
    id: v.id,
    provider: v.provider,
    name: text(v.name),
    url: text(v.url),
    version: text(v.version),
    date: text(v.date),
    licence: text(v.licence),
  };
}

const COUNTRY = /^[A-Z]{2}$/;
/**
 * The shape of a prefix: it is only shown (the intervals do the matching), so it is not parsed at load,
 * which for 25,000 rows cost more than everything else.
 */
const PREFIX = /^(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9a-f:.]{2,45})\/[0-9]{1,3}$/;

/** An answer [source index, region, country, kind] that says what the format says, or null. */
function toAnswer(row: unknown, sources: readonly (CloudRangeSource | null)[]): Answer | null {
  if (!Array.isArray(row) || row.length !== 4) return null;
  const [index, region, country, kind] = row as unknown[];
  if (typeof index !== 'number' || typeof kind !== 'string' || !KINDS.has(kind)) return null;
  const source = sources[index];
  if (source == null || (region !== null && typeof region !== 'string')) return null;
  if (country !== null && (typeof country !== 'string' || !COUNTRY.test(country))) return null;
  if ((kind === 'region') !== (country !== null)) return null;
  const place = region ?? (kind === 'anycast' ? 'anycast' : 'no region');
  const version = source.version === '' ? source.date : `${source.version}, ${source.date}`;
  return {
    source,
    region,
    country,
    kind: kind as CloudRangeKind,
    label: `${source.provider} ${source.name} ${place} (${version})`,
  };
}

/** Puts `words` 32-bit words of an interval start from the table into `into`; false when one is not. */
function putStart(flat: readonly unknown[], from: number, words: number, into: Uint32Array, at: number): boolean {
  for (let w = 0; w < words; w++) {
    const v = flat[from + w];
    if (typeof v !== 'number' || !(v >= 0 && v <= 0xffffffff) || !Number.isInteger(v)) return false;
    into[at + w] = v;
  }
  return true;
}

/** Whether start n is above start n - 1 (`words`-word starts). */
function above(starts: Uint32Array, n: number, words: number): boolean {
  for (let w = 0; w < words; w++) {
    const d = (starts[n * words + w] ?? 0) - (starts[(n - 1) * words + w] ?? 0);
    if (d !== 0) return d > 0;
  }
  return false;
}

/**
 * The flat [start, range index] entries (a start is one 32-bit word for IPv4, four for IPv6; index -1 is a
 * gap) into typed arrays. An entry whose start is malformed or not above the previous one is skipped and
 * counted, and the interval before it becomes a gap: where it ends is no longer known, and a range stretched
 * over it would be a guess. An entry with a start but a malformed index is a gap (counted); the interval of
 * a malformed range is a gap too, without counting it again.
 */
function readIntervals(
  flat: readonly unknown[],
  words: 1 | 4,
  valid: Uint8Array,
): { intervals: Intervals; skipped: number } {
  const width = words + 1;
  const max = Math.ceil(flat.length / width);
  const starts = new Uint32Array(max * words);
  const items = new Int32Array(max);
  let n = 0;
  let skipped = 0;
  for (let k = 0; k < flat.length; k += width) {
    if (
      !(k + width <= flat.length && putStart(flat, k, words, starts, n * words) && (n === 0 || above(starts, n, words)))
    ) {
      skipped++;
      if (n > 0) items[n - 1] = -1;
      continue;
    }
    const index = flat[k + words];
    const known = typeof index === 'number' && Number.isInteger(index) && index >= -1 && index < valid.length;
    if (!known) skipped++;
    items[n++] = known && index >= 0 && valid[index] === 1 ? index : -1;
  }
  return {
    intervals: { words, starts: starts.subarray(0, n * words), items: items.subarray(0, n), count: n },
    skipped,
  };
}

/** Negative, zero or positive as the bound at index i is below, equal to or above the address (4 or 16 bytes). */
function compareAt(bounds: Uint32Array, i: number, words: number, address: Uint8Array): number {
  for (let w = 0; w < words; w++) {
    const b = w * 4;
    const a =
      (address[b] ?? 0) * 16777216 +
      (address[b + 1] ?? 0) * 65536 +
      (address[b + 2] ?? 0) * 256 +
      (address[b + 3] ?? 0);
    const d = (bounds[i * words + w] ?? 0) - a;
    if (d !== 0) return d;
  }
  return 0;
}

/** The index of the last interval starting at or below the address, or -1. */
function lastStartAtOrBelow(t: Intervals, address: Uint8Array): number {
  let lo = 0;
  let hi = t.count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (compareAt(t.starts, mid, t.words, address) <= 0) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
