/**
 * The imported rules and owner table rebuilt from the locked sources (data/sources) as if no hand-curated catalog
 * file existed: what the maintained public sources alone say. The shipped imports cannot show that for names a
 * curated file already has, because a curated rule wins and the import leaves the name out.
 */
import { basename } from 'node:path';
import { Catalog } from '../../enrich/catalog/catalog.js';
import type { CatalogFile } from '../../enrich/catalog/types.js';
import { DomainOwners, type DomainOwnersFile } from '../../enrich/owners/domain-owners.js';
import { buildImport, OWNERS_FILE } from '../catalog-import/build.js';
import { readImportInputs } from '../catalog-import/inputs.js';

export function rebuiltImports(root: string): { catalog: Catalog; owners: DomainOwners } {
  const { files } = buildImport({ ...readImportInputs(root), curated: [] });
  const parts: { file: string; catalog: CatalogFile }[] = [];
  let owners: DomainOwnersFile = { updated: '', owners: [] };
  for (const [rel, text] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (rel === OWNERS_FILE) owners = JSON.parse(text) as DomainOwnersFile;
    else parts.push({ file: basename(rel), catalog: JSON.parse(text) as CatalogFile });
  }
  return { catalog: Catalog.fromCatalogs(parts), owners: new DomainOwners(owners) };
}
