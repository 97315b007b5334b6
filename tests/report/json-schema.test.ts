/**
 * The JSON renderer and report/schema.json, checked with Ajv (draft 2020-12, strict): the fixture validates,
 * broken copies fail, and the schema's enums are the assessment vocabulary's lists.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  PERSONAL_DATA_LEVELS,
  POLICY_OUTCOMES,
  RISKS,
  SCOPES,
  TRANSFERS,
} from '../../src/core/assessment-vocabulary.js';
import { renderJson } from '../../src/report/json/json-renderer.js';
import { REPORT_SCHEMA_VERSION } from '../../src/report/model.js';
import schema from '../../src/report/schema.json' with { type: 'json' };
import { reportFixture } from '../fixtures/report-fixture.js';

type Node = Record<string, unknown>;
const ROOT = schema as unknown as Node;
const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

/** Every schema violation of `value`, as "path: message" (Ajv, the validator report loading uses too). */
function check(value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => {
    const params = e.params as Record<string, unknown>;
    const extra = e.keyword === 'additionalProperties' ? ` ${String(params.additionalProperty)}` : '';
    return `${e.instancePath || '/'}: ${e.message ?? e.keyword}${extra}`;
  });
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
    expect(errors).toContain('/destinations/0/risk: must be equal to one of the allowed values');
    expect(errors).toContain("/destinations/1: must have required property 'transfer'");
    expect(errors).toContain('/summary/flows: must be integer');
    expect(errors).toContain('/metadata: must NOT have additional properties extra');
    expect(errors.some((e) => e.startsWith('/metadata/inputs/0/sha256'))).toBe(true);
    expect(errors).toContain('/destinations/2/ports/0/port: must be <= 65535');
  });

  it('enumerates exactly the assessment vocabulary (core/assessment-vocabulary.ts)', () => {
    const defs = ROOT.$defs as Record<string, { enum?: unknown[] }>;
    expect(defs.transfer?.enum).toEqual([...TRANSFERS]);
    expect(defs.personalData?.enum).toEqual([...PERSONAL_DATA_LEVELS]);
    expect(defs.risk?.enum).toEqual([...RISKS]);
    expect(defs.policyOutcome?.enum).toEqual([...POLICY_OUTCOMES]);
    expect(defs.scope?.enum).toEqual([...SCOPES]);
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
    expect(out.split('\n')[1]).toBe('  "schemaVersion": "1.3.0",');
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
