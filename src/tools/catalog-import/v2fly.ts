/**
 * Reader for v2fly/domain-list-community list files (data/<list>): `full:` = one exact name, `domain:` or a bare
 * name = the domain and its subdomains, `include:<list> [@attr] [@-attr]` = another list (selectively, by
 * attribute), `regexp:` / `keyword:` = patterns we do not use (counted, never guessed at). `#` starts a comment,
 * `@attr` tags an entry, `&list` (affiliation) adds it elsewhere upstream and is ignored here. Hostile text never
 * throws: a line that fits none of these is counted as bad, an include cycle or a missing list is reported.
 */

export type V2flyEntryKind = 'full' | 'domain';

export interface V2flyEntry {
  kind: V2flyEntryKind;
  /** Lower-case domain name, no trailing dot. */
  value: string;
  attrs: string[];
}

export interface V2flyInclude {
  list: string;
  /** Attributes an included entry must have (`@x`). */
  require: string[];
  /** Attributes it must not have (`@-x`). */
  exclude: string[];
}

export interface V2flyParsed {
  entries: V2flyEntry[];
  includes: V2flyInclude[];
  /** regexp: and keyword: lines: valid upstream, not usable as names. */
  skippedPatterns: number;
  /** Lines that fit no syntax (unknown prefix, invalid name, bad attribute). */
  badLines: number;
}

/** Max lines read from one list; real lists have at most a few thousand. */
export const MAX_V2FLY_LINES = 200_000;
const NAME = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$/;
const LIST_NAME = /^[a-z0-9][a-z0-9!_.-]*$/;
const ATTR = /^@-?[a-z0-9!_.-]+$/;

function isName(value: string): boolean {
  return value.length > 0 && value.length <= 253 && NAME.test(value);
}

export function parseV2flyList(text: string): V2flyParsed {
  const out: V2flyParsed = { entries: [], includes: [], skippedPatterns: 0, badLines: 0 };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length && i < MAX_V2FLY_LINES; i++) {
    const raw = lines[i] ?? '';
    const hash = raw.indexOf('#');
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (line === '') continue;
    const tokens = line.split(/\s+/);
    const head = tokens[0] ?? '';
    const rest = tokens.slice(1).filter((t) => !t.startsWith('&'));
    if (!rest.every((t) => ATTR.test(t))) {
      out.badLines++;
      continue;
    }
    const colon = head.indexOf(':');
    const prefix = colon >= 0 ? head.slice(0, colon).toLowerCase() : '';
    const value = (colon >= 0 ? head.slice(colon + 1) : head).toLowerCase().replace(/\.$/, '');
    if (prefix === 'regexp' || prefix === 'keyword') {
      out.skippedPatterns++;
      continue;
    }
    if (prefix === 'include') {
      if (!LIST_NAME.test(value)) {
        out.badLines++;
        continue;
      }
      out.includes.push({
        list: value,
        require: rest.filter((t) => !t.startsWith('@-')).map((t) => t.slice(1)),
        exclude: rest.filter((t) => t.startsWith('@-')).map((t) => t.slice(2)),
      });
      continue;
    }
    if ((prefix !== '' && prefix !== 'full' && prefix !== 'domain') || !isName(value)) {
      out.badLines++;
      continue;
    }
    out.entries.push({ kind: prefix === 'full' ? 'full' : 'domain', value, attrs: rest.map((t) => t.slice(1)) });
  }
  if (lines.length > MAX_V2FLY_LINES) out.badLines += lines.length - MAX_V2FLY_LINES;
  return out;
}

export interface ResolvedList {
  entries: V2flyEntry[];
  skippedPatterns: number;
  badLines: number;
  /** Lists named by include: that the input does not have. */
  missing: string[];
  /** Include chains that came back to a list already being resolved ("a > b > a"). */
  cycles: string[];
}

/**
 * A list with its includes resolved, depth first, each list once per path (a cycle is cut and reported).
 * `stop` names lists that are not followed (another owner's list, attributed on its own).
 */
export function resolveV2flyList(
  name: string,
  lists: ReadonlyMap<string, string>,
  stop: ReadonlySet<string> = new Set(),
): ResolvedList {
  const result: ResolvedList = { entries: [], skippedPatterns: 0, badLines: 0, missing: [], cycles: [] };
  const parsedCache = new Map<string, V2flyParsed>();
  const parse = (list: string): V2flyParsed | null => {
    const cached = parsedCache.get(list);
    if (cached !== undefined) return cached;
    const text = lists.get(list);
    if (text === undefined) return null;
    const parsed = parseV2flyList(text);
    parsedCache.set(list, parsed);
    return parsed;
  };
  const seen = new Set<string>();
  // A list reached twice with the same filter adds nothing new; remembering it keeps a hostile lattice of
  // includes (each list including the next two) linear instead of exponential.
  const walked = new Set<string>();
  const walk = (list: string, path: string[], filter: V2flyInclude | null): void => {
    if (path.includes(list)) {
      result.cycles.push([...path, list].join(' > '));
      return;
    }
    const signature = `${list}|${filter?.require.join(',') ?? ''}|${filter?.exclude.join(',') ?? ''}`;
    if (walked.has(signature)) return;
    walked.add(signature);
    const parsed = parse(list);
    if (parsed === null) {
      result.missing.push(list);
      return;
    }
    if (filter === null) {
      result.skippedPatterns += parsed.skippedPatterns;
      result.badLines += parsed.badLines;
    }
    for (const e of parsed.entries) {
      if (filter !== null && !filter.require.every((a) => e.attrs.includes(a))) continue;
      if (filter?.exclude.some((a) => e.attrs.includes(a))) continue;
      const key = `${e.kind}:${e.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.entries.push(e);
    }
    for (const inc of parsed.includes) {
      if (stop.has(inc.list)) continue;
      // Selective includes filter the included list's entries; upstream applies the filter to the whole
      // resolved list, so it is carried down (combined with an outer filter, which it narrows).
      const combined =
        filter === null && inc.require.length === 0 && inc.exclude.length === 0
          ? null
          : {
              list: inc.list,
              require: [...(filter?.require ?? []), ...inc.require],
              exclude: [...(filter?.exclude ?? []), ...inc.exclude],
            };
      walk(inc.list, [...path, list], combined);
    }
  };
  walk(name, [], null);
  result.missing = [...new Set(result.missing)].sort();
  result.cycles = [...new Set(result.cycles)].sort();
  return result;
}
