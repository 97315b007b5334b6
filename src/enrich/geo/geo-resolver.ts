/**
 * GeoResolver: one answer per address from a set of MaxMind-format databases.
 *
 *   const geo = await GeoResolver.open([userDir, shippedDir]);
 *   geo.lookup('8.8.8.8') → { country: 'US', asn: 15169, asOrg: 'Google LLC', sources: [...] }
 *
 * Directories are given in precedence order (the user's --geoip-dir before the shipped defaults); inside one,
 * City databases come before Country ones, then ASN. Each field of the answer comes from the first database that
 * has it, and `sources` lists the databases that contributed. A directory's manifest.json (written by the
 * build-defaults script) supplies source, licence and attribution. Pass the address to geolocate: unwrap
 * IPv4-mapped/6to4/Teredo first (enrich/addresses does), and do not look up local addresses.
 */
import { parseIp } from '../../core/ip-format.js';
import { compareText } from '../../core/text-order.js';
import { type GeoRole, normalise, type PartialGeo } from './geo-schema.js';
import type { OpenDatabase } from './open-database.js';
import { openLocation } from './open-location.js';

export interface GeoSource {
  database: string;
  type: string;
  buildDate: string;
}

export interface GeoAnswer {
  country: string | null;
  city?: string;
  location?: { lat: number; lon: number; accuracyKm?: number };
  asn: number | null;
  asOrg: string | null;
  sources: GeoSource[];
}

export interface GeoDatabaseInfo {
  /** country, city, asn (the roles it answers, joined with +). */
  role: string;
  file: string;
  path: string;
  type: string;
  schema: string;
  buildDate: string;
  ipVersion: number;
  size: number;
  sha256: string;
  source: string;
  licence: string;
  attribution: string;
}

const ROLE_ORDER: GeoRole[] = ['city', 'country', 'asn'];
export const GEO_CACHE_LIMIT = 100_000;
/** Normalised records kept per database, and merged answers kept per combination of records. */
export const GEO_RECORD_CACHE_LIMIT = 100_000;

interface Database {
  db: OpenDatabase;
  info: GeoDatabaseInfo;
  /** Normalised answer per data record (tree.find value): a country database has a few hundred. */
  records: Map<number, PartialGeo>;
  /** Records that failed to decode (a corrupt database): every lookup reaching one counts a lookup error. */
  broken: Set<number>;
}

/**
 * Merged answers keyed by the records each database gave (0: none), one trie level per database: addresses
 * that reach the same records share one answer object, so the callers' per-answer work (operator, transfer
 * status) runs once per combination instead of once per address.
 */
interface AnswerNode {
  next?: Map<number, AnswerNode>;
  answer?: GeoAnswer;
}

export class GeoResolver {
  readonly #dbs: Database[];
  readonly #cache = new Map<string, GeoAnswer>();
  #answers: AnswerNode = {};
  #answerCount = 0;
  /** Per-lookup scratch: the record each database's tree walk ended on (0: none). */
  readonly #records: number[];
  #lookupErrors = 0;

  private constructor(dbs: { db: OpenDatabase; info: GeoDatabaseInfo }[]) {
    this.#dbs = dbs.map(({ db, info }) => ({ db, info, records: new Map(), broken: new Set() }));
    this.#records = dbs.map(() => 0);
  }

  /** Opens every .mmdb in the given directories (or files); throws InputError when a file is unusable. */
  static async open(dirsOrFiles: readonly string[]): Promise<GeoResolver> {
    const dbs: { db: OpenDatabase; info: GeoDatabaseInfo }[] = [];
    for (const dir of dirsOrFiles) {
      const inDir = openLocation(dir);
      inDir.sort((a, b) => rank(a.db) - rank(b.db) || compareText(a.db.file, b.db.file));
      dbs.push(...inDir);
    }
    return new GeoResolver(dbs);
  }

  databases(): GeoDatabaseInfo[] {
    return this.#dbs.map((d) => d.info);
  }

  /** Lookups that failed inside the database reader (a corrupt record): counted, answered as unknown. */
  get lookupErrors(): number {
    return this.#lookupErrors;
  }

  lookup(ip: string): GeoAnswer {
    const cached = this.#cache.get(ip);
    if (cached !== undefined) return cached;
    const answer = this.lookupUncached(ip);
    if (this.#cache.size >= GEO_CACHE_LIMIT) {
      // Drop the oldest entry (Map keeps insertion order): a bounded, roughly FIFO cache.
      const first = this.#cache.keys().next();
      if (first.done !== true) this.#cache.delete(first.value);
    }
    this.#cache.set(ip, answer);
    return answer;
  }

