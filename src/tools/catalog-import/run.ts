/**
 * `npm run catalog:import`: rebuilds data/catalog/imported-*.json and data/owners/domain-owners.json from the
 * locked raw sources under data/sources, offline. Prints the names each output gains and loses.
 *   --check         rebuild into a temporary directory; exit 1 when a shipped output differs byte for byte
 *   --root DIR      package root (default: the current directory)
 *   --lock ID --file PATH --url URL --licence L --retrieved YYYY-MM-DD [--version V] [--notes N] [--manifest]
 *                   record a download in data/sources/sources.lock.json (PATH relative to data/sources; with
 *                   --manifest PATH is a directory and its SHA256SUMS is written and locked)
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { LOCK_FILE, readLock, SOURCES_DIR, sha256, writeLock } from '../sources/source-lock.js';
import { buildImport, type ImportReport } from './build.js';
import { diffOutput } from './diff.js';
import { readImportInputs, writeManifest } from './inputs.js';

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function lockSource(root: string, values: Record<string, string | boolean | undefined>): void {
  const need = ['lock', 'file', 'url', 'licence', 'retrieved'] as const;
  for (const k of need) if (typeof values[k] !== 'string') throw new Error(`--lock needs --${need.join(', --')}`);
  const str = (k: string): string => String(values[k]);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(str('retrieved'))) throw new Error('--retrieved must be YYYY-MM-DD');
  const file = values.manifest === true ? writeManifest(root, str('file')) : str('file');
  const bytes = readFileSync(join(root, SOURCES_DIR, file));
  // Re-read just before writing: another importer (cloud ranges) records its sources in the same file.
  const lock = readLock(root);
  const others = lock.sources.filter((s) => s.id !== str('lock'));
  const entry = {
    id: str('lock'),
    usedBy: typeof values['used-by'] === 'string' ? str('used-by') : 'catalog',
    url: str('url'),
    retrieved: str('retrieved'),
    ...(typeof values.version === 'string' ? { version: str('version') } : {}),
    licence: str('licence'),
    file,
    sha256: sha256(bytes),
    ...(typeof values.notes === 'string' ? { notes: str('notes') } : {}),
  };
  writeLock(root, { lockVersion: 1, sources: [...others, entry] });
  console.log(`${LOCK_FILE}: ${entry.id} -> ${file} (${entry.sha256})`);
}

function printReport(report: ImportReport): void {
  const o = report.owners;
  console.log(
    `owners: ${o.domains} registrable domains from ${o.lists} lists; ${o.notRegistrable} entries not registrable domains skipped; ${o.trackersUsed} exact hosts tagged @ads (trackers a company uses) skipped; ${o.skippedPatterns} regexp/keyword lines skipped; ${o.badLines} bad lines`,
  );
  if (o.conflicts.length > 0)
    console.log(
      `owners: ${o.conflicts.length} domains claimed by two owners, left out:\n  ${o.conflicts.join('\n  ')}`,
    );
  if (o.missingLists.length > 0) console.log(`v2fly lists not in the locked input: ${o.missingLists.join(', ')}`);
  if (o.cycles.length > 0) console.log(`v2fly include cycles cut: ${o.cycles.join('; ')}`);
  for (const [file, c] of Object.entries(report.files))
    console.log(`${file}: ${c.rules} rules, ${c.names} names, ${c.suffixes} suffixes, ${c.cidrs} cidrs`);
  console.log(
    `left out: ${report.curatedWins} already in hand-curated rules, ${report.duplicates} already imported from a more specific source`,
  );
  if (report.coveredBySuffix > 0)
    console.log(`  of which ${report.coveredBySuffix} list entries under a suffix a more specific rule already has`);
  if (report.missingFiles.length > 0)
    console.log(`list files missing or unreadable: ${report.missingFiles.join(', ')}`);
  const skipped = Object.entries(report.skippedHosts).map(([k, v]) => `${k} ${v}`);
  if (skipped.length > 0) console.log(`host patterns skipped: ${skipped.join(', ')}`);
  if (report.unmappedAreas.length > 0)
    console.log(`areas with no category mapping (imported as other): ${report.unmappedAreas.join(', ')}`);
  if (report.badRows > 0) console.log(`table rows not understood: ${report.badRows}`);
}

function main(): number {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean' },
      root: { type: 'string' },
      lock: { type: 'string' },
      file: { type: 'string' },
      url: { type: 'string' },
      licence: { type: 'string' },
      retrieved: { type: 'string' },
      version: { type: 'string' },
      notes: { type: 'string' },
      'used-by': { type: 'string' },
      manifest: { type: 'boolean' },
    },
  });
  const root = values.root ?? process.cwd();
  if (values.lock !== undefined) {
    lockSource(root, values);
    return 0;
  }
  const { files, report } = buildImport(readImportInputs(root));
  printReport(report);
  const target = values.check === true ? mkdtempSync(join(tmpdir(), 'catalog-import-')) : root;
  let differs = 0;
  for (const [rel, text] of files) {
    const shippedText = readOrNull(join(root, rel));
    const d = diffOutput(shippedText, text);
    const same = shippedText === text;
    if (!same) differs++;
    console.log(`${rel}: ${same ? 'unchanged' : `+${d.added.length} -${d.removed.length}`}`);
    for (const p of d.added.slice(0, 50)) console.log(`  + ${p}`);
    if (d.added.length > 50) console.log(`  + ... ${d.added.length - 50} more`);
    for (const p of d.removed.slice(0, 50)) console.log(`  - ${p}`);
    if (d.removed.length > 50) console.log(`  - ... ${d.removed.length - 50} more`);
    mkdirSync(dirname(join(target, rel)), { recursive: true });
    writeFileSync(join(target, rel), text);
  }
  // A generated file the import no longer makes would ship stale rules.
  const catalogDir = join(root, 'data', 'catalog');
  const stale = existsSync(catalogDir)
    ? readdirSync(catalogDir).filter((f) => /^imported-.*\.json$/.test(f) && !files.has(`data/catalog/${f}`))
    : [];
  for (const f of stale) console.log(`data/catalog/${f}: no longer generated; delete it`);
  if (values.check === true) {
    const bad = differs + stale.length;
    console.log(
      bad === 0
        ? 'check: shipped outputs match the locked sources'
        : `check: ${bad} shipped outputs differ (rebuilt in ${target})`,
    );
    return bad === 0 ? 0 : 1;
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`catalog:import: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
