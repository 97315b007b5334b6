/**
 * The JSON renderer and report/schema.json. No JSON Schema library is installed, so a minimal checker for the
 * keywords our schema uses ($ref to $defs, type, const, enum, required, properties, additionalProperties,
 * items, minimum, maximum, pattern) validates the fixture recursively; broken copies must fail.
 */
import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json/json-renderer.js';
import { REPORT_SCHEMA_VERSION } from '../../src/report/model.js';
import schema from '../../src/report/schema.json' with { type: 'json' };
import { reportFixture } from '../fixtures/report-fixture.js';

type Node = Record<string, unknown>;
const ROOT = schema as unknown as Node;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function validate(value: unknown, node: Node, path: string, errors: string[]): void {
  if (typeof node.$ref === 'string') {
    const target = (ROOT.$defs as Record<string, Node>)[node.$ref.replace('#/$defs/', '')];
    if (target === undefined) errors.push(`${path}: unresolved ${node.$ref}`);
    else validate(value, target, path, errors);
    return;
  }
  const t = typeOf(value);
  if (node.type !== undefined) {
    const types = Array.isArray(node.type) ? node.type : [node.type];
    const ok = types.includes(t) || (t === 'integer' && types.includes('number'));
    if (!ok) return void errors.push(`${path}: type ${t}, expected ${types.join('|')}`);
  }
  if ('const' in node && value !== node.const) errors.push(`${path}: not const ${String(node.const)}`);
  if (Array.isArray(node.enum) && !node.enum.includes(value)) errors.push(`${path}: ${String(value)} not in enum`);
  if (typeof value === 'number') {
    if (typeof node.minimum === 'number' && value < node.minimum) errors.push(`${path}: below minimum`);
    if (typeof node.maximum === 'number' && value > node.maximum) errors.push(`${path}: above maximum`);
  }
  if (typeof value === 'string' && typeof node.pattern === 'string' && !new RegExp(node.pattern, 'u').test(value)) {
    errors.push(`${path}: does not match ${node.pattern}`);
  }
  if (t === 'array' && node.items !== undefined) {
    (value as unknown[]).forEach((v, i) => void validate(v, node.items as Node, `${path}[${i}]`, errors));
  }
  if (t === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of (node.required as string[] | undefined) ?? []) {
      if (!(key in obj)) errors.push(`${path}: missing ${key}`);
    }
    const props = (node.properties as Record<string, Node> | undefined) ?? {};
    for (const [key, v] of Object.entries(obj)) {
      if (key in props) validate(v, props[key] as Node, `${path}.${key}`, errors);
      else if (node.additionalProperties === false) errors.push(`${path}: unexpected ${key}`);
      else if (typeof node.additionalProperties === 'object') {
        validate(v, node.additionalProperties as Node, `${path}.${key}`, errors);
      }
    }
  }
}

function check(value: unknown): string[] {
  const errors: string[] = [];
  validate(value, ROOT, '$', errors);
  return errors;
}

describe('report schema', () => {
  it('is draft 2020-12 with an $id and the current schema version', () => {
    expect(ROOT.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(String(ROOT.$id)).toContain(REPORT_SCHEMA_VERSION);
    expect((ROOT.properties as Record<string, Node>).schemaVersion?.const).toBe(REPORT_SCHEMA_VERSION);
  });

  it('accepts the fixture report as rendered', () => {
    expect(check(JSON.parse(renderJson(reportFixture())))).toEqual([]);
  });

  it('rejects missing keys, wrong types, bad enums and unknown keys', () => {
    const r = JSON.parse(renderJson(reportFixture()));
    r.destinations[0].risk = 'catastrophic';
    delete r.destinations[1].transfer;
    r.summary.flows = '12';
    r.metadata.extra = true;
    r.metadata.inputs[0].sha256 = 'XYZ';
    r.destinations[2].ports[0].port = 70000;
    const errors = check(r);
    expect(errors).toContain('$.destinations[0].risk: catastrophic not in enum');
    expect(errors).toContain('$.destinations[1]: missing transfer');
    expect(errors).toContain('$.summary.flows: type string, expected integer');
    expect(errors).toContain('$.metadata: unexpected extra');
    expect(errors.some((e) => e.startsWith('$.metadata.inputs[0].sha256'))).toBe(true);
    expect(errors).toContain('$.destinations[2].ports[0].port: above maximum');
  });

  it('describes every key of the model that the fixture uses', () => {
    // Every object in the fixture passes additionalProperties: false, so no model field is undocumented.
    const r = reportFixture();
    r.evidence[0] = { ...r.evidence[0], line: 3, detector: 'email' } as (typeof r.evidence)[0];
    expect(check(JSON.parse(renderJson(r)))).toEqual([]);
  });
});

describe('JSON renderer', () => {
  it('writes the model as is, pretty-printed, with a final newline', () => {
    const out = renderJson(reportFixture());
    expect(JSON.parse(out)).toEqual(reportFixture());
    expect(out.endsWith('}\n')).toBe(true);
    expect(out.split('\n')[1]).toBe('  "schemaVersion": "1.0.0",');
  });

  it('writes keys in model order whatever order the objects were built in', () => {
    const r = reportFixture();
    const shuffled = Object.fromEntries(Object.entries(r).reverse());
    const g = r.destinations[0];
    if (g === undefined) throw new Error('fixture has destinations');
    shuffled.destinations = [Object.fromEntries(Object.entries(g).reverse())];
    const out = JSON.parse(renderJson(shuffled as unknown as typeof r));
    expect(Object.keys(out)).toEqual([
      'schemaVersion',
      'metadata',
      'summary',
      'destinations',
      'evidence',
      'skipped',
      'limitations',
    ]);
    expect(Object.keys(out.destinations[0]).slice(0, 4)).toEqual(['id', 'key', 'names', 'ips']);
    expect(Object.keys(out.summary.byRisk)).toEqual(['high', 'medium', 'low', 'none']);
  });
});
