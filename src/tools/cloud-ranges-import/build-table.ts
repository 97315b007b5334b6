/**
 * The derived table data/cloud/cloud-ranges.json from the parsed sources: one line per prefix with its source,
 * region, country and kind, deduplicated and ordered by address, so the same raw files always give the same
 * bytes. Per source, a prefix published several times (AWS lists a prefix under AMAZON and EC2, Azure under
 * AzureCloud.westeurope and Storage.westeurope) becomes one entry; across sources the first source wins.
 * A prefix that adds nothing to a broader entry with the same answer is dropped (the lookup is longest-prefix).
 *
 * Format 2 also carries the longest-prefix match already computed (flatten.ts): the disjoint address intervals
 * in order, each with the index of its range, so the runtime (src/enrich/geo/cloud-ranges.ts) loads it into
 * typed arrays without sorting or sweeping anything.
 */
import { CidrMatcher, parseNetwork } from '../../enrich/addresses/cidr-matcher.js';
import { CLOUD_TABLE_FORMAT, type CloudRangeSource } from '../../enrich/geo/cloud-ranges.js';
import { compareWords, flattenPrefixes, type Interval, step } from './flatten.js';
import { canonicalPrefix, type ParsedSource, type PublishedRange, type RangeKind } from './parsers.js';

export { CLOUD_TABLE_FORMAT };

/** A source as the table names it: the runtime's fields (enrich/geo/cloud-ranges.ts) and its region mapping. */
export interface CloudTableSource extends CloudRangeSource {
  /** The provider's page that maps its regions to places (regions.ts), null for lists without regions. */
  regionDocumentation: string | null;
}

/** [prefix, index into sources, region or tag (null: none published), country (null: none), kind]. */
export type CloudTableRange = [string, number, string | null, string | null, RangeKind];

export interface CloudTable {
  format: typeof CLOUD_TABLE_FORMAT;
  about: string;
  sources: CloudTableSource[];
  /** In address order; written as "answers" and "ranges" pairs (serialiseTable). */
  ranges: CloudTableRange[];
  /**
   * The disjoint IPv4 intervals in address order, flat: each one's first address and the index into `ranges`
   * of its most specific prefix, or -1 for a gap; an interval lasts until the next one starts.
   */
  v4: number[];
  /** The same for IPv6, each first address as four 32-bit words (most significant first): five numbers each. */
  v6: number[];
}

/**
 * The flat interval lists of format 2 for these prefixes (indices into the list): flatten.ts's intervals as
 * starts, with a gap (-1) after every interval that the next does not continue. Most intervals (nine in ten
 * in the shipped table) continue the one before, so this is half the size of first-last-index triples.
 */
export function compactIntervals(prefixes: readonly (string | null)[]): { v4: number[]; v6: number[] } {
  const flat = (intervals: Interval[]): number[] => {
    const out: number[] = [];
    intervals.forEach((i, k) => {
      out.push(...i.start, i.index);
      const after = step(i.end, 1);
      const next = intervals[k + 1];
      if (after !== null && (next === undefined || compareWords(next.start, after) !== 0)) out.push(...after, -1);
    });
    return out;
  };
  const { v4, v6 } = flattenPrefixes(prefixes);
  return { v4: flat(v4), v6: flat(v6) };
}

export interface TableInput {
  source: CloudTableSource;
  parsed: ParsedSource;
  /**
   * Drop this source's prefixes without a region that lie inside one of its regional prefixes (Azure: the
   * region-less tags such as AzureCloud or AzureActiveDirectory repeat prefixes that a regional tag places).
   */
  regionsCoverGlobal?: boolean;
  /**
   * Drop this source's prefixes that a prefix of an earlier source with more to say (a region, anycast: any kind
   * but global) contains or equals. The Microsoft 365 list publishes worldwide blocks in which an Azure Service
   * Tag places a part in a region, or marks it as Front Door anycast: that answer stays, and the worldwide
   * prefix answers only around it.
   */
  yieldsToEarlier?: boolean;
}

