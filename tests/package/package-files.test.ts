/**
 * Issue #21 item 6, the fast half: package.json's "files" ships every dist folder the CLI can load and none that
 * only developers run (benchmark, same-bytes, sample generator, importers, fuzzers, capture writers), no source
 * maps, and the man page npm installs ("man"). Static, no npm: the real `npm pack` and a global install from the
 * tarball are pack.test.ts and install.test.ts (with OUTFLOW_PACKAGE_TESTS=1, as .ci/run sets it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../e2e/helpers.js';
import { runtimeImportGraph } from './import-graph.js';
import { DEV_ONLY_DIST } from './package-rules.js';

interface PackageJson {
  files: string[];
  man?: string[];
  bin: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as PackageJson;

describe('package.json files', () => {
  const graph = runtimeImportGraph(repoRoot);

  it('every relative import of the CLI names a built file', () => {
    expect(graph.missing).toEqual([]);
    expect(graph.files.length).toBeGreaterThan(200);
  });

  it('ships every dist folder the CLI can load', () => {
    const shipped = pkg.files.filter((f) => !f.startsWith('!'));
    const needed = new Set(
      graph.files.filter((f) => f.startsWith('dist/')).map((f) => f.split('/').slice(0, 2).join('/')),
    );
    for (const folder of needed) expect(shipped, `${folder} is loaded by the CLI`).toContain(folder);
    for (const f of shipped.filter((f) => f.startsWith('dist/'))) {
      expect(needed.has(f), `${f} is shipped but the CLI never loads it`).toBe(true);
    }
  });

  it('ships no developer-only code, no source and no source maps', () => {
    for (const f of pkg.files) {
      expect(
        DEV_ONLY_DIST.some((d) => f === d || f.startsWith(`${d}/`)),
        f,
      ).toBe(false);
      expect(f).not.toMatch(/^(src|tests|bench-data|samples|data\/sources|node_modules)(\/|$)/);
      expect(f).not.toBe('dist');
    }
    expect(pkg.files).toContain('!dist/**/*.map');
    for (const dev of DEV_ONLY_DIST)
      expect(
        graph.files.some((f) => f.startsWith(`${dev}/`)),
        dev,
      ).toBe(false);
  });

  it('installs the man page and the launcher', () => {
    expect(pkg.man).toEqual(['./man/outflow.1']);
    expect(pkg.files).toContain('man');
    expect(pkg.bin.outflow).toBe('bin/outflow.js');
    expect(pkg.files).toContain('bin');
  });
});
