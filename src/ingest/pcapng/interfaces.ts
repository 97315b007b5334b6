/**
 * The interfaces of one pcapng section (IDBs, draft-ietf-opsawg-pcapng §4.2), kept as parallel arrays so the
 * packet loop reads numbers, not objects. Interface IDs are per section: the table is reset at each SHB.
 */
import { OPT_ENDOFOPT, OPT_IF_TSOFFSET, OPT_IF_TSRESOL } from './block-types.js';

/** How raw 64-bit timestamps become microseconds. */
const TS_MUL = 0; // 10^-k with k <= 6: multiply by 10^(6-k)
const TS_DIV = 1; // 10^-k with k > 6: divide by 10^(k-6)
const TS_POW2 = 2; // 2^-p

const TWO_32 = 4_294_967_296;

export class InterfaceTable {
  count = 0;
  readonly linkType: number[] = [];
  readonly snaplen: number[] = [];
  readonly #tsKind: number[] = [];
  readonly #tsFactor: number[] = [];
  readonly #tsShift: number[] = [];
  readonly #offsetMicros: number[] = [];

  reset(): void {
    this.count = 0;
  }

  /** Keeps an ID for an interface block too short to read; packets on it are not deliverable. */
  addInvalid(): void {
    const i = this.count++;
    this.linkType[i] = -1;
    this.snaplen[i] = 0;
    this.#tsKind[i] = TS_MUL;
    this.#tsFactor[i] = 1;
    this.#tsShift[i] = 0;
    this.#offsetMicros[i] = 0;
  }

  /**
   * Adds the interface described by the IDB body `buf[start..end)` (link type, reserved, snaplen, options).
   * Returns false when an option runs past the block (the interface is still added, with what was read).
   */
  add(view: DataView, start: number, end: number, le: boolean): boolean {
    const i = this.count++;
    this.linkType[i] = view.getUint16(start, le);
    this.snaplen[i] = view.getUint32(start + 4, le);
    let tsresol = 6;
    let offsetSeconds = 0;
    let ok = true;
    // §3.5: code u16, length u16, value padded to 32 bits; opt_endofopt ends the list.
    let p = start + 8;
    while (p + 4 <= end) {
      const code = view.getUint16(p, le);
      const len = view.getUint16(p + 2, le);
      if (code === OPT_ENDOFOPT) break;
      if (p + 4 + len > end) {
        ok = false;
        break;
      }
      if (code === OPT_IF_TSRESOL && len >= 1) tsresol = view.getUint8(p + 4);
      else if (code === OPT_IF_TSOFFSET && len >= 8) offsetSeconds = Number(view.getBigInt64(p + 4, le));
      p += 4 + ((len + 3) & ~3);
    }
    // §4.2 if_tsresol: high bit clear = 10^-n seconds, set = 2^-n seconds.
    const n = tsresol & 0x7f;
    if ((tsresol & 0x80) !== 0) {
      this.#tsKind[i] = TS_POW2;
      this.#tsFactor[i] = 2 ** n;
      this.#tsShift[i] = n;
    } else if (n <= 6) {
      this.#tsKind[i] = TS_MUL;
      this.#tsFactor[i] = 10 ** (6 - n);
      this.#tsShift[i] = 0;
    } else {
      this.#tsKind[i] = TS_DIV;
      this.#tsFactor[i] = 10 ** (n - 6);
      this.#tsShift[i] = 0;
    }
    this.#offsetMicros[i] = offsetSeconds * 1_000_000;
    return ok;
  }

  /** Microseconds since the epoch (floored) for interface `i` and raw timestamp `high`:`low` (§4.3). */
  micros(i: number, high: number, low: number): number {
    const kind = this.#tsKind[i] ?? TS_MUL;
    const f = this.#tsFactor[i] ?? 1;
    const offset = this.#offsetMicros[i] ?? 0;
    if (kind === TS_MUL) return (high * TWO_32 + low) * f + offset;
    if (kind === TS_DIV) {
      // Split 2^32 = q*f + r so that nanosecond timestamps (> 2^53) still divide exactly.
      const q = Math.floor(TWO_32 / f);
      const r = TWO_32 - q * f;
      return high * q + Math.floor((high * r + low) / f) + offset;
    }
    const p = this.#tsShift[i] ?? 0;
    let seconds: number;
    let frac: number;
    if (p <= 32) {
      const lowSec = Math.floor(low / f);
      seconds = high * 2 ** (32 - p) + lowSec;
      frac = low - lowSec * f;
    } else {
      const div = 2 ** (p - 32);
      seconds = Math.floor(high / div);
      frac = (high - seconds * div) * TWO_32 + low;
    }
    return seconds * 1_000_000 + Math.floor((frac * 1_000_000) / f) + offset;
  }
}