export interface BuildStats {
  /** Per source id: entries written, by kind, and entries skipped by the parser. */
  perSource: Record<string, { written: number; skipped: number; byKind: Partial<Record<RangeKind, number>> }>;
  /** The same prefix in two sources (the first kept). */
  crossSourceDuplicates: number;
  /** Prefixes of a yieldsToEarlier source dropped inside a prefix of an earlier source that says more. */
  yielded: number;
}

const KIND_RANK: Record<RangeKind, number> = { global: 1, 'unknown-region': 2, region: 3, ambiguous: 3, anycast: 4 };
const MAX_NAMES = 3;

interface Entry {
  prefix: string;
  bytes: Uint8Array;
  length: number;
  source: number;
  region: string | null;
  country: string | null;
  kind: RangeKind;
}

/** Several publications of one prefix in one source → one range: the most telling kind, the regions joined. */
function mergeSame(ranges: PublishedRange[]): PublishedRange {
  const best = Math.max(...ranges.map((r) => KIND_RANK[r.kind]));
  const top = ranges.filter((r) => KIND_RANK[r.kind] === best);
  const names = [...new Set(top.map((r) => r.region).filter((r): r is string => r !== null))].sort();
  const region =
    names.length === 0
      ? null
      : names.length <= MAX_NAMES
        ? names.join('+')
        : `${names.slice(0, MAX_NAMES).join('+')}+${names.length - MAX_NAMES} more`;
  const first = top[0] as PublishedRange;
  if (first.kind === 'region' || first.kind === 'ambiguous') {
    const countries = new Set(top.map((r) => r.country));
    if (countries.size > 1 || top.some((r) => r.kind === 'ambiguous')) {
      return { prefix: first.prefix, region, country: null, kind: 'ambiguous' };
    }
  }
  return { prefix: first.prefix, region, country: first.country, kind: first.kind };
}

function toEntry(r: PublishedRange, source: number): Entry {
  const n = parseNetwork(r.prefix);
  if (n === null) throw new Error(`not a network: ${r.prefix}`); // parsers return canonical prefixes only
  return { ...r, bytes: n.bytes, length: n.prefix, source };
}

