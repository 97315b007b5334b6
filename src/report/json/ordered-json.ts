/**
 * JSON text whose object keys follow the order of report/schema.json, written in pieces as it is produced.
 *
 * The bytes are exactly those of `JSON.stringify(copy, null, 2)` (or without indentation) where `copy` is the
 * value rebuilt with its keys in schema order, unknown keys last in their own order (tests compare the two on
 * random values). The report is never copied or stringified whole: an audit of a perimeter log can hold
 * hundreds of thousands of destination groups, and its report as one string would exceed V8's string limit
 * (~512 MiB) and cost twice its size in memory. The writer walks the top of the value itself and hands array
 * elements to the native serializer a batch at a time (as they are when already in schema order, else their
 * ordered copies); the text leaves in chunks as it is made.
 */

import { isReportList } from '../report-list.js';
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
  /** Key lists found in schema order (isOrdered), with the plan of each key's value. */
  shapes: Shape[];
  /** planFor(items), once asked for. */
  itemPlan: Plan | null;
}

/**
 * An object's own keys as Object.keys lists them, known to be in schema order. The objects of one kind in a
 * report mostly have one of a few key lists (the same keys built in the same order): checking a list against
 * these is a few identity comparisons, where checking each key's place took a map look-up per key, per object.
 */
interface Shape {
  keys: string[];
  plans: Plan[];
}

/** Shapes remembered per schema node; objects of other shapes are checked key by key. */
const MAX_SHAPES = 16;

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
      shapes: [],
      itemPlan: null,
    };
    plans.set(cacheKey, plan);
  }
  return plan;
}

/** Text gathered before it is handed to the sink: big enough to keep writes few, small enough to stay cheap. */
const CHUNK_CHARS = 1 << 16;
/**
 * Text made by one native call: fewer calls cost less, but texts past ~32 kB cost more to make and cut than they
 * save (measured on 65,799 destination groups of ~2 kB and 186,845 evidence items of ~300 B).
 */
const CALL_CHARS = 1 << 14;
const MAX_ITEMS_PER_CALL = 256;

/** Values JSON leaves out of objects (and writes as null in arrays). */
function isOmitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

export class OrderedJsonWriter {
  /**
   * Pieces not yet handed over. Not one growing string: `+=` builds a tree of string pieces that survives into
   * the old generation and made the collector the biggest cost. Handed over one by one, not joined: a file's
   * sink encodes each into its buffer (text-sink.ts encodedSink), and a join copied every byte once more (1.2 s
   * of an 18 s audit writing 1.1 GB).
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

  /** Hands over the text not yet given to the sink, in the pieces it was made in. */
  flush(): void {
    for (const part of this.#parts) this.#sink(part);
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
        else if (Array.isArray(v) || isReportList(v)) this.#array(v, planFor(node).items, indent);
        else this.#object(v as Record<string, unknown>, planFor(node), indent);
        return;
      case 'bigint':
        throw new TypeError('Do not know how to serialize a BigInt');
      default:
        this.#put('null');
    }
  }

