/**
 * XXH32 (github.com/Cyan4973/xxHash, doc/xxhash_spec.md §"XXH32"), streaming, for the lz4 frame format's header,
 * block and content checksums (lz4_Frame_format.md: all use seed 0).
 */

const P1 = 0x9e3779b1;
const P2 = 0x85ebca77;
const P3 = 0xc2b2ae3d;
const P4 = 0x27d4eb2f;
const P5 = 0x165667b1;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function round(acc: number, lane: number): number {
  return Math.imul(rotl((acc + Math.imul(lane, P2)) | 0, 13), P1);
}

export class Xxh32 {
  #v1: number;
  #v2: number;
  #v3: number;
  #v4: number;
  #total = 0;
  /** Up to 15 bytes not yet folded into a 16-byte stripe. */
  readonly #tail = new Uint8Array(16);
  #tailLen = 0;

  constructor(readonly seed = 0) {
    this.#v1 = (seed + P1 + P2) | 0;
    this.#v2 = (seed + P2) | 0;
    this.#v3 = seed | 0;
    this.#v4 = (seed - P1) | 0;
  }

  update(buf: Uint8Array, start = 0, end = buf.length): this {
    let p = start;
    this.#total += end - start;
    if (this.#tailLen > 0) {
      while (this.#tailLen < 16 && p < end) this.#tail[this.#tailLen++] = buf[p++] ?? 0;
      if (this.#tailLen < 16) return this;
      this.#stripes(this.#tail, 0, 16);
      this.#tailLen = 0;
    }
    const whole = p + ((end - p) & ~15);
    if (whole > p) {
      this.#stripes(buf, p, whole);
      p = whole;
    }
    while (p < end) this.#tail[this.#tailLen++] = buf[p++] ?? 0;
    return this;
  }

  #stripes(b: Uint8Array, start: number, end: number): void {
    let v1 = this.#v1;
    let v2 = this.#v2;
    let v3 = this.#v3;
    let v4 = this.#v4;
    for (let p = start; p < end; p += 16) {
      v1 = round(
        v1,
        (b[p] as number) | ((b[p + 1] as number) << 8) | ((b[p + 2] as number) << 16) | ((b[p + 3] as number) << 24),
      );
      v2 = round(
        v2,
        (b[p + 4] as number) |
          ((b[p + 5] as number) << 8) |
          ((b[p + 6] as number) << 16) |
          ((b[p + 7] as number) << 24),
      );
      v3 = round(
        v3,
        (b[p + 8] as number) |
          ((b[p + 9] as number) << 8) |
          ((b[p + 10] as number) << 16) |
          ((b[p + 11] as number) << 24),
      );
      v4 = round(
        v4,
        (b[p + 12] as number) |
          ((b[p + 13] as number) << 8) |
          ((b[p + 14] as number) << 16) |
          ((b[p + 15] as number) << 24),
      );
    }
    this.#v1 = v1;
    this.#v2 = v2;
    this.#v3 = v3;
    this.#v4 = v4;
  }

  /** The hash of everything passed to update (the state is left as is). */
  digest(): number {
    let h =
      this.#total >= 16
        ? (rotl(this.#v1, 1) + rotl(this.#v2, 7) + rotl(this.#v3, 12) + rotl(this.#v4, 18)) | 0
        : (this.seed + P5) | 0;
    h = (h + this.#total) | 0;
    const t = this.#tail;
    let p = 0;
    const n = this.#tailLen;
    for (; p + 4 <= n; p += 4) {
      const lane =
        (t[p] as number) | ((t[p + 1] as number) << 8) | ((t[p + 2] as number) << 16) | ((t[p + 3] as number) << 24);
      h = Math.imul(rotl((h + Math.imul(lane, P3)) | 0, 17), P4);
    }
    for (; p < n; p++) h = Math.imul(rotl((h + Math.imul(t[p] as number, P5)) | 0, 11), P1);
    h ^= h >>> 15;
    h = Math.imul(h, P2);
    h ^= h >>> 13;
    h = Math.imul(h, P3);
    h ^= h >>> 16;
    return h >>> 0;
  }
}

export function xxh32(buf: Uint8Array, start = 0, end = buf.length, seed = 0): number {
  return new Xxh32(seed).update(buf, start, end).digest();
}