function compareEntries(a: Entry, b: Entry): number {
  if (a.bytes.length !== b.bytes.length) return a.bytes.length - b.bytes.length;
  for (let i = 0; i < a.bytes.length; i++) {
    const d = (a.bytes[i] ?? 0) - (b.bytes[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length || a.source - b.source;
}

const addressOf = (prefix: string): string => prefix.slice(0, prefix.indexOf('/'));

const sameAnswer = (a: Entry, b: Entry): boolean =>
  a.source === b.source && a.region === b.region && a.country === b.country && a.kind === b.kind;

export function buildTable(inputs: readonly TableInput[], about: string): { table: CloudTable; stats: BuildStats } {
  const stats: BuildStats = { perSource: {}, crossSourceDuplicates: 0, yielded: 0 };
  const byPrefix = new Map<string, Entry>();
  /** The prefixes of the sources read so far that say more than "worldwide": regional and anycast ones. */
  const telling = new Set<string>();
  inputs.forEach((input, index) => {
    const grouped = new Map<string, PublishedRange[]>();
    for (const r of input.parsed.ranges) {
      const list = grouped.get(r.prefix);
      if (list === undefined) grouped.set(r.prefix, [r]);
      else list.push(r);
    }
    let entries = [...grouped.values()].map((list) => toEntry(mergeSame(list), index));
    if (input.regionsCoverGlobal === true) entries = dropCoveredGlobals(entries);
    if (input.yieldsToEarlier === true) {
      const before = entries.length;
      entries = entries.filter((e) => !insideAny(e, telling));
      stats.yielded += before - entries.length;
    }
    for (const e of entries) {
      if (byPrefix.has(e.prefix)) stats.crossSourceDuplicates++;
      else byPrefix.set(e.prefix, e);
    }
    for (const e of entries) if (e.kind !== 'global') telling.add(e.prefix);
    stats.perSource[input.source.id] = { written: 0, skipped: input.parsed.skipped, byKind: {} };
  });
  // Broadest first, so that every prefix already in `kept` that contains a new one is at most as long.
  const byLength = [...byPrefix.values()].sort((a, b) => a.length - b.length || compareEntries(a, b));
  const kept = new CidrMatcher<Entry>();
  const out: Entry[] = [];
  for (const e of byLength) {
    const parent = kept.match(addressOf(e.prefix));
    if (parent !== null && sameAnswer(parent.item, e)) continue;
    kept.add(e.prefix, e);
    out.push(e);
  }
  out.sort(compareEntries);
  for (const e of out) {
    const s = stats.perSource[inputs[e.source]?.source.id ?? ''];
    if (s !== undefined) {
      s.written++;
      s.byKind[e.kind] = (s.byKind[e.kind] ?? 0) + 1;
    }
  }
  return {
    table: {
      format: CLOUD_TABLE_FORMAT,
      about,
      sources: inputs.map((i) => i.source),
      ranges: out.map((e) => [e.prefix, e.source, e.region, e.country, e.kind]),
      ...compactIntervals(out.map((e) => e.prefix)),
    },
    stats,
  };
}

/** Whether one of `prefixes` (canonical) contains or equals the entry's prefix: its own and every shorter one. */
function insideAny(e: Entry, prefixes: ReadonlySet<string>): boolean {
  for (let length = e.length; length >= 0; length--) {
    const outer = canonicalPrefix(`${addressOf(e.prefix)}/${length}`);
    if (outer !== null && prefixes.has(outer)) return true;
  }
  return false;
}

/** Prefixes without a region that a regional prefix of the same source contains (or equals). */
function dropCoveredGlobals(entries: Entry[]): Entry[] {
  const sorted = [...entries].sort((a, b) => a.length - b.length || compareEntries(a, b));
  const regional = new CidrMatcher<true>();
  const keep = new Set<Entry>();
  for (const e of sorted) {
    if (e.kind === 'global') {
      // Anything in `regional` now is at most as long as e: a match contains e.
      if (regional.match(addressOf(e.prefix)) === null) keep.add(e);
    } else {
      if (e.kind !== 'anycast') regional.add(e.prefix, true);
      keep.add(e);
    }
  }
  return entries.filter((e) => keep.has(e));
}

/** Flat intervals of `width` numbers, one a line. */
function intervalLines(values: readonly number[], width: number): string {
  const lines: string[] = [];
  for (let i = 0; i + width <= values.length; i += width) lines.push(`    ${values.slice(i, i + width).join(',')}`);
  return lines.join(',\n');
}

/**
 * The table as JSON text, one range (and one interval) a line so that a refresh shows up as a readable diff.
 * A few hundred distinct [source, region, country, kind] answers serve 25,000 ranges: they are written once
 * ("answers") and "ranges" is a flat list of prefix, answer index pairs, which JSON.parse reads without an
 * array per range (a third of the load time).
 */
export function serialiseTable(table: CloudTable): string {
  const answers = new Map<string, number>();
  const pairs = table.ranges.map(([prefix, ...answer]) => {
    const key = JSON.stringify(answer);
    let index = answers.get(key);
    if (index === undefined) {
      index = answers.size;
      answers.set(key, index);
    }
    return `    ${JSON.stringify(prefix)},${index}`;
  });
  const lines = [
    '{',
    `  "format": ${table.format},`,
    `  "about": ${JSON.stringify(table.about)},`,
    '  "sources": [',
    table.sources.map((s) => `    ${JSON.stringify(s)}`).join(',\n'),
    '  ],',
    '  "answers": [',
    [...answers.keys()].map((k) => `    ${k}`).join(',\n'),
    '  ],',
    '  "ranges": [',
    pairs.join(',\n'),
    '  ],',
    '  "v4": [',
    intervalLines(table.v4, 2),
    '  ],',
    '  "v6": [',
    intervalLines(table.v6, 5),
    '  ]',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}
