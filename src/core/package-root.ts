/**
 * Where the installed package lives, for the data it ships (data/catalog, data/owners, data/cloud): found by
 * walking up from this module's URL, so it works from src/ (tests) and dist/ (built) alike.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from './errors.js';

/** Walks up from `from` (this module by default) to the folder holding package.json and data/catalog. */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data', 'catalog'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new InputError('cannot find the shipped data (data/catalog next to package.json); is the install complete?');
}
