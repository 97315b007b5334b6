/**
 * Typed-array columns for FlowStore pages that take the least memory the values allow, and widen in place
 * when a value does not fit, so every value reads back exactly. Memory is what a large log run pays for most:
 * a held record is touched once when written and once when handed out, and every fresh page of memory costs
 * a page fault (on the bench VM ~13 µs per 4 KiB, i.e. a 136-byte record costs more to hold than to parse).
 */

/** Records per page. */
export const PAGE_BITS = 14;
export const PAGE = 1 << PAGE_BITS;
export const MASK = PAGE - 1;

/** A column of numbers, NaN = absent: none yet (all absent), 32-bit unsigned integers, or doubles. */
export type NumColumn = Uint32Array | Float64Array | null;
/** The Uint32 form's "absent": the one value it cannot hold as a number. */
const U32_NONE = 0xffff_ffff;

/** `col` with `v` written at `slot`, widened (or created) first when needed: store the result back. */
export function putNum(col: NumColumn, slot: number, v: number): NumColumn {
  if (col === null) {
    if (Number.isNaN(v)) return null;
    col = new Uint32Array(PAGE).fill(U32_NONE);
  }
  if (col instanceof Uint32Array) {
    if (Number.isNaN(v)) {
      col[slot] = U32_NONE;
      return col;
    }
    // Integers 0 .. 2^32-2 fit; -0 and anything else widens (a Uint32 would lose the sign of -0).
    if (v >= 0 && v < U32_NONE && Math.floor(v) === v && !Object.is(v, -0)) {
      col[slot] = v;
      return col;
    }
    col = widenNum(col);
  }
  col[slot] = v;
  return col;
}

function widenNum(col: Uint32Array): Float64Array {
  const wide = new Float64Array(PAGE);
  for (let k = 0; k < PAGE; k++) {
    const v = col[k] ?? U32_NONE;
    wide[k] = v === U32_NONE ? Number.NaN : v;
  }
  return wide;
}

/** The value at `slot` (NaN = absent). */
export function getNum(col: NumColumn, slot: number): number {
  if (col === null) return Number.NaN;
  const v = col[slot] ?? Number.NaN;
  return col instanceof Uint32Array && v === U32_NONE ? Number.NaN : v;
}

/** A column of table indexes (0 .. 2^31-1): 16 bits until an index does not fit. */
export type IdColumn = Uint16Array | Int32Array;

export function newIds(): IdColumn {
  return new Uint16Array(PAGE);
}

/** `col` with `id` written at `slot`, widened first when needed: store the result back. */
export function putId(col: IdColumn, slot: number, id: number): IdColumn {
  if (id > 0xffff && col instanceof Uint16Array) {
    const wide = new Int32Array(PAGE);
    wide.set(col);
    wide[slot] = id;
    return wide;
  }
  col[slot] = id;
  return col;
}

/** A column of ports: 16 bits while every value is a whole 0..65535, else what an Int32Array holds (as before). */
export type PortColumn = Uint16Array | Int32Array;

export function newPorts(): PortColumn {
  return new Uint16Array(PAGE);
}

/** `col` with `v` written at `slot`, widened to 32 bits first when `v` is no whole 0..65535: store it back. */
export function putPort(col: PortColumn, slot: number, v: number): PortColumn {
  if (col instanceof Int32Array) {
    col[slot] = v;
    return col;
  }
  if (v >= 0 && v <= 0xffff && Math.floor(v) === v) {
    col[slot] = v;
    return col;
  }
  const wide = new Int32Array(PAGE);
  wide.set(col);
  wide[slot] = v;
  return wide;
}
