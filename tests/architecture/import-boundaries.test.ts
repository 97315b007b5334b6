/**
 * The import boundaries of .dependency-cruiser.cjs (also run by `npm run lint`): src/ has no cycle between
 * folders and no import against the pipeline's direction, and the rules do catch one when it is there.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cruise, type IConfiguration } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../e2e/helpers.js';

const config = createRequire(import.meta.url)(join(repoRoot, '.dependency-cruiser.cjs')) as IConfiguration;

async function violations(dir: string, tsConfig?: string): Promise<string[]> {
  const result = await cruise(['src'], {
    baseDir: dir,
    ruleSet: config,
    validate: true,
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    ...(tsConfig === undefined ? {} : { tsConfig: { fileName: tsConfig } }),
  });
  const output = result.output;
  if (typeof output === 'string') throw new Error('expected a cruise result object');
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

describe('import boundaries', () => {
  it('hold for src/ (no folder cycle, no import against the pipeline)', async () => {
    expect(await violations(repoRoot, join(repoRoot, 'tsconfig.build.json'))).toEqual([]);
  });

  const fixture = mkdtempSync(join(tmpdir(), 'outflow-boundaries-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it('catch a cycle between folders and an analysis module importing a renderer', async () => {
    const write = (file: string, text: string): void => {
      mkdirSync(join(fixture, file, '..'), { recursive: true });
      writeFileSync(join(fixture, file), text);
    };
    write('src/enrich/a.js', "import { b } from '../assess/b.js';\nexport const a = () => b;\n");
    write('src/assess/b.js', "import { a } from '../enrich/a.js';\nexport const b = () => a;\n");
    write('src/flows/c.js', "import { r } from '../report/r.js';\nexport const c = r;\n");
    write('src/report/r.js', 'export const r = 1;\n');
    const found = await violations(fixture);
    expect(found.some((v) => v.startsWith('no-folder-cycles:'))).toBe(true);
    expect(found).toContain('analysis-not-on-output: src/flows/c.js → src/report/r.js');
  });
});
