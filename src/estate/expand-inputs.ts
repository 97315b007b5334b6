/**
 * Command-line inputs → files. A directory stands for every file under it (recursive, sorted by code point,
 * hidden entries skipped); a glob (`*`, `?`, `**`) for the files it matches, so `'logs/**\/*.log'` works the same
 * whatever the shell does with it. "-" stays stdin. A path that does not exist is passed through so the reader
 * reports it as usual; a glob or directory that yields nothing is a usage error naming it.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { compareText } from '../core/text-order.js';

/** Bounds for hostile or accidental trees (a glob at / or a symlink cycle must not run away). */
export const MAX_EXPANDED_FILES = 100_000;
export const MAX_DEPTH = 64;

export function isGlob(arg: string): boolean {
  return /[*?]/.test(arg);
}

/**
 * One path segment pattern → RegExp: `*` any run of characters but "/", `?` one such character. As in a shell,
 * a wildcard does not match a leading dot (hidden files need the dot spelled out).
 */
export function segmentMatcher(segment: string): RegExp {
  let re = '';
  for (const ch of segment) {
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const leadingDot = segment.startsWith('.') ? '' : '(?!\\.)';
  return new RegExp(`^${leadingDot}${re}$`, 'su');
}

export async function expandInputs(args: string[]): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    if (seen.has(file)) return; // the same file twice (a directory and a glob) would count its flows twice
    seen.add(file);
    if (out.length >= MAX_EXPANDED_FILES) throw new UsageError(`more than ${MAX_EXPANDED_FILES} input files`);
    out.push(file);
  };
  for (const arg of args) {
    if (arg === '-') {
      out.push(arg);
      continue;
    }
    if (isGlob(arg)) {
      const files = (await globFiles(arg)).sort(compareText);
      if (files.length === 0) throw new UsageError(`no input file matches ${arg}`);
      for (const f of files) add(f);
      continue;
    }
    const info = await stat(arg).catch(() => null);
    if (info?.isDirectory() === true) {
      const files: string[] = [];
      await walk(arg, files, new Set(), 0);
      files.sort(compareText);
      if (files.length === 0) throw new UsageError(`no input files in directory ${arg}`);
      for (const f of files) add(f);
    } else add(arg);
  }
  return out;
}

async function entries(dir: string): Promise<Dirent[]> {
  const list = await readdir(dir, { withFileTypes: true }).catch(() => [] as Dirent[]);
  return list.sort((a, b) => compareText(a.name, b.name));
}

/** Kind of an entry, following symbolic links (a link to a capture is a capture). */
async function kindOf(dir: string, e: Dirent): Promise<'file' | 'dir' | null> {
  if (e.isFile()) return 'file';
  if (e.isDirectory()) return 'dir';
  if (!e.isSymbolicLink()) return null;
  const s = await stat(join(dir, e.name)).catch(() => null);
  return s === null ? null : s.isDirectory() ? 'dir' : s.isFile() ? 'file' : null;
}

/** Every non-hidden file under dir, depth first in name order; real paths guard against symlink cycles. */
async function walk(dir: string, files: string[], visited: Set<string>, depth: number): Promise<void> {
  if (depth > MAX_DEPTH || files.length >= MAX_EXPANDED_FILES) return;
  const real = await realpath(dir).catch(() => dir);
  if (visited.has(real)) return;
  visited.add(real);
  for (const e of await entries(dir)) {
    if (e.name.startsWith('.')) continue;
    const k = await kindOf(dir, e);
    if (k === 'file') files.push(join(dir, e.name));
    else if (k === 'dir') await walk(join(dir, e.name), files, visited, depth + 1);
  }
}

/** Files matching a glob; the literal leading segments are the base directory, the rest is matched. */
async function globFiles(pattern: string): Promise<string[]> {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s) => s !== '' && s !== '.');
  let base = absolute ? '/' : '.';
  let i = 0;
  while (i < segments.length - 1 && !isGlob(segments[i] ?? '')) {
    base = join(base, segments[i] ?? '');
    i++;
  }
  const rest = segments.slice(i);
  const files: string[] = [];
  await matchFrom(base, rest, files, new Set(), 0);
  return files;
}

async function matchFrom(
  dir: string,
  rest: string[],
  files: string[],
  visited: Set<string>,
  depth: number,
): Promise<void> {
  const [head, ...tail] = rest;
  if (head === undefined || depth > MAX_DEPTH || files.length >= MAX_EXPANDED_FILES) return;
  if (head === '**') {
    // `**` matches zero or more directories: try the rest here, then in every non-hidden subdirectory.
    const real = await realpath(dir).catch(() => dir);
    const key = `${real}\u0000${tail.join('/')}`;
    if (visited.has(key)) return;
    visited.add(key);
    if (tail.length === 0) {
      await walk(dir, files, new Set(), depth);
      return;
    }
    await matchFrom(dir, tail, files, visited, depth);
    for (const e of await entries(dir)) {
      if (e.name.startsWith('.')) continue;
      if ((await kindOf(dir, e)) === 'dir') await matchFrom(join(dir, e.name), rest, files, visited, depth + 1);
    }
    return;
  }
  const re = segmentMatcher(head);
  for (const e of await entries(dir)) {
    if (!re.test(e.name)) continue;
    const k = await kindOf(dir, e);
    const path = join(dir, e.name);
    if (tail.length === 0) {
      if (k === 'file') files.push(path);
    } else if (k === 'dir') await matchFrom(path, tail, files, visited, depth + 1);
  }
}
