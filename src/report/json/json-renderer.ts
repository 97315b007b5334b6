/**
 * JSON: the report model as is, pretty-printed. Keys are written in the order of report/schema.json (which
 * follows model.ts), whatever order the analysis built the objects in, so diffs between reports stay small.
 */
import type { Report } from '../model.js';
import schema from '../schema.json' with { type: 'json' };

type SchemaNode = {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
};

const DEFS = (schema as { $defs: Record<string, SchemaNode> }).$defs;

function resolve(node: SchemaNode | undefined): SchemaNode | undefined {
  // Only local "#/$defs/name" references exist in our schema; bounded so a bad edit cannot loop.
  let current = node;
  for (let i = 0; i < 8 && current?.$ref !== undefined; i++) {
    current = DEFS[current.$ref.replace('#/$defs/', '')];
  }
  return current;
}

/** A copy of `value` whose object keys follow the schema's property order; unknown keys keep their order last. */
export function orderBySchema(value: unknown, node: SchemaNode | undefined): unknown {
  const s = resolve(node);
  if (Array.isArray(value)) return value.map((v) => orderBySchema(v, s?.items));
  if (value === null || typeof value !== 'object') return value;
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const props = s?.properties ?? {};
  const extra = typeof s?.additionalProperties === 'object' ? s.additionalProperties : undefined;
  for (const key of Object.keys(props)) {
    if (Object.hasOwn(src, key) && src[key] !== undefined) out[key] = orderBySchema(src[key], props[key]);
  }
  for (const key of Object.keys(src)) {
    if (!Object.hasOwn(props, key) && src[key] !== undefined) out[key] = orderBySchema(src[key], extra);
  }
  return out;
}

export function renderJson(report: Report): string {
  return `${JSON.stringify(orderBySchema(report, schema as SchemaNode), null, 2)}\n`;
}
