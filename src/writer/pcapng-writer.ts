/**
 * pcapng writer (draft-ietf-opsawg-pcapng) for tests and samples: any number of sections in either byte order,
 * interfaces with if_tsresol / if_tsoffset / if_name, every packet block kind, and the blocks a reader must
 * skip (NRB, ISB, DSB, custom, unknown). Not a hot path: clarity over speed.
 */

export interface PcapngOption {
  code: number;
  value: Uint8Array;
}

export interface SectionOptions {
  bigEndian?: boolean;
  /** Version in the SHB; 1.0 by default. */
  version?: [number, number];
  options?: PcapngOption[];
}

export interface InterfaceOptions {
  linkType: number;
  /** 0 = no limit (default). */
  snaplen?: number;
  /** Raw if_tsresol byte (§4.2): 6 = µs (default, option omitted), 9 = ns, 0x80 | 20 = 2^-20 s. */
  tsresol?: number;
  /** if_tsoffset in seconds. */
  tsoffset?: number;
  name?: string;
  options?: PcapngOption[];
}

export interface PacketOptions {
  interfaceId?: number;
  /** Length on the wire; defaults to data.length. */
  origLen?: number;
  options?: PcapngOption[];
}

const OPT_IF_NAME = 2;
const OPT_IF_TSRESOL = 9;
const OPT_IF_TSOFFSET = 14;

/** Raw timestamp units for `tsMicros` (minus the interface's offset) at resolution byte `tsresol`. */
export function rawTimestamp(tsMicros: number, tsresol = 6, tsoffset = 0): bigint {
  const micros = BigInt(Math.round(tsMicros)) - BigInt(tsoffset) * 1_000_000n;
  const n = BigInt(tsresol & 0x7f);
  const unitsPerSecond = (tsresol & 0x80) !== 0 ? 2n ** n : 10n ** n;
  return (micros * unitsPerSecond) / 1_000_000n;
}

export class PcapngWriter {
  readonly #blocks: Buffer[] = [];
  #le = true;
  #interfaces: { tsresol: number; tsoffset: number }[] = [];

  section(opts: SectionOptions = {}): this {
    this.#le = opts.bigEndian !== true;
    this.#interfaces = [];
    const [major, minor] = opts.version ?? [1, 0];
    const body = Buffer.alloc(16);
    this.#u32(body, 0, 0x1a2b3c4d);
    this.#u16(body, 4, major);
    this.#u16(body, 6, minor);
    body.writeBigInt64LE(-1n, 8); // section length unknown (§4.1): -1 reads the same in both orders
    return this.block(0x0a0d0d0a, body, opts.options);
  }

  /** Adds an IDB and returns its interface ID within the current section. */
  interface(opts: InterfaceOptions): number {
    const body = Buffer.alloc(8);
    this.#u16(body, 0, opts.linkType);
    this.#u32(body, 4, opts.snaplen ?? 0);
    const options: PcapngOption[] = [];
    if (opts.name !== undefined) options.push({ code: OPT_IF_NAME, value: Buffer.from(opts.name) });
    if (opts.tsresol !== undefined) options.push({ code: OPT_IF_TSRESOL, value: Uint8Array.of(opts.tsresol) });
    if (opts.tsoffset !== undefined) {
      const v = Buffer.alloc(8);
      if (this.#le) v.writeBigInt64LE(BigInt(opts.tsoffset));
      else v.writeBigInt64BE(BigInt(opts.tsoffset));
      options.push({ code: OPT_IF_TSOFFSET, value: v });
    }
    options.push(...(opts.options ?? []));
    this.block(1, body, options);
    this.#interfaces.push({ tsresol: opts.tsresol ?? 6, tsoffset: opts.tsoffset ?? 0 });
    return this.#interfaces.length - 1;
  }

