/**
 * `node dist/tools/cloud-ranges-import/lock-sources.js`: records the cloud range files now in data/sources in
 * sources.lock.json (hash, version read from the file, URL, licence, notes), keeping every other entry. Run it
 * after replacing a raw file with a newer download (update `retrieved`, `file` and `notes` in sources.ts first),
 * then `npm run cloud:import`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/package-root.js';
import { type LockedSource, readLock, SOURCES_DIR, sha256, writeLock } from '../sources/source-lock.js';
import { CLOUD_SOURCES } from './sources.js';

const root = packageRoot();
// A source another import locks (the catalog's Microsoft 365 list) keeps that import's entry.
const entries: LockedSource[] = CLOUD_SOURCES.filter((spec) => spec.lockedBy === undefined).map((spec) => {
  const bytes = readFileSync(join(root, SOURCES_DIR, spec.file));
  const parsed = spec.parse(bytes.toString('utf8'), spec.retrieved, spec.file);
  return {
    id: spec.id,
    usedBy: 'cloud-ranges',
    url: spec.url,
    retrieved: spec.retrieved,
    ...(parsed.version === '' ? {} : { version: parsed.version }),
    licence: spec.licence,
    file: spec.file,
    sha256: sha256(bytes),
    notes: spec.notes,
  };
});
// Read the lock just before writing: another import (the catalog's) records its sources in the same file.
const lock = readLock(root);
const ids = new Set(entries.map((e) => e.id));
writeLock(root, { lockVersion: 1, sources: [...lock.sources.filter((s) => !ids.has(s.id)), ...entries] });
process.stderr.write(`locked ${entries.length} cloud range sources in ${SOURCES_DIR}/sources.lock.json\n`);
