/**
 * Prefixed integers and string literals as HPACK (RFC 7541 §5) and QPACK (RFC 9204 §4.1) write them, read from a
 * byte array that may end early (a stream still arriving): `undefined` means "need more octets".
 */
import { hpackLib } from './hpack-lib.js';

/** Continuation octets accepted after the prefix: 7 × 7 = 49 bits stays exact in a JS number. */
const MAX_CONTINUATION_OCTETS = 7;

export interface ReadInt {
  /** Infinity when the encoding is longer than any sane value (callers' bounds then reject it). */
  value: number;
  next: number;
}

export function readPrefixedInt(buf: Uint8Array, at: number, prefixBits: number): ReadInt | undefined {
  const first = buf[at];
  if (first === undefined) return undefined;
  const max = (1 << prefixBits) - 1;
  let value = first & max;
  if (value < max) return { value, next: at + 1 };
  let scale = 1;
  for (let i = 1; ; i++) {
    const b = buf[at + i];
    if (b === undefined) return undefined;
    if (i > MAX_CONTINUATION_OCTETS) return { value: Number.POSITIVE_INFINITY, next: at + i + 1 };
    value += (b & 0x7f) * scale;
    scale *= 128;
    if ((b & 0x80) === 0) return { value, next: at + i + 1 };
  }
}

export interface ReadString {
  /** Octets as latin1 (Huffman-decoded if it was coded). */
  value: string;
  next: number;
}

/** A string whose Huffman flag is the bit just above a `prefixBits` length prefix; null when malformed. */
export function readString(
  buf: Uint8Array,
  at: number,
  prefixBits: number,
  maxLength: number,
): ReadString | undefined | null {
  const first = buf[at];
  if (first === undefined) return undefined;
  const huffman = (first >> prefixBits) & 1;
  const len = readPrefixedInt(buf, at, prefixBits);
  if (len === undefined) return undefined;
  if (len.value > maxLength) return null;
  const end = len.next + len.value;
  if (end > buf.length) return undefined;
  const raw = buf.subarray(len.next, end);
  if (!huffman) return { value: Buffer.from(raw).toString('latin1'), next: end };
  const decoded = decodeHuffman(raw);
  return decoded === null ? null : { value: Buffer.from(decoded).toString('latin1'), next: end };
}

/**
 * RFC 7541 Appendix B Huffman decoding through hpack.js: the octets are wrapped as an HPACK string literal (H=1,
 * 7-bit length) and read back with its decoder, which also checks the EOS padding. Null when invalid.
 */
export function decodeHuffman(coded: Uint8Array): Uint8Array | null {
  const reader = hpackLib().decoder.create();
  reader.push(Buffer.concat([Buffer.from(encodePrefixedInt(coded.length, 7, 0x80)), coded]));
  try {
    const out = reader.decodeStr();
    return Uint8Array.from(out);
  } catch {
    return null;
  }
}

/** RFC 7541 §5.1 encoding; `flags` fills the bits above the prefix in the first octet. */
export function encodePrefixedInt(value: number, prefixBits: number, flags: number): number[] {
  const max = (1 << prefixBits) - 1;
  if (value < max) return [flags | value];
  const out = [flags | max];
  let rest = value - max;
  while (rest >= 128) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}
