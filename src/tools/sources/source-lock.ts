/**
 * The lock file of the public sources that shipped data is imported from (data/sources/sources.lock.json):
 * per source its URL, the day it was retrieved, its licence, the file it was saved as and that file's SHA-256.
 * Importers (catalog, cloud ranges) read raw files only through `readLockedSource`, which refuses a file whose
 * hash differs from the lock, so an import is reproducible offline and byte for byte.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LockedSource {
  /** Stable id, e.g. "v2fly-domain-list-community" or "aws-ip-ranges". */
  id: string;
  /** Which import reads it: "catalog", "cloud-ranges", ... */
  usedBy: string;
  /** Where a maintainer downloads it again. */
  url: string;
  /** YYYY-MM-DD the file was retrieved (or the upstream commit's date, when it came from a repository). */
  retrieved: string;
  /** Upstream version: a commit, a syncToken, a changeNumber ..., when the source has one. */
  version?: string;
  /** SPDX id or a short statement with its URL. Sources that forbid redistribution are not locked. */
  licence: string;
  /** Path relative to data/sources/. */
  file: string;
  sha256: string;
  /** Why this source, what is taken from it. */
  notes?: string;
}

export interface SourceLock {
  lockVersion: 1;
  sources: LockedSource[];
}

export const SOURCES_DIR = 'data/sources';
export const LOCK_FILE = 'data/sources/sources.lock.json';

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function readLock(root: string): SourceLock {
  const parsed: unknown = JSON.parse(readFileSync(join(root, LOCK_FILE), 'utf8'));
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    !('lockVersion' in parsed) ||
    parsed.lockVersion !== 1 ||
    !('sources' in parsed) ||
    !Array.isArray(parsed.sources)
  ) {
    throw new Error(`${LOCK_FILE}: not a version 1 source lock`);
  }
  return parsed as SourceLock;
}

/** Writes the lock with sources ordered by id, two-space JSON and a final newline (stable diffs). */
export function writeLock(root: string, lock: SourceLock): void {
  const sources = [...lock.sources].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  writeFileSync(join(root, LOCK_FILE), `${JSON.stringify({ lockVersion: 1, sources }, null, 2)}\n`);
}

/** The bytes of a locked source, checked against its recorded hash. */
export function readLockedSource(root: string, lock: SourceLock, id: string): Buffer {
  const entry = lock.sources.find((s) => s.id === id);
  if (entry === undefined) throw new Error(`${LOCK_FILE} has no source "${id}"`);
  const bytes = readFileSync(join(root, SOURCES_DIR, entry.file));
  const actual = sha256(bytes);
  if (actual !== entry.sha256) {
    throw new Error(
      `${SOURCES_DIR}/${entry.file}: SHA-256 ${actual} differs from the lock (${entry.sha256}); re-lock it after checking the new download`,
    );
  }
  return bytes;
}
