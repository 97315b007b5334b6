/**
 * The shipped generated files are exactly what the import makes from the locked raw sources: the proof that the
 * catalog's imported part and the owner table reproduce byte for byte (and that nobody edited them by hand).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/enrich/catalog/load.js';
import { buildImport } from '../../../src/tools/catalog-import/build.js';
import { readImportInputs } from '../../../src/tools/catalog-import/inputs.js';

describe('catalog import reproduces the shipped files', () => {
  const root = packageRoot();
  const { files, report } = buildImport(readImportInputs(root));

  it('makes the owner table and the imported rule files', () => {
    expect([...files.keys()].sort()).toEqual([
      'data/catalog/imported-firefox.json',
      'data/catalog/imported-hagezi.json',
      'data/catalog/imported-misp.json',
      'data/catalog/imported-ms365.json',
      'data/catalog/imported-v2fly.json',
      'data/catalog/imported-vendor-code.json',
      'data/catalog/imported-vendor-docs.json',
      'data/catalog/imported-windows11-editions.json',
      'data/catalog/imported-windows11.json',
      'data/owners/domain-owners.json',
    ]);
  });

  for (const [rel, text] of files) {
    it(`${rel} is byte for byte the import's output`, () => {
      expect(readFileSync(join(root, rel), 'utf8')).toBe(text);
    });
  }

  it('is deterministic', () => {
    const again = buildImport(readImportInputs(root));
    expect(again.files).toEqual(files);
  });

  it('owner table holds only registrable domains, each once', () => {
    const owners = JSON.parse(files.get('data/owners/domain-owners.json') ?? '{}') as {
      owners: { owner: string; domains: string[] }[];
    };
    const all = owners.owners.flatMap((o) => o.domains);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toContain('google.com');
    expect(all).not.toContain('azurewebsites.net');
    expect(all).not.toContain('cloudfront.net');
    expect(report.owners.notRegistrable).toBeGreaterThan(0);
  });
});