  /** An array, or a report list whose items are built as it is walked (report-list.ts): walked once, in order. */
  #array(
    items: Iterable<unknown> & { readonly length: number },
    itemNode: SchemaNode | undefined,
    indent: string,
  ): void {
    if (items.length === 0) {
      this.#put('[]');
      return;
    }
    const inner = this.#pretty ? `${indent}  ` : '';
    const lead = this.#pretty ? `\n${inner}` : '';
    this.#put('[');
    // Elements go through the native serializer several at a time (one call per element cost ~15% more on
    // 250,000 small objects). Objects the analysis built are mostly in schema order already and go as they are;
    // the others as their ordered copy, which dies young. Other values are written by JSON.stringify in an array
    // as this writer would write them (omitted ones as null).
    let perCall = 1;
    let first = true;
    let batch: unknown[] = [];
    const write = (): void => {
      const text = this.#pretty ? elementsText(batch, inner.length / 2) : JSON.stringify(batch).slice(1, -1);
      this.#put(first ? lead : `,${lead}`);
      this.#put(text);
      first = false;
      if (this.#size >= CHUNK_CHARS) this.flush();
      // As many elements next time as give about CALL_CHARS of text, judging by these.
      perCall = Math.max(1, Math.min(MAX_ITEMS_PER_CALL, Math.floor((CALL_CHARS * batch.length) / (text.length + 1))));
      batch = [];
    };
    for (const item of items) {
      batch.push(
        item !== null && typeof item === 'object' && !isOrdered(item, itemNode) ? orderedCopy(item, itemNode) : item,
      );
      if (batch.length >= perCall) write();
    }
    if (batch.length > 0) write();
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
 * The elements of `batch` as JSON.stringify(…, null, 2) writes them when the array sits `level` deep (level ≥ 1:
 * the elements' lines are indented 2 × level spaces), separated by ",\n" and that indentation, without the
 * brackets: the array is wrapped in level - 1 arrays, serialised natively, and the wrappers' text and its own
 * brackets cut off, which is cheaper than re-indenting the text. With m = level - 1 wrappers, the text opens with
 * "[\n" plus 2(k + 1) spaces at each depth k = 0..m - 1 (m(m + 3) characters) and the array's own "[\n" plus
 * 2 × level spaces; it closes with "\n", 2m spaces and "]" for the array and "\n", 2k spaces and "]" for each
 * wrapper k = m - 1..0 (m(m + 1) characters).
 */
function elementsText(batch: unknown[], level: number): string {
  const m = level - 1;
  let wrapped: unknown = batch;
  for (let i = 0; i < m; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  return text.slice(m * (m + 3) + 2 + 2 * level, text.length - (2 + 2 * m + m * (m + 1)));
}

/**
 * Whether JSON.stringify(value) already writes the keys in the order orderedCopy would, at every depth: each
 * object plain, its keys the schema's (in schema order) before any other. May answer false for a value that
 * would serialise the same (a schema key holding undefined after another key, array-index keys, which objects
 * list first): the copy is then made, which is only slower.
 */
function isOrdered(value: unknown, node: SchemaNode | undefined): boolean {
  return orderedIn(value, planFor(node));
}

function orderedIn(value: unknown, plan: Plan): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    if (value.length === 0) return true;
    plan.itemPlan ??= planFor(plan.items);
    // Indexed, not for-of: this recursive check is not optimised, and each step of an array iterator made a
    // result object (75 MB of 1.8 GB allocated writing the 200,000-line log's report).
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object' && !orderedIn(item, plan.itemPlan)) return false;
    }
    return true;
  }
  // A prototype could bring toJSON (a Date) or inherited keys: only plain objects are taken as they are.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const src = value as Record<string, unknown>;
  for (const shape of plan.shapes) {
    const known = inShape(src, shape);
    if (known !== undefined) return known;
  }
  // Own enumerable string keys, in the order JSON.stringify writes them (inherited ones it does not write).
  const keys = Object.keys(src);
  const shape = orderedShape(plan, keys);
  if (shape === null) return false;
  const values = Object.values(src);
  // A getter that adds or removes keys as it is read: not taken as it is.
  if (values.length !== keys.length) return false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && typeof v === 'object' && !orderedIn(v, shape.plans[i] as Plan)) return false;
  }
  return true;
}

/**
 * Whether `src` is ordered, when its keys are exactly `shape`'s (for-in lists own keys first, in Object.keys
 * order, and then any inherited enumerable ones, which make the lists differ); undefined when they are not.
 * A for-in loop that reads `src[key]` is the engine's fastest way through an object's fields.
 */
function inShape(src: Record<string, unknown>, shape: Shape): boolean | undefined {
  const keys = shape.keys;
  let i = 0;
  for (const key in src) {
    if (keys[i] !== key) return undefined;
    const v = src[key];
    if (v !== null && typeof v === 'object' && !orderedIn(v, shape.plans[i] as Plan)) return false;
    i++;
  }
  return i === keys.length ? true : undefined;
}

/**
 * The shape of `keys` when they are in schema order (schema keys in order, then any others), else null; a new
 * shape is remembered while there is room.
 */
function orderedShape(plan: Plan, keys: string[]): Shape | null {
  for (const shape of plan.shapes) if (sameKeys(shape.keys, keys)) return shape;
  let next = 0;
  let pastSchemaKeys = false;
  const plans: Plan[] = [];
  for (const key of keys) {
    const at = plan.position.get(key);
    if (at === undefined) pastSchemaKeys = true;
    else if (pastSchemaKeys || at < next) return null;
    else next = at + 1;
    plans.push(planFor(at === undefined ? plan.extra : plan.props[key]));
  }
  const shape = { keys, plans };
  if (plan.shapes.length < MAX_SHAPES) plan.shapes.push(shape);
  return shape;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
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
