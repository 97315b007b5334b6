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
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../../core/errors.js';
import { type GeoRole, normalise, type PartialGeo } from './geo-schema.js';
import { archiveHint, type OpenDatabase, openDatabase, sniffArchive } from './open-database.js';

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

interface ManifestEntry {
  file?: string;
  source?: string;
  licence?: string;
  attribution?: string;
}

const ROLE_ORDER: GeoRole[] = ['city', 'country', 'asn'];
export const GEO_CACHE_LIMIT = 100_000;

export class GeoResolver {
  readonly #dbs: { db: OpenDatabase; info: GeoDatabaseInfo }[];
  readonly #cache = new Map<string, GeoAnswer>();
  #lookupErrors = 0;

  private constructor(dbs: { db: OpenDatabase; info: GeoDatabaseInfo }[]) {
    this.#dbs = dbs;
  }

  /** Opens every .mmdb in the given directories (or files); throws InputError when a file is unusable. */
  static async open(dirsOrFiles: readonly string[]): Promise<GeoResolver> {
    const dbs: { db: OpenDatabase; info: GeoDatabaseInfo }[] = [];
    for (const dir of dirsOrFiles) {
      const inDir = openLocation(dir);
      inDir.sort((a, b) => rank(a.db) - rank(b.db) || a.db.file.localeCompare(b.db.file));
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

  /** Without the cache: for callers that keep their own per-address cache (audit/destination-facts.ts). */
  lookupUncached(ip: string): GeoAnswer {
    const merged: PartialGeo = {};
    const sources: GeoSource[] = [];
    const isV6 = ip.includes(':');
    for (const { db } of this.#dbs) {
      if (isV6 && db.ipVersion === 4) continue;
      let record: unknown;
      try {
        record = db.reader.get(ip);
      } catch {
        // Invalid address text or a broken record (e.g. a pointer loop): unknown, not a crash.
        this.#lookupErrors++;
        continue;
      }
      if (record === null) continue;
      const g = normalise(db.schema, record);
      let used = false;
      for (const key of ['country', 'city', 'location', 'asn', 'asOrg'] as const) {
        if (merged[key] === undefined && g[key] !== undefined) {
          (merged as Record<string, unknown>)[key] = g[key];
          used = true;
        }
      }
      if (used) sources.push({ database: db.file, type: db.type, buildDate: db.buildDate });
    }
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
}

function rank(db: OpenDatabase): number {
  const best = Math.min(...db.roles.map((r) => ROLE_ORDER.indexOf(r)));
  return Number.isFinite(best) ? best : ROLE_ORDER.length;
}

function openLocation(where: string): { db: OpenDatabase; info: GeoDatabaseInfo }[] {
  if (!existsSync(where)) throw new InputError(`GeoIP database location not found: ${where}`, where);
  const isDir = statSync(where).isDirectory();
  const dir = isDir ? where : path.dirname(where);
  const files = isDir ? readdirSync(where).sort() : [path.basename(where)];
  const manifest = readManifest(dir);
  const mmdbs = files.filter((f) => f.toLowerCase().endsWith('.mmdb'));
  if (mmdbs.length === 0) {
    const archive = files.find((f) => /\.(tar\.gz|tgz|gz|zip|tar)$/i.test(f));
    if (archive !== undefined) {
      const head = readFileSync(path.join(dir, archive)).subarray(0, 512);
      const kind = sniffArchive(head) ?? 'gzip';
      throw new InputError(archiveHint(archive, kind), path.join(dir, archive));
    }
    throw new InputError(`no .mmdb GeoIP database in ${where}`, where);
  }
  return mmdbs.map((f) => {
    const db = openDatabase(path.join(dir, f));
    const m = manifest.get(f);
    return {
      db,
      info: {
        role: db.roles.join('+'),
        file: db.file,
        path: db.path,
        type: db.type,
        schema: db.schema,
        buildDate: db.buildDate,
        ipVersion: db.ipVersion,
        size: db.size,
        sha256: db.sha256,
        source: m?.source ?? 'user-supplied',
        licence: m?.licence ?? 'see the database provider',
        attribution: m?.attribution ?? '',
      },
    };
  });
}

function readManifest(dir: string): Map<string, ManifestEntry> {
  const out = new Map<string, ManifestEntry>();
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) return out;
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { files?: unknown };
    if (!Array.isArray(json.files)) return out;
    for (const e of json.files as ManifestEntry[]) {
      if (typeof e?.file === 'string') out.set(e.file, e);
    }
  } catch {
    // A broken manifest only loses attribution text; the databases themselves were validated.
  }
  return out;
}
