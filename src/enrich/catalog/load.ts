/**
 * Reading catalog files from disk (the only Node I/O of the catalog), and where the shipped catalog lives:
 * <package root>/data/catalog, found from this module's URL so it works from src/ (tests) and dist/ (built).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { InputError } from '../../core/errors.js';
import { packageRoot } from '../../core/package-root.js';
import type { CatalogFile } from './types.js';
import { formatCatalogError, validateCatalog } from './validate.js';

/** Catalog files are small; a bigger one is not a catalog (and would stall JSON.parse). */
export const MAX_CATALOG_BYTES = 16 * 1024 * 1024;
const MAX_ERRORS_SHOWN = 20;

/** Where the package lives (core/package-root.ts); re-exported for the catalog's callers. */
export { packageRoot } from '../../core/package-root.js';

/** The shipped catalog files, sorted by name (schema.json excluded). */
export function shippedCatalogFiles(root: string = packageRoot()): string[] {
  const dir = join(root, 'data', 'catalog');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'schema.json')
    .sort()
    .map((f) => join(dir, f));
}

/**
 * How reports and `rules` name a catalog file: a shipped one relative to the package (data/catalog/x.json), so
 * a report names no path of the machine it was made on; the user's own files as given.
 */
export function catalogFileLabel(file: string, root: string = packageRoot()): string {
  const shipped = join(root, 'data', 'catalog');
  return file.startsWith(`${shipped}${sep}`) ? relative(root, file).split(sep).join('/') : file;
}

/** Parses JSON text; returns the parse error message instead of throwing. */
export function parseCatalogText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Reads, parses and validates; throws InputError with up to 20 error lines. */
export function readCatalogFile(file: string): CatalogFile {
  let text: string;
  try {
    const buffer = readFileSync(file);
    if (buffer.length > MAX_CATALOG_BYTES) throw new InputError(`${file}: larger than 16 MiB; not a catalog`, file);
    text = buffer.toString('utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      `${file}: cannot read catalog (${error instanceof Error ? error.message : String(error)})`,
      file,
    );
  }
  const parsed = parseCatalogText(text);
  if (!parsed.ok) throw new InputError(`${file}: not valid JSON (${parsed.message})`, file);
  const result = validateCatalog(parsed.value);
  if (!result.ok) {
    const lines = result.errors.slice(0, MAX_ERRORS_SHOWN).map((e) => formatCatalogError(e, file));
    const more = result.errors.length > MAX_ERRORS_SHOWN ? `\n... ${result.errors.length - MAX_ERRORS_SHOWN} more` : '';
    throw new InputError(`invalid catalog:\n${lines.join('\n')}${more}`, file);
  }
  return result.catalog;
}
