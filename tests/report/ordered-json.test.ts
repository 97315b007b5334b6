/**
 * OrderedJsonWriter must write exactly what the renderer wrote before it streamed: JSON.stringify of a copy whose
 * keys follow the schema (the reference below is that earlier implementation, kept here as the oracle). Random
 * values cover what JSON treats specially: undefined, functions, NaN, -0, array-index keys, unicode, nesting.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderJson, writeJson } from '../../src/report/json/json-renderer.js';
import {
  compactOrderedObject,
  OrderedJsonWriter,
  REPORT_SCHEMA,
  type SchemaNode,
  schemaDefinition,
} from '../../src/report/json/ordered-json.js';
import { renderNdjson } from '../../src/report/ndjson/ndjson-renderer.js';
import schema from '../../src/report/schema.json' with { type: 'json' };
import { reportFixture } from '../fixtures/report-fixture.js';

const DEFS = (schema as { $defs: Record<string, SchemaNode> }).$defs;

function resolve(node: SchemaNode | undefined): SchemaNode | undefined {
  let current = node;
  for (let i = 0; i < 8 && current?.$ref !== undefined; i++) current = DEFS[current.$ref.replace('#/$defs/', '')];
  return current;
}

/** The earlier renderer's ordering step: a copy with schema keys first, unknown keys after in their order. */
function referenceOrder(value: unknown, node: SchemaNode | undefined): unknown {
  if (value === null || typeof value !== 'object') return value;
  const s = resolve(node);
  if (Array.isArray(value)) return value.map((v) => referenceOrder(v, s?.items));
  const props = s?.properties ?? {};
  const extra = typeof s?.additionalProperties === 'object' ? s.additionalProperties : undefined;
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(props)) {
    const v = src[key];
    if (v !== undefined && Object.hasOwn(src, key)) out[key] = referenceOrder(v, props[key]);
  }
  for (const key of Object.keys(src)) {
    if (!Object.hasOwn(props, key) && src[key] !== undefined) out[key] = referenceOrder(src[key], extra);
  }
  return out;
}

const GROUP = schemaDefinition('destinationGroup');
const GROUP_KEYS = Object.keys(resolve(GROUP)?.properties ?? {});

const leaf = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom('é', '😀', '\u2028', '"', '\\', '\n', '<', '\u0000', '\ud800'), maxLength: 6 }),
  fc.double(),
  fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 5e-7),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(() => 1),
);
/** Keys the schema knows (in any order), array-index keys, and arbitrary ones. */
const key = fc.oneof(
  fc.constantFrom(...GROUP_KEYS),
  fc.constantFrom('0', '1', '10', '2', '007', '4294967294', '4294967295', '-1', '1.5'),
  fc.string({ maxLength: 5 }),
);
const value = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(key, tie('v'), { maxKeys: 6 }),
  ),
})).v;

function written(v: unknown, node: SchemaNode | undefined, pretty: boolean): string {
  const parts: string[] = [];
  const writer = new OrderedJsonWriter((t) => parts.push(t), pretty);
  writer.write(v, node);
  writer.flush();
  return parts.join('');
}

