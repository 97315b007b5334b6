import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ECS_VERSION, ecsDocument, renderEcs } from '../../src/estate/ecs.js';
import type { Report } from '../../src/report/model.js';
import { hostileReportFixture, reportFixture } from '../fixtures/report-fixture.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
type Doc = Record<string, unknown>;
const at = (doc: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Doc)[k] : undefined), doc);

/** Every leaf path of a document ("destination.geo.country_iso_code"); arrays and geo points are leaves. */
function leafPaths(doc: Doc, prefix = ''): string[] {
  return Object.entries(doc).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && !('lat' in v)
      ? leafPaths(v as Doc, `${prefix}${k}.`)
      : [`${prefix}${k}`],
  );
}

describe('ECS export', () => {
  const report = reportFixture();
  const lines = renderEcs(report).split('\n');

  it('writes one document per destination group, one per line', () => {
    expect(lines.at(-1)).toBe('');
    expect(lines.length - 1).toBe(report.destinations.length);
    for (const l of lines.slice(0, -1)) expect(() => JSON.parse(l)).not.toThrow();
  });

  it('maps a group to the ECS fields', () => {
    const g = report.destinations.find((d) => d.rule !== null && d.operator?.asn != null && d.country !== null);
    if (g === undefined) throw new Error('fixture has no group with rule, AS and country');
    const doc = ecsDocument(g, report);
    expect(at(doc, '@timestamp')).toBe(g.lastSeen);
    expect(at(doc, 'ecs.version')).toBe(ECS_VERSION);
    expect(at(doc, 'event.kind')).toBe(g.risk === 'high' || g.risk === 'medium' ? 'alert' : 'event');
    expect(at(doc, 'event.category')).toEqual(['network']);
    expect(at(doc, 'event.dataset')).toBe('outflow.destination');
    expect(at(doc, 'destination.domain')).toBe(g.names[0]?.name);
    expect(at(doc, 'destination.ip')).toBe(g.ips[0]);
    expect(at(doc, 'destination.geo.country_iso_code')).toBe(g.country);
    expect(at(doc, 'destination.as.number')).toBe(g.operator?.asn);
    expect(at(doc, 'destination.as.organization.name')).toBe(g.operator?.asOrg);
    expect(at(doc, 'source.bytes')).toBe(g.out.bytes);
    expect(at(doc, 'destination.bytes')).toBe(g.in.bytes);
    expect(at(doc, 'network.bytes')).toBe((g.out.bytes ?? 0) + (g.in.bytes ?? 0));
    // The fixture's groups offer only HTTP ALPN ids (or none): ECS network.protocol is the protocol, not the id.
    expect(at(doc, 'network.protocol')).toBe(g.alpn.length > 0 ? 'http' : undefined);
    expect(at(doc, 'outflow.alpn')).toEqual(g.alpn.length > 0 ? g.alpn : undefined);
    expect(at(doc, 'rule.id')).toBe(g.rule?.id);
    expect(at(doc, 'rule.reference')).toBe(g.rule?.source);
    expect(at(doc, 'rule.name')).toBe(`${g.vendor} ${g.product}`);
    expect(at(doc, 'outflow.risk')).toBe(g.risk);
    expect(at(doc, 'outflow.transfer')).toBe(g.transfer);
    expect(at(doc, 'outflow.personal_data')).toBe(g.personalData);
    expect(at(doc, 'outflow.reasons')).toEqual(g.reasons);
  });

  it('marks medium and high risk as alerts, the rest as events', () => {
    const base = report.destinations[0];
    if (base === undefined) throw new Error('fixture');
    for (const [risk, kind] of [
      ['high', 'alert'],
      ['medium', 'alert'],
      ['low', 'event'],
      ['none', 'event'],
    ] as const) {
      expect(at(ecsDocument({ ...base, risk }, report), 'event.kind')).toBe(kind);
    }
  });

  it('leaves unknown values out, and keeps pseudonyms out of ip fields', () => {
    const base = report.destinations[0];
    if (base === undefined) throw new Error('fixture');
    const doc = ecsDocument(
      {
        ...base,
        out: { packets: null, bytes: null },
        in: { packets: null, bytes: null },
        clients: ['c-1a2b3c'],
        rule: null,
      },
      report,
    );
    expect(at(doc, 'network.bytes')).toBeUndefined();
    expect(at(doc, 'source')).toBeUndefined();
    expect(at(doc, 'rule')).toBeUndefined();
    expect(at(doc, 'related.ip')).not.toContain('c-1a2b3c');
    expect(at(doc, 'outflow.clients')).toEqual(['c-1a2b3c']);
  });

  it('keeps hostile strings inside their JSON string, one record per line', () => {
    const hostile: Report = hostileReportFixture();
    const text = renderEcs(hostile);
    expect(text.split('\n').length - 1).toBe(hostile.destinations.length);
    for (const c of ['\u2028', '\u2029', '\u001b']) expect(text.includes(c)).toBe(false);
  });

  it('has every written field mapped in data/ecs/index-template.json', () => {
    const template = JSON.parse(readFileSync(join(repoRoot, 'data/ecs/index-template.json'), 'utf8')) as Doc;
    const mapped = (path: string): boolean => {
      let node = at(template, 'template.mappings') as Doc | undefined;
      for (const k of path.split('.')) {
        node = (node?.properties as Doc | undefined)?.[k] as Doc | undefined;
        if (node === undefined) return false;
      }
      return true;
    };
    const paths = new Set(report.destinations.flatMap((g) => leafPaths(ecsDocument(g, report))));
    for (const p of paths) expect(mapped(p), p).toBe(true);
  });
});
