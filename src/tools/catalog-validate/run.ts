/**
 * `npm run catalog:validate`: how often decideEndpoint names the right vendor and category for names it was not
 * built from. Holds out a deterministic 20 % of every catalog file's names and suffixes and of the domain-owner
 * table's domains (holdout.ts), builds the catalog and the owner table without them, and scores the decisions
 * for the held-out names against their source's labels. Then scores the independent reference list
 * (../shared/reference/telemetry-endpoints.csv, when present) with the shipped data, and the name patterns'
 * precision on every labelled name. Prints the figures; data/catalog/README.md keeps the latest.
 *   --misses N   print up to N disagreements per measurement
 *   --root DIR   package root (default: the one this module belongs to)
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { Catalog } from '../../enrich/catalog/catalog.js';
import { packageRoot, readCatalogFile, shippedCatalogFiles } from '../../enrich/catalog/load.js';
import { categoryByName, NAME_PATTERNS } from '../../enrich/catalog/name-patterns.js';
import type { CatalogFile } from '../../enrich/catalog/types.js';
import { DomainOwners, type DomainOwnersFile } from '../../enrich/owners/domain-owners.js';
import { HOLDOUT_SHARE, type LabelledName, splitCatalog, splitOwners } from './holdout.js';
import { type Agreement, measure, percent } from './measure.js';
import { rebuiltImports } from './rebuilt.js';
import { referenceItems } from './reference.js';

const { values } = parseArgs({ options: { misses: { type: 'string' }, root: { type: 'string' } } });
const keepMisses = values.misses === undefined ? 0 : Number(values.misses);
const root = values.root ?? packageRoot();

const files = shippedCatalogFiles(root).map((f) => ({ file: basename(f), catalog: readCatalogFile(f) }));
const ownersPath = join(root, DomainOwners.SHIPPED_FILE);
const ownersFile: DomainOwnersFile = existsSync(ownersPath)
  ? (JSON.parse(readFileSync(ownersPath, 'utf8')) as DomainOwnersFile)
  : { updated: '', owners: [] };

const train: { file: string; catalog: CatalogFile }[] = [];
const heldOutRules: LabelledName[] = [];
for (const { file, catalog } of files) {
  const split = splitCatalog(file, catalog);
  train.push({ file, catalog: split.train });
  heldOutRules.push(...split.heldOut);
}
const ownersSplit = splitOwners(ownersFile);
const trainCatalog = Catalog.fromCatalogs(train);
const trainOwners = new DomainOwners(ownersSplit.train);
const fullCatalog = Catalog.fromCatalogs(files);
const fullOwners = new DomainOwners(ownersFile);

const line = (label: string, a: Agreement, withCategory = true): void => {
  const vendor = `vendor ${percent(a.vendorRight, a.names)} (decided ${a.vendorDecided}, right when decided ${percent(a.vendorRight, a.vendorDecided)})`;
  const category = withCategory
    ? `; category ${percent(a.categoryRight, a.categoryLabelled)} (decided ${a.categoryDecided})`
    : '';
  console.log(`${label}: ${a.names} names; ${vendor}${category}`);
  const bases = Object.entries(a.byBasis)
    .sort()
    .map(([k, v]) => `${k} ${v.right}/${v.decided}`)
    .join(', ');
  if (bases.length > 0) console.log(`  by vendor basis (right/decided): ${bases}`);
  const patterns = Object.entries(a.byPattern)
    .sort()
    .map(([k, v]) => `${k} ${v.right}/${v.decided}`)
    .join(', ');
  if (patterns.length > 0) console.log(`  category hints (right/decided): ${patterns}`);
  const byFile = Object.entries(a.byFile)
    .sort()
    .map(([k, v]) => `${k} ${v.right}/${v.decided}`)
    .join(', ');
  if (byFile.length > 0) console.log(`  category from a rule, by file (right/decided): ${byFile}`);
  for (const m of a.misses) console.log(`  miss: ${m}`);
};
const opts = { keepMisses };
const noPatterns = { keepMisses: 0, namePatterns: [], siblings: false };

console.log(
  `catalog: ${fullCatalog.size} rules in ${files.length} files; owners: ${fullOwners.size} domains; held out ${HOLDOUT_SHARE * 100} % by SHA-256 of the name`,
);
const exact = heldOutRules.filter((i) => i.kind === 'exact');
const bases = heldOutRules.filter((i) => i.kind === 'suffix-base');
line(
  'held-out catalog names (catalog and owners without the held-out part)',
  measure(exact, trainCatalog, trainOwners, opts),
);
line('  same, without sibling rules and name patterns', measure(exact, trainCatalog, trainOwners, noPatterns));
// The owner table is not built from catalog names: with all of it, this is a name the catalog never saw.
line(
  'held-out catalog names (catalog without them, whole owner table)',
  measure(exact, trainCatalog, fullOwners, opts),
);
line('held-out catalog suffixes (their domain as a name)', measure(bases, trainCatalog, trainOwners, opts));
line('held-out owner-table domains', measure(ownersSplit.heldOut, trainCatalog, trainOwners, opts), false);

const referencePath = join(root, '..', 'shared', 'reference', 'telemetry-endpoints.csv');
const reference = existsSync(referencePath) ? referenceItems(readFileSync(referencePath, 'utf8')) : null;
if (reference === null) console.log('reference list: not present (../shared/reference/telemetry-endpoints.csv)');
else {
  console.log(`reference list: ${reference.items.length} rows (${reference.skipped} without a testable name)`);
  line('reference, shipped catalog and owners', measure(reference.items, fullCatalog, fullOwners, opts));
  // The hand-written catalog files were seeded from this list; the imported files and the owner table were not.
  const imported = Catalog.fromCatalogs(files.filter((f) => f.file.startsWith('imported-')));
  line('reference, imported rules and owners only', measure(reference.items, imported, fullOwners, opts));
  line(
    'reference, owners and name patterns only',
    measure(reference.items, Catalog.fromCatalogs([]), fullOwners, opts),
  );
  // The shipped imported files leave out every name a curated rule has (curated rules win), and the curated files
  // were seeded from this list: so the line above cannot show what the maintained sources know of it. Here the
  // import is rebuilt from the locked sources as if there were no curated file, with the owner table it makes.
  const rebuilt = rebuiltImports(root);
  line(
    'reference, imports rebuilt from the locked sources without the curated files, and their owners',
    measure(reference.items, rebuilt.catalog, rebuilt.owners, opts),
  );
}

// Each name pattern's precision on every labelled name it fires on (catalog rules and the reference list): the
// table is not built from these names, so all of them are fair test data.
const labelled: LabelledName[] = [
  ...files.flatMap(({ file, catalog }) => splitCatalog(file, catalog, 1).heldOut),
  ...(reference?.items ?? []),
];
const byPattern = new Map<string, { right: number; decided: number; category: string }>();
for (const item of labelled) {
  if (item.category === null || item.kind !== 'exact') continue;
  const hit = categoryByName(item.name);
  if (hit === null) continue;
  const slot = byPattern.get(hit.pattern) ?? { right: 0, decided: 0, category: hit.category };
  slot.decided++;
  if (hit.category === item.category) slot.right++;
  byPattern.set(hit.pattern, slot);
}
console.log('name-pattern precision on every labelled exact name (right/fired):');
for (const p of NAME_PATTERNS) {
  const s = byPattern.get(p.pattern);
  console.log(`  ${p.pattern} -> ${p.category}: ${s === undefined ? 'never fired' : percent(s.right, s.decided)}`);
}
