import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ECS_VERSION, ecsDocument } from '../../src/estate/ecs.js';
import { reportFixture } from '../fixtures/report-fixture.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
type Doc = Record<string, unknown>;

/**
 * The ECS fields the export writes, with their types, from elastic/ecs tag v8.11.0 generated/ecs/ecs_flat.yml
 * (read 2026-11-29). A field missing here is either not ECS (then it belongs under outflow.*) or needs checking.
 */
const ECS_8_11_TYPES: ReadonlyMap<string, string> = new Map([
  ['@timestamp', 'date'],
  ['message', 'match_only_text'],
  ['ecs.version', 'keyword'],
  ['event.kind', 'keyword'],
  ['event.category', 'keyword'],
  ['event.type', 'keyword'],
  ['event.dataset', 'keyword'],
  ['event.module', 'keyword'],
  ['event.start', 'date'],
  ['event.end', 'date'],
  ['event.created', 'date'],
  ['observer.product', 'keyword'],
  ['observer.version', 'keyword'],
  ['destination.domain', 'keyword'],
  ['destination.ip', 'ip'],
  ['destination.port', 'long'],
  ['destination.bytes', 'long'],
  ['destination.packets', 'long'],
  ['destination.geo.country_iso_code', 'keyword'],
  ['destination.geo.city_name', 'keyword'],
  ['destination.geo.location', 'geo_point'],
  ['destination.as.number', 'long'],
  ['destination.as.organization.name', 'keyword'],
  ['source.bytes', 'long'],
  ['source.packets', 'long'],
  ['network.transport', 'keyword'],
  ['network.protocol', 'keyword'],
  ['network.bytes', 'long'],
  ['network.packets', 'long'],
  ['related.ip', 'ip'],
  ['related.hosts', 'keyword'],
  ['rule.id', 'keyword'],
  ['rule.name', 'keyword'],
  ['rule.reference', 'keyword'],
  ['rule.category', 'keyword'],
  ['rule.ruleset', 'keyword'],
  ['rule.version', 'keyword'],
]);
/** ECS 8.11 allowed values: event.kind, and the event.type values expected with event.category "network". */
const EVENT_KINDS = ['alert', 'asset', 'enrichment', 'event', 'metric', 'state', 'pipeline_error'];
const NETWORK_EVENT_TYPES = ['access', 'allowed', 'connection', 'denied', 'end', 'info', 'protocol', 'start'];

const template = JSON.parse(readFileSync(join(repoRoot, 'data/ecs/index-template.json'), 'utf8')) as Doc;
function mappedType(path: string): unknown {
  let node = (template.template as Doc).mappings as Doc | undefined;
  for (const k of path.split('.')) node = (node?.properties as Doc | undefined)?.[k] as Doc | undefined;
  return node?.type;
}

function leafPaths(doc: Doc, prefix = ''): string[] {
  return Object.entries(doc).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && !('lat' in v)
      ? leafPaths(v as Doc, `${prefix}${k}.`)
      : [`${prefix}${k}`],
  );
}

const report = reportFixture();
const docs = report.destinations.map((g) => ecsDocument(g, report));
const base = report.destinations[0];
const protocolOf = (alpn: string[]): unknown =>
  base === undefined ? 'no fixture' : (ecsDocument({ ...base, alpn }, report).network as Doc)?.protocol;

describe(`ECS ${ECS_VERSION} field names and types`, () => {
  it('writes only ECS 8.11 fields outside the outflow namespace', () => {
    for (const p of new Set(docs.flatMap((d) => leafPaths(d)))) {
      if (p.startsWith('outflow.')) continue;
      expect(ECS_8_11_TYPES.has(p), `${p} is not an ECS 8.11 field: put it under outflow.*`).toBe(true);
    }
  });

  it('maps every ECS field in the index template with its ECS type', () => {
    for (const [field, type] of ECS_8_11_TYPES) expect(mappedType(field), field).toBe(type);
    // ECS keyword fields carry ignore_above 1024; the AS organisation name also has a .text multi-field.
    const org = (((template.template as Doc).mappings as Doc).properties as Doc).destination as Doc;
    expect(JSON.stringify(org)).toContain('"name":{"type":"keyword","ignore_above":1024,"fields":{"text"');
  });

  it('uses allowed categorization values', () => {
    for (const d of docs) {
      const event = d.event as Doc;
      expect(EVENT_KINDS).toContain(event.kind);
      expect(event.category).toEqual(['network']);
      for (const t of event.type as string[]) expect(NETWORK_EVENT_TYPES).toContain(t);
      const network = d.network as Doc | undefined;
      if (network?.transport !== undefined) expect(network.transport).toMatch(/^[a-z0-9-]+$/);
    }
  });

  it('names the application protocol only when every offered ALPN id agrees', () => {
    expect(protocolOf(['h2', 'http/1.1'])).toBe('http');
    expect(protocolOf(['h3', 'H2', 'h3-29'])).toBe('http');
    expect(protocolOf(['dot'])).toBe('dns');
    expect(protocolOf(['h2', 'dot'])).toBeUndefined();
    expect(protocolOf(['acme-tls/1'])).toBeUndefined();
    expect(protocolOf([])).toBeUndefined();
  });

  it('keeps the offered ALPN ids under outflow.alpn, not in an ECS field', () => {
    if (base === undefined) throw new Error('fixture');
    const doc = ecsDocument({ ...base, alpn: ['h2', 'http/1.1'] }, report);
    expect((doc.outflow as Doc).alpn).toEqual(['h2', 'http/1.1']);
    expect(mappedType('outflow.alpn')).toBe('keyword');
    expect(doc.tls).toBeUndefined();
  });
});
