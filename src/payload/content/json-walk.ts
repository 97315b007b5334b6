/**
 * Walks a parsed JSON value to its leaves, naming each by its field path ("body.ext.device.localId",
 * "body[3].events[0].name"), in document order, without recursion, to a bounded depth; the caller stops the walk
 * by returning false (its leaf budget is spent).
 */

/** Deeper values are not looked at: telemetry nests a few levels, a hostile body thousands. */
export const MAX_JSON_WALK_DEPTH = 32;
const MAX_KEY_IN_PATH = 64;
const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

export interface JsonLeaf {
  field: string;
  /** The key holding the value (for an array element: the array's key). */
  name: string;
  /** The key of the object around it, "" at the top. */
  parent: string;
  value: string;
}

export function childField(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  const shown = key.length > MAX_KEY_IN_PATH ? key.slice(0, MAX_KEY_IN_PATH) : key;
  return PLAIN_KEY.test(shown) ? `${base}.${shown}` : `${base}[${JSON.stringify(shown)}]`;
}

/** The text of a scalar worth inspecting: strings, and integers (numeric ids); nothing else. */
export function leafText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  return null;
}

interface Pending {
  value: unknown;
  field: string;
  name: string;
  parent: string;
  depth: number;
}

export function walkJson(root: unknown, base: string, rootName: string, visit: (leaf: JsonLeaf) => boolean): void {
  const stack: Pending[] = [{ value: root, field: base, name: rootName, parent: '', depth: 0 }];
  while (stack.length > 0) {
    const at = stack.pop() as Pending;
    const { value } = at;
    if (typeof value !== 'object' || value === null) {
      const text = leafText(value);
      if (text !== null && !visit({ field: at.field, name: at.name, parent: at.parent, value: text })) return;
      continue;
    }
    if (at.depth >= MAX_JSON_WALK_DEPTH) continue;
    const children: Pending[] = [];
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        children.push({
          value: v,
          field: childField(at.field, i),
          name: at.name,
          parent: at.parent,
          depth: at.depth + 1,
        });
      });
    } else {
      for (const [k, v] of Object.entries(value)) {
        children.push({ value: v, field: childField(at.field, k), name: k, parent: at.name, depth: at.depth + 1 });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Pending);
  }
}
