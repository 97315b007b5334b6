/**
 * Groupers for the audit tests: the shipped GeoIP databases and catalog, no internal ranges, legal facts as of
 * 2026-11-29. The databases are opened once per factory; each call gives a fresh grouper (with the shipped
 * catalog, or the one given).
 */
import { DestinationFactsResolver } from '../../src/audit/destination-facts.js';
import { FlowGrouper } from '../../src/audit/group-flows.js';
import { defaultGeoipDir } from '../../src/audit/run-audit.js';
import { AddressClassifier } from '../../src/enrich/addresses/classify.js';
import { Catalog } from '../../src/enrich/catalog/catalog.js';
import { shippedCatalogFiles } from '../../src/enrich/catalog/load.js';
import { GeoResolver } from '../../src/enrich/geo/geo-resolver.js';

export type GrouperFactory = (catalog?: Catalog) => FlowGrouper;

export async function grouperFactory(): Promise<GrouperFactory> {
  const geo = await GeoResolver.open([defaultGeoipDir()]);
  const facts = new DestinationFactsResolver(geo, new AddressClassifier([]), '2026-11-29');
  const shipped = Catalog.load(shippedCatalogFiles());
  return (catalog = shipped) => new FlowGrouper(facts, catalog);
}
