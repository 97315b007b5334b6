import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../../src/enrich/catalog/catalog.js';
import { packageRoot, shippedCatalogFiles } from '../../../src/enrich/catalog/load.js';
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

  it('rates sibling hosts of one purpose alike (CrowdStrike download servers in every cloud)', () => {
    const catalog = Catalog.load(files);
    const clouds = ['lanner-lion', 'b', 'gyr-maverick'];
    const ratings = clouds.map((c) => catalog.match([`lfodown01-${c}.cloudsink.net`])?.rule.personalData.rating);
    expect(ratings).toEqual(['possible', 'possible', 'possible']);
  });
});
