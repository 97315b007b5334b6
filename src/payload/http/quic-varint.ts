/** QUIC variable-length integers (RFC 9000 §16): the two high bits of the first octet give the length. */

export interface ReadVarint {
  /** Exact up to 2^53; larger values (up to 2^62) are approximate, which only ever fails a bound check. */
  value: number;
  next: number;
}

/** Undefined when the buffer ends before the integer does. */
export function readVarint(buf: Uint8Array, at: number): ReadVarint | undefined {
  const first = buf[at];
  if (first === undefined) return undefined;
  const length = 1 << (first >> 6);
  if (at + length > buf.length) return undefined;
  let value = first & 0x3f;
  for (let i = 1; i < length; i++) value = value * 256 + (buf[at + i] ?? 0);
  return { value, next: at + length };
}

export function encodeVarint(value: number): Uint8Array {
  if (value < 0x40) return new Uint8Array([value]);
  if (value < 0x4000) return new Uint8Array([0x40 | (value >> 8), value & 0xff]);
  if (value < 0x40000000) {
    return new Uint8Array([0x80 | (value >>> 24), (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff]);
  }
  const out = new Uint8Array(8);
  let rest = value;
  for (let i = 7; i >= 0; i--) {
    out[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  out[0] = (out[0] ?? 0) | 0xc0;
  return out;
}
