/**
 * The files the installed CLI can load, found statically from bin/outflow.js: every relative `import ... from`,
 * `export ... from`, `import('...')` and `new URL('./x.js', import.meta.url)` (the worker threads), followed
 * through the built dist/. A dynamic import whose target is not a plain string would escape this walk; the
 * install test (install.test.ts) runs the installed CLI and catches that.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const IMPORT =
  /(?:^|[;\s])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]|new URL\(\s*['"]([^'"]+\.js)['"]\s*,\s*import\.meta\.url/gm;

export interface ImportGraph {
  /** Reachable files, relative to the root, with "/" separators, sorted. */
  files: string[];
  /** Relative imports that name no file: "from-file -> specifier". */
  missing: string[];
}

export function runtimeImportGraph(root: string, entries: readonly string[] = ['bin/outflow.js']): ImportGraph {
  const seen = new Set<string>();
  const missing: string[] = [];
  const stack = entries.map((e) => resolve(root, e));
  for (let file = stack.pop(); file !== undefined; file = stack.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
      if (!specifier.startsWith('.')) continue;
      const target = join(dirname(file), specifier);
      if (existsSync(target)) stack.push(target);
      else missing.push(`${rel(root, file)} -> ${specifier}`);
    }
  }
  return { files: [...seen].map((f) => rel(root, f)).sort(), missing };
}

function rel(root: string, file: string): string {
  return relative(root, file).split('\\').join('/');
}
