/**
 * Issue #21 item 6: `npm pack` ships what a user runs and nothing a developer alone runs. The real
 * `npm pack --dry-run --json` lists the tarball; nothing in it may match the forbidden list, and every file the
 * CLI can load (import-graph.ts, from bin/outflow.js) must be in it, with the data, databases and man page.
 * ~7 s of CPU (npm gzips the 18 MB of GeoIP databases to list them), so it runs with OUTFLOW_PACKAGE_TESTS=1, as
 * .ci/run sets it.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../e2e/helpers.js';
import { runtimeImportGraph } from './import-graph.js';
import { FORBIDDEN_IN_PACKAGE } from './package-rules.js';

const enabled = process.env.OUTFLOW_PACKAGE_TESTS === '1';

describe.skipIf(!enabled)('npm pack (OUTFLOW_PACKAGE_TESTS=1)', () => {
  it('lists only what a user runs, and all of it', { timeout: 180_000 }, () => {
    // --ignore-scripts: dist/ is built already (pretest); prepare would build it again.
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    expect(r.status, r.stderr).toBe(0);
    const [listing] = JSON.parse(r.stdout) as { files: { path: string }[] }[];
    const files = new Set((listing?.files ?? []).map((f) => f.path));

    const forbidden = [...files].filter((f) => FORBIDDEN_IN_PACKAGE.some((re) => re.test(f)));
    expect(forbidden).toEqual([]);

    const graph = runtimeImportGraph(repoRoot);
    expect(graph.missing).toEqual([]);
    const absent = graph.files.filter((f) => !f.endsWith('package.json') && !files.has(f));
    expect(absent).toEqual([]);

    for (const f of ['package.json', 'README.md', 'LICENSE', 'man/outflow.1', 'geoip-data/manifest.json']) {
      expect(files.has(f), f).toBe(true);
    }
    for (const dir of ['data/catalog', 'data/cloud', 'data/ecs', 'data/geo', 'data/owners', 'geoip-data']) {
      for (const name of readdirSync(join(repoRoot, dir)))
        expect(files.has(`${dir}/${name}`), `${dir}/${name}`).toBe(true);
    }
  });
});