describe('OrderedJsonWriter', () => {
  it('writes the bytes of JSON.stringify over the schema-ordered copy, pretty and compact', () => {
    fc.assert(
      fc.property(value, fc.constantFrom(GROUP, REPORT_SCHEMA, undefined), (v, node) => {
        if (v === undefined || typeof v === 'function') return;
        expect(written(v, node, true)).toBe(JSON.stringify(referenceOrder(v, node), null, 2));
        expect(written(v, node, false)).toBe(JSON.stringify(referenceOrder(v, node)));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes values already in schema order (taken as they are) exactly like the ordered copy', () => {
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 4 }),
        fc.constantFrom(GROUP, REPORT_SCHEMA, undefined),
        (items, node) => {
          // The items as the analysis builds them: in schema order already, inside an array (the path that skips the copy).
          const ordered = { destinations: items.map((v) => referenceOrder(v, node)) };
          const schemaForRoot = { properties: { destinations: { items: node ?? {} } } } as SchemaNode;
          const expected = JSON.stringify(referenceOrder(ordered, schemaForRoot), null, 2);
          expect(written(ordered, schemaForRoot, true)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('compactOrderedObject: compact JSON of the ordered copy, for objects in any order or already ordered', () => {
    const dict = fc.dictionary(key, value, { maxKeys: 8 });
    fc.assert(
      fc.property(dict, fc.constantFrom(GROUP, REPORT_SCHEMA, undefined), (v, node) => {
        const expected = JSON.stringify(referenceOrder(v, node));
        expect(compactOrderedObject(v, node)).toBe(expected);
        expect(compactOrderedObject(referenceOrder(v, node) as object, node)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('does not take an object with a prototype as it is (a Date would serialise through its toJSON)', () => {
    const v = [{ when: new Date(0), a: 1 }];
    expect(written(v, undefined, false)).toBe(JSON.stringify(referenceOrder(v, undefined)));
    expect(written(v, undefined, false)).toBe('[{"when":{},"a":1}]');
  });

  it('orders array-index keys first and ascending, as a rebuilt object would', () => {
    const v = { b: 1, 10: 'ten', a: 2, 2: 'two', '007': 'padded' };
    expect(written(v, undefined, false)).toBe('{"2":"two","10":"ten","b":1,"a":2,"007":"padded"}');
  });

  it('hands big values over in several pieces that join to the whole', () => {
    const big = { items: Array.from({ length: 20_000 }, (_, i) => ({ n: i, text: `item ${i} é` })) };
    const parts: string[] = [];
    const writer = new OrderedJsonWriter((t) => parts.push(t), true);
    writer.write(big, undefined);
    writer.flush();
    expect(parts.length).toBeGreaterThan(5);
    expect(parts.join('')).toBe(JSON.stringify(big, null, 2));
  });
});

describe('JSON and NDJSON renderers', () => {
  const report = reportFixture();

  it('JSON: the ordered copy, pretty-printed, whether streamed or whole', () => {
    const expected = `${JSON.stringify(referenceOrder(report, REPORT_SCHEMA), null, 2)}\n`;
    const parts: string[] = [];
    writeJson(report, (t) => parts.push(t));
    expect(parts.join('')).toBe(expected);
    expect(renderJson(report)).toBe(expected);
  });

  it('NDJSON: one ordered group per line with the report context last', () => {
    const lines = renderNdjson(report).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(report.destinations.length);
    for (const [i, line] of lines.entries()) {
      const group = report.destinations[i];
      const parsed = JSON.parse(line) as Record<string, unknown>;
      const { report: context, ...rest } = parsed;
      expect(JSON.stringify(rest)).toBe(JSON.stringify(referenceOrder(group, GROUP)));
      expect(Object.keys(parsed).at(-1)).toBe('report');
      expect(context).toMatchObject({ generatedAt: report.metadata.generatedAt });
    }
  });
});

describe('OrderedJsonWriter, objects of a shape seen before', () => {
  it('reorders an object whose keys are those of an ordered one in another order, and nested ones too', () => {
    const node = { properties: { list: { items: GROUP ?? {} } } } as SchemaNode;
    const ordered = referenceOrder({ key: 'k', id: 'd1', out: { bytes: 1, packets: 2 } }, GROUP) as object;
    const swapped = { key: 'k2', id: 'd2', out: { bytes: 3, packets: 4 } };
    const nestedSwapped = { ...ordered, out: { bytes: 5, packets: 6 } };
    // The first item records its key lists as ordered; the others share them at the top, or not at all.
    const value = { list: [ordered, swapped, nestedSwapped, ordered] };
    expect(written(value, node, true)).toBe(JSON.stringify(referenceOrder(value, node), null, 2));
    expect(written(value, node, false)).toBe(JSON.stringify(referenceOrder(value, node)));
  });
});

describe('OrderedJsonWriter, long arrays', () => {
  it('writes arrays longer than one native call takes, at every depth, as the ordered copy', () => {
    const items = fc.array(value, { minLength: 60, maxLength: 200 });
    fc.assert(
      fc.property(items, fc.constantFrom(0, 1, 2, 3), (list, depth) => {
        // The array at the root, or under `depth` objects (each level indents its elements two more spaces).
        let v: unknown = list;
        let node: SchemaNode = { items: GROUP ?? {} };
        for (let d = 0; d < depth; d++) {
          v = { x: v };
          node = { properties: { x: node } };
        }
        expect(written(v, node, true)).toBe(JSON.stringify(referenceOrder(v, node), null, 2));
        expect(written(v, node, false)).toBe(JSON.stringify(referenceOrder(v, node)));
      }),
      { numRuns: 300 },
    );
  });
});
