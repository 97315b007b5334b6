/**
 * The string tables of FlowStore: repeated strings (protocols, flags, actions, formats, files, addresses
 * other than IPv4) held once and referred to by index.
 */
import type { FlowProto } from '../../flows/flow-record.js';

/** Entries up to which a table is searched linearly (cheaper than hashing a fresh substring). */
const SMALL_TABLE = 8;

/** The (proto, ipProto) pairs seen, by index; a run sees a handful. */
export class ProtoTable {
  readonly #protos: FlowProto[] = [];
  readonly #numbers: number[] = [];
  readonly #ids = new Map<string, number>();
  #lastProto: FlowProto | '' = '';
  #lastNumber = Number.NaN;
  #lastId = -1;

  id(proto: FlowProto, ipProto: number): number {
    if (proto === this.#lastProto && Object.is(ipProto, this.#lastNumber)) return this.#lastId;
    let id = -1;
    const n = this.#protos.length;
    if (n <= SMALL_TABLE) {
      for (let k = 0; k < n && id < 0; k++)
        if (this.#protos[k] === proto && Object.is(this.#numbers[k], ipProto)) id = k;
    } else id = this.#ids.get(`${proto}/${ipProto}`) ?? -1;
    if (id < 0) {
      id = n;
      this.#protos.push(proto);
      this.#numbers.push(ipProto);
      this.#ids.set(`${proto}/${ipProto}`, id);
    }
    this.#lastProto = proto;
    this.#lastNumber = ipProto;
    this.#lastId = id;
    return id;
  }

  proto(id: number): FlowProto {
    return this.#protos[id] ?? 'other';
  }

  ipProto(id: number): number {
    return this.#numbers[id] ?? 0;
  }
}

/**
 * Strings by index. Values are copied flat when first seen: a substring of a line would otherwise keep the
 * whole line alive (V8 sliced strings).
 */
export class StringTable {
  readonly #ids = new Map<string, number>();
  readonly #list: string[] = [];
  #lastText = '';
  #lastId = -1;

  get size(): number {
    return this.#list.length;
  }

  id(s: string): number {
    // Most columns repeat the previous value ('allow', the format id): skip the hash lookup then.
    if (s === this.#lastText && this.#lastId >= 0) return this.#lastId;
    const id = this.#lookup(s);
    this.#lastText = s;
    this.#lastId = id;
    return id;
  }

  #lookup(s: string): number {
    // Small tables (protocols, flags, actions) are scanned: cheaper than hashing a fresh substring.
    const list = this.#list;
    if (list.length <= SMALL_TABLE) {
      for (let k = 0; k < list.length; k++) if (list[k] === s) return k;
    } else {
      const hit = this.#ids.get(s);
      if (hit !== undefined) return hit;
    }
    const flat = flatCopy(s);
    const id = list.length;
    list.push(flat);
    this.#ids.set(flat, id);
    return id;
  }

  get(id: number): string {
    return this.#list[id] ?? '';
  }
}

/**
 * A copy of `s` that shares no memory with the line it was cut from. V8 copies strings shorter than 13
 * characters when slicing anyway; for longer ones, slicing a fresh concatenation flattens it into a new string
 * first, so the result points into that copy (measured: the line is released, as with a Buffer round trip, at
 * a fifth of the cost: zeek conn.log keys every row by a unique 18-character uid). Code units are copied as
 * they are, lone surrogates included.
 */
function flatCopy(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}
