/**
 * Small big-/little-endian read helpers over Uint8Array. Callers check bounds first (`off + n <= end`); the
 * `?? 0` keeps a wrong caller from reading `undefined` into arithmetic (NaN would poison offsets), so a bug
 * shows up as a wrong value, never as a throw or an endless loop. Small enough for V8 to inline.
 */

export function u8(buf: Uint8Array, off: number): number {
  return buf[off] ?? 0;
}

export function u16be(buf: Uint8Array, off: number): number {
  return ((buf[off] ?? 0) << 8) | (buf[off + 1] ?? 0);
}

export function u16le(buf: Uint8Array, off: number): number {
  return (buf[off] ?? 0) | ((buf[off + 1] ?? 0) << 8);
}

export function u32be(buf: Uint8Array, off: number): number {
  return (
    (((buf[off] ?? 0) << 24) | ((buf[off + 1] ?? 0) << 16) | ((buf[off + 2] ?? 0) << 8) | (buf[off + 3] ?? 0)) >>> 0
  );
}

export function u32le(buf: Uint8Array, off: number): number {
  return (
    (((buf[off + 3] ?? 0) << 24) | ((buf[off + 2] ?? 0) << 16) | ((buf[off + 1] ?? 0) << 8) | (buf[off] ?? 0)) >>> 0
  );
}