  /** Without the per-address cache: for callers that keep their own (audit/destination-facts.ts). */
  lookupUncached(ip: string): GeoAnswer {
    const bytes = parseIp(ip);
    // Text that is not an address goes to the reader as before (it answers something or throws, counted).
    return bytes === null ? this.#lookupText(ip) : this.lookupBytes(bytes);
  }

  /**
   * The answer for an address given as 4 or 16 bytes (core/ip-format.ts parseIp). Answers are shared between
   * addresses that reach the same records: treat them as read-only.
   */
  lookupBytes(address: Uint8Array): GeoAnswer {
    const dbs = this.#dbs;
    // The answer trie first, keyed by the records the tree walks end on: the records themselves are needed only
    // for a combination not seen before (a few thousand among 100,000 addresses on the benchmark capture).
    let node = this.#answers;
    for (let i = 0; i < dbs.length; i++) {
      const d = dbs[i] as Database;
      const record = d.db.tree.find(address);
      this.#records[i] = record;
      if (record !== 0 && d.broken.size > 0 && d.broken.has(record)) this.#lookupErrors++;
      let next = node.next?.get(record);
      if (next === undefined) {
        next = {};
        node.next ??= new Map();
        node.next.set(record, next);
      }
      node = next;
    }
    if (node.answer !== undefined) return node.answer;
    const parts: (PartialGeo | undefined)[] = [];
    for (let i = 0; i < dbs.length; i++) {
      const record = this.#records[i] ?? 0;
      parts.push(record === 0 ? undefined : this.#record(dbs[i] as Database, record, address));
    }
    const answer = this.#merge(parts);
    if (this.#answerCount >= GEO_RECORD_CACHE_LIMIT) {
      this.#answers = {};
      this.#answerCount = 0;
    } else {
      node.answer = answer;
      this.#answerCount++;
    }
    return answer;
  }

  /**
   * The normalised record, decoded once per database and record. A record that fails to decode (a pointer
   * loop, an offset past the end) is counted here the first time and by lookupBytes on every later visit.
   */
  #record(d: Database, record: number, address: Uint8Array): PartialGeo | undefined {
    if (d.broken.has(record)) return undefined;
    const hit = d.records.get(record);
    if (hit !== undefined) return hit;
    let part: PartialGeo;
    try {
      part = normalise(d.db.schema, d.db.data(record, address));
    } catch {
      this.#lookupErrors++;
      d.broken.add(record);
      return undefined;
    }
    if (d.records.size >= GEO_RECORD_CACHE_LIMIT) d.records.clear();
    d.records.set(record, part);
    return part;
  }

  /** Each field from the first database (in precedence order) that has it; `sources` names the contributors. */
  #merge(parts: readonly (PartialGeo | undefined)[]): GeoAnswer {
    const merged: PartialGeo = {};
    const sources: GeoSource[] = [];
    for (let i = 0; i < parts.length; i++) {
      const g = parts[i];
      if (g === undefined) continue;
      let used = false;
      for (const key of FIELDS) {
        if (merged[key] === undefined && g[key] !== undefined) {
          (merged as Record<string, unknown>)[key] = g[key];
          used = true;
        }
      }
      const db = (this.#dbs[i] as Database).db;
      if (used) sources.push({ database: db.file, type: db.type, buildDate: db.buildDate });
    }
    return answerOf(merged, sources);
  }

  /** The reader's own text path, for text that parseIp refuses. */
  #lookupText(ip: string): GeoAnswer {
    const parts: (PartialGeo | undefined)[] = [];
    const isV6 = ip.includes(':');
    for (const { db } of this.#dbs) {
      let record: unknown = null;
      if (!(isV6 && db.ipVersion === 4)) {
        try {
          record = db.reader.get(ip);
        } catch {
          this.#lookupErrors++;
        }
      }
      parts.push(record === null ? undefined : normalise(db.schema, record));
    }
    return this.#merge(parts);
  }
}

const FIELDS = ['country', 'city', 'location', 'asn', 'asOrg'] as const;

function answerOf(merged: PartialGeo, sources: GeoSource[]): GeoAnswer {
  const answer: GeoAnswer = {
    country: merged.country ?? null,
    asn: merged.asn ?? null,
    asOrg: merged.asOrg ?? null,
    sources,
  };
  if (merged.city !== undefined) answer.city = merged.city;
  if (merged.location !== undefined) answer.location = merged.location;
  return answer;
}

function rank(db: OpenDatabase): number {
  const best = Math.min(...db.roles.map((r) => ROLE_ORDER.indexOf(r)));
  return Number.isFinite(best) ? best : ROLE_ORDER.length;
}