  /** Enhanced Packet Block (§4.3), timestamp converted to the interface's resolution and offset. */
  epb(data: Uint8Array, tsMicros: number, opts: PacketOptions = {}): this {
    return this.epbRaw(data, this.#raw(opts.interfaceId ?? 0, tsMicros), opts);
  }

  /** Enhanced Packet Block with a raw 64-bit timestamp. */
  epbRaw(data: Uint8Array, rawTs: bigint, opts: PacketOptions = {}): this {
    const body = Buffer.alloc(20);
    this.#u32(body, 0, opts.interfaceId ?? 0);
    this.#timestamp(body, 4, rawTs);
    this.#u32(body, 12, data.length);
    this.#u32(body, 16, opts.origLen ?? data.length);
    return this.block(6, Buffer.concat([body, pad(data)]), opts.options);
  }

  /**
   * Simple Packet Block (§4.4): interface 0, no timestamp. Readers take min(origLen, snaplen of interface 0) as
   * the captured length, so `data` must already be cut to the snaplen (tshark rejects longer blocks).
   */
  spb(data: Uint8Array, origLen?: number): this {
    const body = Buffer.alloc(4);
    this.#u32(body, 0, origLen ?? data.length);
    return this.block(3, Buffer.concat([body, pad(data)]));
  }

  /** Obsolete Packet Block (Appendix A): 16-bit interface ID and a drops count. */
  obsoletePacket(data: Uint8Array, tsMicros: number, opts: PacketOptions = {}): this {
    const id = opts.interfaceId ?? 0;
    const body = Buffer.alloc(20);
    this.#u16(body, 0, id);
    this.#u16(body, 2, 0);
    this.#timestamp(body, 4, this.#raw(id, tsMicros));
    this.#u32(body, 12, data.length);
    this.#u32(body, 16, opts.origLen ?? data.length);
    return this.block(2, Buffer.concat([body, pad(data)]), opts.options);
  }

  /** Name Resolution Block (§4.5) with one IPv4 record. */
  nrb(ipv4: readonly [number, number, number, number], name: string): this {
    const value = Buffer.concat([Buffer.from(ipv4), Buffer.from(`${name}\0`)]);
    const rec = Buffer.alloc(4);
    this.#u16(rec, 0, 1);
    this.#u16(rec, 2, value.length);
    const end = Buffer.alloc(4);
    return this.block(4, Buffer.concat([rec, pad(value), end]));
  }

  /** Interface Statistics Block (§4.6) with a zero timestamp. */
  isb(interfaceId = 0): this {
    const body = Buffer.alloc(12);
    this.#u32(body, 0, interfaceId);
    return this.block(5, body);
  }

  /** Decryption Secrets Block (§4.7); 0x544c534b = TLS key log. */
  dsb(secretsType: number, secrets: Uint8Array): this {
    const body = Buffer.alloc(8);
    this.#u32(body, 0, secretsType);
    this.#u32(body, 4, secrets.length);
    return this.block(0x0a, Buffer.concat([body, pad(secrets)]));
  }

  /** Custom Block (§4.8): copiable (0xBAD) or not (0x40000BAD). */
  custom(pen: number, data: Uint8Array, copiable = true): this {
    const body = Buffer.alloc(4);
    this.#u32(body, 0, pen);
    return this.block(copiable ? 0x00000bad : 0x40000bad, Buffer.concat([body, pad(data)]));
  }

  /** Any block: type, body (padded to 32 bits here) and options. */
  block(type: number, body: Uint8Array, options?: PcapngOption[]): this {
    const opts = options !== undefined && options.length > 0 ? this.#options(options) : Buffer.alloc(0);
    const inner = Buffer.concat([pad(body), opts]);
    const len = 12 + inner.length;
    const head = Buffer.alloc(8);
    this.#u32(head, 0, type);
    this.#u32(head, 4, len);
    const tail = Buffer.alloc(4);
    this.#u32(tail, 0, len);
    this.#blocks.push(head, inner, tail);
    return this;
  }

  /** Raw bytes appended as they are (for damaged-file tests). */
  raw(bytes: Uint8Array): this {
    this.#blocks.push(Buffer.from(bytes));
    return this;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.#blocks);
  }

  #options(options: PcapngOption[]): Buffer {
    const parts: Buffer[] = [];
    for (const o of options) {
      const h = Buffer.alloc(4);
      this.#u16(h, 0, o.code);
      this.#u16(h, 2, o.value.length);
      parts.push(h, pad(o.value));
    }
    parts.push(Buffer.alloc(4)); // opt_endofopt
    return Buffer.concat(parts);
  }

  #raw(interfaceId: number, tsMicros: number): bigint {
    const i = this.#interfaces[interfaceId];
    return rawTimestamp(tsMicros, i?.tsresol ?? 6, i?.tsoffset ?? 0);
  }

  #timestamp(b: Buffer, offset: number, raw: bigint): void {
    const v = BigInt.asUintN(64, raw);
    this.#u32(b, offset, Number(v >> 32n));
    this.#u32(b, offset + 4, Number(v & 0xffffffffn));
  }

  #u16(b: Buffer, offset: number, v: number): void {
    if (this.#le) b.writeUInt16LE(v, offset);
    else b.writeUInt16BE(v, offset);
  }

  #u32(b: Buffer, offset: number, v: number): void {
    if (this.#le) b.writeUInt32LE(v >>> 0, offset);
    else b.writeUInt32BE(v >>> 0, offset);
  }
}

/** The bytes followed by zeros up to a multiple of 4 (§3.1). */
function pad(data: Uint8Array): Buffer {
  const padded = Buffer.alloc((data.length + 3) & ~3);
  padded.set(data, 0);
  return padded;
}
