/**
 * Which renderer writes an output, one rule for every command that writes reports, diffs or trends: standard
 * output ("-" or no path) takes -f (else the command's default); a file is rendered by its extension, and -f
 * covers a file whose extension names no renderer. Every registry has this one shape: renderers by id, each
 * with the file extensions (lower case, with the dot) that select it.
 */
import { extname } from 'node:path';
import { UsageError } from './errors.js';

export interface Selectable {
  /** File extensions (lower case, with the dot) that select this renderer. */
  readonly extensions: readonly string[];
}

/** The renderer whose extensions hold `path`'s (case-insensitive), or null. */
export function rendererForPath<R extends Selectable>(renderers: Readonly<Record<string, R>>, path: string): R | null {
  const ext = extname(path).toLowerCase();
  if (ext === '') return null;
  for (const renderer of Object.values(renderers)) if (renderer.extensions.includes(ext)) return renderer;
  return null;
}

/** The renderer for an output; a UsageError naming the choices when a file's format cannot be told. */
export function chooseRenderer<Id extends string, R extends Selectable>(
  renderers: Readonly<Record<Id, R>>,
  path: string | undefined,
  format: Id | undefined,
  stdoutDefault: Id,
): R {
  if (path === undefined || path === '-') return renderers[format ?? stdoutDefault];
  const byExtension = rendererForPath(renderers, path);
  if (byExtension !== null) return byExtension;
  if (format !== undefined) return renderers[format];
  throw new UsageError(
    `cannot tell the format of ${path} from its extension; use -f (${Object.keys(renderers).join(', ')})`,
  );
}
