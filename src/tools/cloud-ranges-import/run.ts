/**
 * `npm run cloud:import [-- --check]`: rebuilds data/cloud/cloud-ranges.json from the locked raw files in
 * data/sources. With --check it writes nothing and exits 1 when the shipped table differs byte for byte.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packageRoot } from '../../core/package-root.js';
import { CLOUD_TABLE_FILE, importCloudRanges } from './import.js';

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const root = packageRoot();
  const { text, stats } = importCloudRanges(root);
  for (const [id, s] of Object.entries(stats.perSource)) {
    const kinds = Object.entries(s.byKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    process.stderr.write(`${id}: ${s.written} prefixes (${kinds})${s.skipped > 0 ? `, ${s.skipped} skipped` : ''}\n`);
  }
  if (stats.yielded > 0) {
    process.stderr.write(
      `${stats.yielded} worldwide prefixes dropped inside a regional or anycast prefix of an earlier source\n`,
    );
  }
  if (stats.crossSourceDuplicates > 0) {
    process.stderr.write(`${stats.crossSourceDuplicates} prefixes in two sources: the first source kept\n`);
  }
  const path = join(root, CLOUD_TABLE_FILE);
  if (check) {
    const shipped = existsSync(path) ? readFileSync(path, 'utf8') : null;
    if (shipped !== text) {
      process.stderr.write(`${CLOUD_TABLE_FILE} differs from a fresh import: run npm run cloud:import\n`);
      return 1;
    }
    process.stderr.write(`${CLOUD_TABLE_FILE} is reproduced byte for byte\n`);
    return 0;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  process.stderr.write(`wrote ${CLOUD_TABLE_FILE} (${text.length} bytes)\n`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`cloud:import: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
