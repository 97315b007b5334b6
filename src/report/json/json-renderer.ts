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

interface Plan {
  node: SchemaNode | undefined;
  keys: string[];
  props: Record<string, SchemaNode>;
  extra: SchemaNode | undefined;
}

/** Resolved schema nodes and their key order, computed once per node: a report may hold 100k objects. */
const plans = new WeakMap<object, Plan>();
const NO_NODE = {};

function planFor(node: SchemaNode | undefined): Plan {
  const cacheKey = node ?? NO_NODE;
  let plan = plans.get(cacheKey);
  if (plan === undefined) {
    const s = resolve(node);
    const props = s?.properties ?? {};
    plan = {
      node: s,
      keys: Object.keys(props),
      props,
      extra: typeof s?.additionalProperties === 'object' ? s.additionalProperties : undefined,
    };
    plans.set(cacheKey, plan);
  }
  return plan;
}

/** A copy of `value` whose object keys follow the schema's property order; unknown keys keep their order last. */
export function orderBySchema(value: unknown, node: SchemaNode | undefined): unknown {
  if (value === null || typeof value !== 'object') return value;
  const plan = planFor(node);
  if (Array.isArray(value)) {
    const items = plan.node?.items;
    return value.map((v) => orderBySchema(v, items));
  }
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of plan.keys) {
    const v = src[key];
    if (v !== undefined && Object.hasOwn(src, key)) out[key] = orderBySchema(v, plan.props[key]);
  }
  for (const key of Object.keys(src)) {
    if (!Object.hasOwn(plan.props, key) && src[key] !== undefined) out[key] = orderBySchema(src[key], plan.extra);
  }
  return out;
}

export function renderJson(report: Report): string {
  return `${JSON.stringify(orderBySchema(report, schema as SchemaNode), null, 2)}\n`;
}
