/**
 * Reading the import's locked inputs from data/sources (through the lock, so every byte is checked against its
 * recorded SHA-256). A source made of many files (the v2fly lists) is locked through a manifest, SHA256SUMS in
 * `sha256sum` format, itself locked; each listed file is checked against it.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { readCatalogFile, shippedCatalogFiles } from '../../enrich/catalog/load.js';
import {
  type LockedSource,
  readLock,
  readLockedSource,
  SOURCES_DIR,
  type SourceLock,
  sha256,
} from '../sources/source-lock.js';
import type { ImportInputs, LockedFiles, LockedText, VendorDocText } from './build.js';
import { VENDOR_CODE, VENDOR_DOCS, WINDOWS_PAGES } from './mappings.js';

export const V2FLY_ID = 'v2fly-domain-list-community';
export const M365_ID = 'microsoft-365-endpoints';
export const WINDOWS_ID = 'windows-11-endpoints';
export const MISP_ID = 'misp-warninglists';
export const HAGEZI_ID = 'hagezi-dns-blocklists-native';
export const FIREFOX_ID = 'firefox-default-prefs';
export const MANIFEST = 'SHA256SUMS';

/** Parses `sha256sum` output: "<64 hex>  <path>" per line; other lines are errors. */
export function parseManifest(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (m === null || m[2] === undefined || m[1] === undefined || m[2].split('/').includes('..'))
      throw new Error(`${MANIFEST}: unreadable line "${line.slice(0, 80)}"`);
    out.set(m[2], m[1]);
  }
  return out;
}

/** Every file under `dir` (relative, '/'-separated, sorted), the manifest itself excluded. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.filter((f) => f !== MANIFEST).sort();
}

/** Writes `dir`/SHA256SUMS for the files under it; returns its path relative to data/sources. */
export function writeManifest(root: string, dirUnderSources: string): string {
  const dir = join(root, SOURCES_DIR, dirUnderSources);
  const lines = listFiles(dir).map((f) => `${sha256(readFileSync(join(dir, f)))}  ${f}`);
  writeFileSync(join(dir, MANIFEST), `${lines.join('\n')}\n`);
  return `${dirUnderSources.replace(/\/+$/, '')}/${MANIFEST}`;
}

function entry(lock: SourceLock, id: string): LockedSource | null {
  return lock.sources.find((s) => s.id === id) ?? null;
}

function lockedText(root: string, lock: SourceLock, id: string): LockedText | null {
  const e = entry(lock, id);
  if (e === null) return null;
  return { lockId: id, retrieved: e.retrieved, text: readLockedSource(root, lock, id).toString('utf8') };
}

/** A source locked through its manifest: every file the manifest lists, each checked against it; null if not locked. */
export function readLockedFiles(root: string, lock: SourceLock, id: string): LockedFiles | null {
  const e = entry(lock, id);
  if (e === null) return null;
  const manifest = parseManifest(readLockedSource(root, lock, id).toString('utf8'));
  const base = join(root, SOURCES_DIR, dirname(e.file));
  const files = new Map<string, string>();
  for (const [file, hash] of manifest) {
    const bytes = readFileSync(join(base, file));
    if (sha256(bytes) !== hash)
      throw new Error(`${SOURCES_DIR}/${dirname(e.file)}/${file}: SHA-256 differs from ${MANIFEST}`);
    files.set(file, bytes.toString('utf8'));
  }
  return { lockId: id, retrieved: e.retrieved, files };
}

export function readV2flyLists(root: string, lock: SourceLock): ImportInputs['v2fly'] {
  const locked = readLockedFiles(root, lock, V2FLY_ID);
  if (locked === null) return { lockId: V2FLY_ID, retrieved: '', lists: new Map() };
  const lists = new Map<string, string>();
  for (const [file, text] of locked.files) if (file.startsWith('data/')) lists.set(file.slice('data/'.length), text);
  return { lockId: V2FLY_ID, retrieved: locked.retrieved, lists };
}

/** The hand-curated catalog files: every shipped file but the generated imported-*.json. */
export function curatedCatalogFiles(root: string): string[] {
  return shippedCatalogFiles(root).filter((f) => !/(^|[\\/])imported-[^\\/]*\.json$/.test(f));
}

/** The vendor pages VENDOR_DOCS names that the lock has (a page not yet locked is simply not imported). */
export function readVendorDocs(root: string, lock: SourceLock): Map<string, VendorDocText> {
  const out = new Map<string, VendorDocText>();
  for (const doc of VENDOR_DOCS) {
    const page = lockedText(root, lock, doc.lockId);
    if (page === null) continue;
    const sites = doc.sitesLockId === undefined ? null : lockedText(root, lock, doc.sitesLockId);
    out.set(doc.lockId, sites === null ? page : { ...page, sites: sites.text });
  }
  return out;
}

function optional<K extends string>(key: K, value: LockedFiles | null): Partial<Record<K, LockedFiles>> {
  return value === null ? {} : ({ [key]: value } as Partial<Record<K, LockedFiles>>);
}

/** The vendors' source files VENDOR_CODE names that the lock has. */
function readVendorCode(root: string, lock: SourceLock): Map<string, LockedFiles> {
  const out = new Map<string, LockedFiles>();
  for (const code of VENDOR_CODE) {
    const files = readLockedFiles(root, lock, code.lockId);
    if (files !== null) out.set(code.lockId, files);
  }
  return out;
}

/** The Windows pages after the first (WINDOWS_PAGES) that the lock has. */
function readWindowsPages(root: string, lock: SourceLock): Map<string, LockedText> {
  const out = new Map<string, LockedText>();
  for (const page of WINDOWS_PAGES.slice(1)) {
    const text = lockedText(root, lock, page.lockId);
    if (text !== null) out.set(page.lockId, text);
  }
  return out;
}

export function readImportInputs(root: string): ImportInputs {
  const lock = readLock(root);
  return {
    windowsPages: readWindowsPages(root, lock),
    vendorCode: readVendorCode(root, lock),
    v2fly: readV2flyLists(root, lock),
    m365: lockedText(root, lock, M365_ID),
    windows: lockedText(root, lock, WINDOWS_ID),
    vendorDocs: readVendorDocs(root, lock),
    ...optional('misp', readLockedFiles(root, lock, MISP_ID)),
    ...optional('hagezi', readLockedFiles(root, lock, HAGEZI_ID)),
    ...optional('firefox', readLockedFiles(root, lock, FIREFOX_ID)),
    curated: curatedCatalogFiles(root).map((f) => readCatalogFile(f)),
  };
}
