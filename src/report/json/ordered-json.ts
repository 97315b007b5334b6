/**
 * JSON text whose object keys follow the order of report/schema.json, written in pieces as it is produced.
 *
 * The bytes are exactly those of `JSON.stringify(copy, null, 2)` (or without indentation) where `copy` is the
 * value rebuilt with its keys in schema order, unknown keys last in their own order (tests compare the two on
 * random values). The report is never copied or stringified whole: an audit of a perimeter log can hold
 * hundreds of thousands of destination groups, and its report as one string would exceed V8's string limit
 * (~512 MiB) and cost twice its size in memory. The writer walks the top of the value itself and hands each
 * array element to the native serializer (as it is when already in schema order, else its ordered copy); the
 * text leaves in chunks as it is made.
 */
import schema from '../schema.json' with { type: 'json' };

export type SchemaNode = {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
};

const DEFS = (schema as { $defs: Record<string, SchemaNode> }).$defs;

/** The report's root schema node. */
export const REPORT_SCHEMA = schema as SchemaNode;

/** A named definition of the report schema ($defs), e.g. "destinationGroup". */
export function schemaDefinition(name: string): SchemaNode | undefined {
  return DEFS[name];
}

function resolve(node: SchemaNode | undefined): SchemaNode | undefined {
  // Only local "#/$defs/name" references exist in our schema; bounded so a bad edit cannot loop.
  let current = node;
  for (let i = 0; i < 8 && current?.$ref !== undefined; i++) {
    current = DEFS[current.$ref.replace('#/$defs/', '')];
  }
  return current;
}

interface Plan {
  keys: string[];
  /** Position of each schema key in `keys`. */
  position: Map<string, number>;
  props: Record<string, SchemaNode>;
  extra: SchemaNode | undefined;
  items: SchemaNode | undefined;
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
    const keys = Object.keys(props);
    plan = {
      keys,
      position: new Map(keys.map((k, i) => [k, i])),
      props,
      extra: typeof s?.additionalProperties === 'object' ? s.additionalProperties : undefined,
      items: s?.items,
    };
    plans.set(cacheKey, plan);
  }
  return plan;
}

/** Text gathered before it is handed to the sink: big enough to keep writes few, small enough to stay cheap. */
const CHUNK_CHARS = 1 << 16;

/** Values JSON leaves out of objects (and writes as null in arrays). */
function isOmitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

export class OrderedJsonWriter {
  /**
   * Pieces not yet handed over, joined at each flush. Not one growing string: `+=` builds a tree of string
   * pieces that survives into the old generation and made the collector the biggest cost; a join is flat.
   */
  #parts: string[] = [];
  #size = 0;
  readonly #sink: (text: string) => void;
  readonly #pretty: boolean;

  /** `pretty`: two-space indentation as JSON.stringify(v, null, 2); otherwise no whitespace at all. */
  constructor(sink: (text: string) => void, pretty: boolean) {
    this.#sink = sink;
    this.#pretty = pretty;
  }

  /** Writes `value` as described by the schema `node`; `indent` is the indentation of the line it starts on. */
  write(value: unknown, node: SchemaNode | undefined, indent = ''): void {
    this.#value(value, node, indent);
  }

  /** Hands over the text not yet given to the sink. */
  flush(): void {
    if (this.#parts.length > 0) this.#sink(this.#parts.join(''));
    this.#parts = [];
    this.#size = 0;
  }

  #put(text: string): void {
    this.#parts.push(text);
    this.#size += text.length;
  }

  #value(v: unknown, node: SchemaNode | undefined, indent: string): void {
    switch (typeof v) {
      case 'string':
        this.#put(JSON.stringify(v));
        return;
      case 'number':
        this.#put(Number.isFinite(v) ? String(v) : 'null');
        return;
      case 'boolean':
        this.#put(v ? 'true' : 'false');
        return;
      case 'object':
        if (v === null) this.#put('null');
        else if (Array.isArray(v)) this.#array(v, planFor(node).items, indent);
        else this.#object(v as Record<string, unknown>, planFor(node), indent);
        return;
      case 'bigint':
        throw new TypeError('Do not know how to serialize a BigInt');
      default:
        this.#put('null');
    }
  }

  #array(items: unknown[], itemNode: SchemaNode | undefined, indent: string): void {
    if (items.length === 0) {
      this.#put('[]');
      return;
    }
    const inner = this.#pretty ? `${indent}  ` : '';
    const lead = this.#pretty ? `\n${inner}` : '';
    this.#put('[');
    for (let i = 0; i < items.length; i++) {
      this.#put(i === 0 ? lead : `,${lead}`);
      const item = items[i];
      if (isOmitted(item)) this.#put('null');
      else if (item !== null && typeof item === 'object') {
        // One element at a time through the native serializer: much faster than writing it piece by piece, and
        // its ordered copy dies young.
        // Objects the analysis built are mostly in schema order already: then they are serialised as they are.
        const copy = isOrdered(item, itemNode) ? item : orderedCopy(item, itemNode);
        this.#put(this.#pretty ? indented(copy, inner.length / 2) : JSON.stringify(copy));
      } else this.#value(item, itemNode, inner);
      if (this.#size >= CHUNK_CHARS) this.flush();
    }
    this.#put(this.#pretty ? `\n${indent}]` : ']');
  }

  #object(src: Record<string, unknown>, plan: Plan, indent: string): void {
    const keys = orderedKeys(src, plan);
    if (keys.length === 0) {
      this.#put('{}');
      return;
    }
    const inner = this.#pretty ? `${indent}  ` : '';
    const lead = this.#pretty ? `\n${inner}` : '';
    const colon = this.#pretty ? ': ' : ':';
    this.#put('{');
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      this.#put(`${i === 0 ? lead : `,${lead}`}${JSON.stringify(key)}${colon}`);
      this.#value(src[key], Object.hasOwn(plan.props, key) ? plan.props[key] : plan.extra, inner);
      if (this.#size >= CHUNK_CHARS) this.flush();
    }
    this.#put(this.#pretty ? `\n${indent}}` : '}');
  }
}

