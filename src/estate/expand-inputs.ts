/**
 * Command-line inputs → files. A directory stands for every file under it (recursive, sorted by code point,
 * hidden entries skipped); a glob (`*`, `?`, `**`) for the files it matches, so `'logs/**\/*.log'` works the same
 * whatever the shell does with it. "-" stays stdin. A path that does not exist is passed through so the reader
 * reports it as usual; a glob or directory that yields nothing is a usage error naming it. A directory that
 * cannot be listed (no permission, an I/O error) is told to `unlisted` and skipped, so the caller can say so and
 * end with code 2 while the other inputs are read; when nothing could be listed at all, that is the error.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { resourceErrorOf, UnreadableInputError, UsageError } from '../core/errors.js';
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

/** Told of a directory that could not be listed, with the cause ("permission denied"). */
export type Unlisted = (dir: string, cause: string) => void;

export async function expandInputs(args: string[], unlisted: Unlisted = () => undefined): Promise<string[]> {
  const failures: UnreadableInputError[] = [];
  const ctx: Walk = {
    unlisted: (dir, cause) => {
      failures.push(new UnreadableInputError(`cannot list ${dir}: ${cause}`, dir, cause));
      unlisted(dir, cause);
    },
  };
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
      const before = failures.length;
      const files = (await globFiles(arg, ctx)).sort(compareText);
      if (files.length === 0 && failures.length === before) throw new UsageError(`no input file matches ${arg}`);
      for (const f of files) add(f);
      continue;
    }
    const info = await stat(arg).catch(() => null);
    if (info?.isDirectory() === true) {
      const files: string[] = [];
      const before = failures.length;
      await walk(arg, files, new Set(), 0, ctx);
      files.sort(compareText);
      if (files.length === 0 && failures.length === before) throw new UsageError(`no input files in directory ${arg}`);
      for (const f of files) add(f);
    } else add(arg);
  }
  if (out.length === 0 && failures[0] !== undefined) throw failures[0];
  return out;
}

interface Walk {
  unlisted: Unlisted;
}

async function entries(dir: string, ctx: Walk): Promise<Dirent[]> {
  let list: Dirent[];
  try {
    list = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException | null)?.code;
    // No such directory: a glob's part that matches nothing (or a directory gone since its parent was listed).
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    // Out of descriptors: the directory is fine, the run cannot go on (core/errors.ts ResourceError).
    const resource = resourceErrorOf(e);
    if (resource !== null) throw resource;
    // Before, an unlistable directory was silently empty: its files were missing from the report unsaid.
    ctx.unlisted(dir, code === 'EACCES' || code === 'EPERM' ? 'permission denied' : errorText(e));
    return [];
  }
  return list.sort((a, b) => compareText(a.name, b.name));
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
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
async function walk(dir: string, files: string[], visited: Set<string>, depth: number, ctx: Walk): Promise<void> {
  if (depth > MAX_DEPTH || files.length >= MAX_EXPANDED_FILES) return;
  const real = await realpath(dir).catch(() => dir);
  if (visited.has(real)) return;
  visited.add(real);
  for (const e of await entries(dir, ctx)) {
    if (e.name.startsWith('.')) continue;
    const k = await kindOf(dir, e);
    if (k === 'file') files.push(join(dir, e.name));
    else if (k === 'dir') await walk(join(dir, e.name), files, visited, depth + 1, ctx);
  }
}

/** Files matching a glob; the literal leading segments are the base directory, the rest is matched. */
async function globFiles(pattern: string, ctx: Walk): Promise<string[]> {
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
  await matchFrom(base, rest, files, new Set(), 0, ctx);
  return files;
}

async function matchFrom(
  dir: string,
  rest: string[],
  files: string[],
  visited: Set<string>,
  depth: number,
  ctx: Walk,
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
      await walk(dir, files, new Set(), depth, ctx);
      return;
    }
    await matchFrom(dir, tail, files, visited, depth, ctx);
    for (const e of await entries(dir, ctx)) {
      if (e.name.startsWith('.')) continue;
      if ((await kindOf(dir, e)) === 'dir') await matchFrom(join(dir, e.name), rest, files, visited, depth + 1, ctx);
    }
    return;
  }
  const re = segmentMatcher(head);
  for (const e of await entries(dir, ctx)) {
    if (!re.test(e.name)) continue;
    const k = await kindOf(dir, e);
    const path = join(dir, e.name);
    if (tail.length === 0) {
      if (k === 'file') files.push(path);
    } else if (k === 'dir') await matchFrom(path, tail, files, visited, depth + 1, ctx);
  }
}
