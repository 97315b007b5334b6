import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../../src/enrich/catalog/catalog.js';
import { catalogFileLabel, packageRoot, shippedCatalogFiles } from '../../../src/enrich/catalog/load.js';
import type { CatalogFile } from '../../../src/enrich/catalog/types.js';
import { validateCatalog } from '../../../src/enrich/catalog/validate.js';

const files = shippedCatalogFiles(packageRoot());
const parsed = files.map((file) => ({ file, data: JSON.parse(readFileSync(file, 'utf8')) as CatalogFile }));
const rules = parsed.flatMap(({ data }) => data.rules);

describe('shipped catalog', () => {
  it('has several files and every one validates against the schema', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const { file, data } of parsed) {
      const result = validateCatalog(data);
      expect(result.ok ? [] : result.errors, basename(file)).toEqual([]);
    }
  });

  it('has at least 400 rules and no duplicate ids across files', () => {
    expect(rules.length).toBeGreaterThanOrEqual(400);
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every rule a source URL and a verification date, or flags it unverified (a minority)', () => {
    for (const rule of rules) {
      expect(rule.source, rule.id).toMatch(/^https?:\/\/\S+$/);
      if (rule.confidence === 'unverified') expect(rule.verified, rule.id).toBeUndefined();
      else expect(rule.verified, rule.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const unverified = rules.filter((r) => r.confidence === 'unverified').length;
    expect(unverified / rules.length).toBeLessThan(0.3);
  });

  it('never lists one exact name in two rules (precedence would depend on load order)', () => {
    const seen = new Map<string, string>();
    for (const rule of rules) {
      for (const name of rule.match.names ?? []) {
        expect(seen.get(name), `${name} in ${rule.id}`).toBeUndefined();
        seen.set(name, rule.id);
      }
    }
  });

  it('matches the endpoints a DPIA starts from', () => {
    const catalog = Catalog.load(files);
    expect(catalog.match(['nexus.officeapps.live.com'])?.rule.id).toBe('microsoft.office.nexus');
    expect(catalog.match(['v10.events.data.microsoft.com'])?.rule.category).toBe('telemetry');
    const eu = catalog.match(['eu-v10.events.data.microsoft.com']);
    expect(eu?.rule.region).toBe('eu');
    expect(eu?.matchKind).toBe('exact');
    const office = catalog.match(['self-abc.events.data.microsoft.com']);
    expect(office?.matchKind).toBe('suffix');
    expect(office?.rule.id).toBe('microsoft.onecollector.events');
    expect(catalog.match(['o123.ingest.de.sentry.io'])?.rule.region).toBe('eu');
    expect(catalog.match(['www.msftconnecttest.com'])?.rule.category).toBe('connectivity-check');
    expect(catalog.match(['example.invalid'])).toBeNull();
  });

  it('covers endpoint-security clouds per region, from their vendors’ network-requirement pages', () => {
    const catalog = Catalog.load(files);
    const eu = catalog.match(['dev-prod06.conferdeploy.net']);
    expect(eu?.rule.id).toBe('carbonblack.prod06.sensor');
    expect(eu?.rule.region).toBe('eu');
    expect(eu?.rule.personalData.rating).toBe('likely');
    expect(catalog.match(['distributions.traps.paloaltonetworks.com'])?.matchKind).toBe('exact');
    const tenant = catalog.match(['ch-acme.traps.paloaltonetworks.com']);
    expect(tenant?.matchKind).toBe('suffix');
    expect(tenant?.rule.id).toBe('paloalto.cortex-xdr.traps-zone');
    expect(catalog.match(['rmde01.awmdm.com'])?.rule.region).toBe('eu');
    expect(catalog.match(['ent-shasta-rrs.symantec.com'])?.rule.confidence).toBe('documented');
  });

  it('covers PC-vendor agents: documented hosts by name, company domains by suffix with a modest rating', () => {
    const catalog = Catalog.load(files);
    const intel = catalog.match(['clr.telemetry.intel.com']);
    expect(intel?.rule.id).toBe('intel.clear-linux.telemetrics');
    expect(intel?.rule.category).toBe('telemetry');
    expect(intel?.rule.confidence).toBe('documented');
    const metrics = catalog.match(['chifsr.lenovomm.com']);
    expect(metrics?.matchKind).toBe('exact');
    expect(metrics?.rule.category).toBe('telemetry');
    expect(catalog.match(['filedownload.csw.lenovo.com'])?.rule.category).toBe('update');
    // A company-domain list gives ownership only: the suffix rule stays `other` / `possible` at most.
    const web = catalog.match(['pcsupport.lenovo.com']);
    expect(web?.matchKind).toBe('suffix');
    expect(web?.rule.id).toBe('lenovo.domain.lenovo-com');
    expect(web?.rule.category).toBe('other');
    expect(web?.rule.personalData.rating).toBe('possible');
    // The documented HP Insight Remote Support host still wins over the *.hp.com ownership rule.
    expect(catalog.match(['services.isee.hp.com'])?.rule.id).toBe('hp.services-isee-hp-com');
    expect(catalog.match(['support.hp.com'])?.rule.id).toBe('hp.domain.hp-com');
    expect(catalog.match(['events.gfe.nvidia.com'])?.rule.category).toBe('telemetry');
  });

  it('places Trend Vision One sites by the region Trend Micro documents (Germany site is eu)', () => {
    const catalog = Catalog.load(files);
    expect(catalog.match(['portal.eu.xdr.trendmicro.com'])?.rule.region).toBe('eu');
    expect(catalog.match(['api.eu.xdr.trendmicro.com'])?.rule.region).toBe('eu');
    expect(catalog.match(['api.xdr.trendmicro.com'])?.rule.region).toBe('us');
    expect(catalog.match(['portal.uk.xdr.trendmicro.com'])?.rule.region).toBe('uk');
  });

  it('rates sibling hosts of one purpose alike (CrowdStrike download servers in every cloud)', () => {
    const catalog = Catalog.load(files);
    const clouds = ['lanner-lion', 'b', 'gyr-maverick'];
    const ratings = clouds.map((c) => catalog.match([`lfodown01-${c}.cloudsink.net`])?.rule.personalData.rating);
    expect(ratings).toEqual(['possible', 'possible', 'possible']);
  });

  it('names shipped files relative to the package, and the files of the user as given', () => {
    const catalog = Catalog.load(files);
    expect(catalog.files.map((f) => f.file)).toEqual(files.map((f) => `data/catalog/${basename(f)}`));
    expect(catalog.rules().every((r) => r.file.startsWith('data/catalog/'))).toBe(true);
    const root = packageRoot();
    expect(catalogFileLabel('/etc/outflow/rules.json', root)).toBe('/etc/outflow/rules.json');
    expect(catalogFileLabel('my-rules.json', root)).toBe('my-rules.json');
    // Another file beside the package, not in its catalog directory, keeps its path.
    expect(catalogFileLabel(join(root, 'my-rules.json'), root)).toBe(join(root, 'my-rules.json'));
  });
});
