/**
 * The GeoIP databases of one location (a directory or a single .mmdb file), opened and described: an archive
 * where the .mmdb should be gets a message saying how to unpack it, and a directory's manifest.json (written by
 * the build-defaults script) supplies source, licence and attribution.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../../core/errors.js';
import type { GeoDatabaseInfo } from './geo-resolver.js';
import { archiveHint, type OpenDatabase, openDatabase, sniffArchive } from './open-database.js';

interface ManifestEntry {
  file?: string;
  source?: string;
  licence?: string;
  attribution?: string;
}

export function openLocation(where: string): { db: OpenDatabase; info: GeoDatabaseInfo }[] {
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