/**
 * The keys written for `src`: the schema's first, then unknown ones as the object lists them; omitted values out.
 * Collected as the keys of a fresh object so the engine orders them as it orders the copy's: array-index keys
 * first, ascending, whatever the insertion order.
 */
function orderedKeys(src: Record<string, unknown>, plan: Plan): string[] {
  const order: Record<string, true> = {};
  for (const key of plan.keys) if (Object.hasOwn(src, key) && !isOmitted(src[key])) order[key] = true;
  for (const key of Object.keys(src)) if (!Object.hasOwn(plan.props, key) && !isOmitted(src[key])) order[key] = true;
  return Object.keys(order);
}

/**
 * JSON.stringify(value, null, 2) as it reads nested `level` deep (2 × level more spaces on every line after the
 * first): the value is wrapped in `level` arrays, serialised natively, and the wrappers' text cut off, which is
 * cheaper than re-indenting the text. With a two-space indent, the wrappers open with "[\n" plus 2k spaces at
 * each depth k = 1..level (level × (level + 3) characters) and close with "\n", 2k spaces and "]" for k =
 * level - 1..0 (level × (level + 1) characters).
 */
function indented(value: unknown, level: number): string {
  let wrapped = value;
  for (let i = 0; i < level; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  return text.slice(level * (level + 3), text.length - level * (level + 1));
}

/**
 * Whether JSON.stringify(value) already writes the keys in the order orderedCopy would, at every depth: each
 * object plain, its keys the schema's (in schema order) before any other. May answer false for a value that
 * would serialise the same (a schema key holding undefined after another key, array-index keys, which objects
 * list first): the copy is then made, which is only slower.
 */
function isOrdered(value: unknown, node: SchemaNode | undefined): boolean {
  if (value === null || typeof value !== 'object') return true;
  const plan = planFor(node);
  if (Array.isArray(value)) {
    for (const item of value) if (!isOrdered(item, plan.items)) return false;
    return true;
  }
  // A prototype could bring toJSON (a Date) or inherited keys: only plain objects are taken as they are.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const src = value as Record<string, unknown>;
  let next = 0;
  let pastSchemaKeys = false;
  for (const key in src) {
    if (!Object.hasOwn(src, key)) return false;
    const at = plan.position.get(key);
    if (at === undefined) pastSchemaKeys = true;
    else if (pastSchemaKeys || at < next) return false;
    else next = at + 1;
    if (!isOrdered(src[key], at === undefined ? plan.extra : plan.props[key])) return false;
  }
  return true;
}

/** A copy of `value` whose object keys are in the order written (orderedKeys); the rest as JSON would see it. */
function orderedCopy(value: unknown, node: SchemaNode | undefined): unknown {
  if (value === null || typeof value !== 'object') return value;
  const plan = planFor(node);
  if (Array.isArray(value)) return value.map((v) => orderedCopy(v, plan.items));
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of plan.keys) {
    const v = src[key];
    if (v !== undefined && Object.hasOwn(src, key)) out[key] = orderedCopy(v, plan.props[key]);
  }
  for (const key of Object.keys(src)) {
    if (!Object.hasOwn(plan.props, key) && src[key] !== undefined) out[key] = orderedCopy(src[key], plan.extra);
  }
  return out;
}

/**
 * An object as compact JSON in schema order, by the native serializer: as it is when already in schema order,
 * else through the ordered copy (one NDJSON line per destination group).
 */
export function compactOrderedObject(value: object, node: SchemaNode | undefined): string {
  return JSON.stringify(isOrdered(value, node) ? value : orderedCopy(value, node));
}
