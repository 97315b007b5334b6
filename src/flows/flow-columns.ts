/**
 * The flow table's storage: every live flow is a slot number, and its numbers live in typed arrays (no object
 * per flow). What every packet touches — the key's first words, the counters, the last time, the TCP state and
 * the bucket chain — sits in one 64-byte record per slot, so a lookup among thousands of interleaved flows costs
 * one cache line, not one per field; what only a flow's start, end or IPv6 lookups read sits in separate columns.
 *
 *   hot record of slot i (64 bytes; F = Float64Array, I = Int32Array over the same memory)
 *   F[8i+0] lastTs   F[8i+1] bytesOut   F[8i+2] bytesIn   F[8i+3] packetsOut   F[8i+4] packetsIn
 *   I[16i+10] c0     I[16i+11] s0       I[16i+12] ports (client << 16 | server)
 *   I[16i+13] meta   I[16i+14] next slot in the bucket (-1: end)   I[16i+15] hash
 *
 *   meta bits: 0-7 IP protocol, 8 IPv6, 9-16 OR of TCP flags, 17 FIN from the client, 18 FIN from the server,
 *   19 RST, 20 SYN time set, 21 SYN-ACK time set, 22 ACK time set, 23 slot in use, 24 UDP flow whose client
 *   has not sent a datagram with payload yet (the namer probes that one for QUIC), 25 TCP flow whose details
 *   still read its packets (naming or a payload handler)
 *
 * Counters and times are doubles: exact for every byte count and microsecond timestamp a capture can hold.
 * Slots are reused (a free list); capacity doubles when every slot is taken, so memory follows the flows alive
 * at once, never the capture's length.
 */

export const HOT_F64 = 8;
export const HOT_I32 = 16;
export const F_LAST_TS = 0;
export const F_BYTES_OUT = 1;
export const F_BYTES_IN = 2;
export const F_PACKETS_OUT = 3;
export const F_PACKETS_IN = 4;
export const I_C0 = 10;
export const I_S0 = 11;
export const I_PORTS = 12;
export const I_META = 13;
export const I_NEXT = 14;
export const I_HASH = 15;

/** meta: the key's protocol and address family (what a lookup compares). */
export const META_KEY_MASK = 0x1ff;
export const META_V6 = 0x100;
export const META_FLAGS_SHIFT = 9;
export const META_FIN_OUT = 1 << 17;
export const META_FIN_IN = 1 << 18;
export const META_RST = 1 << 19;
export const META_HS_SYN = 1 << 20;
export const META_HS_SYN_ACK = 1 << 21;
export const META_HS_ACK = 1 << 22;
export const META_IN_USE = 1 << 23;
export const META_UDP_PROBE = 1 << 24;
/**
 * A TCP flow whose details still read its packets: a packet of any other TCP flow does not touch its details
 * object (most packets of a named flow come after its naming ended; each look at the object cost a cache miss).
 */
export const META_TCP_WATCHED = 1 << 25;

import { internIpv4 } from '../core/intern.js';
import { formatIPv6 } from '../core/ip-format.js';

/** Slots to start with; doubled as flows alive at once outgrow them. */
const INITIAL_SLOTS = 1 << 12;

export class FlowColumns {
  capacity = 0;
  /** The hot records, as doubles and as 32-bit integers over the same bytes. */
  f64: Float64Array = new Float64Array(0);
  i32: Int32Array = new Int32Array(0);
  /** IPv6 only: the client's and the server's address words 1-3, six per slot (c1 c2 c3 s1 s2 s3). */
  v6Words: Int32Array = new Int32Array(0);
  firstTs: Float64Array = new Float64Array(0);
  firstFrame: Float64Array = new Float64Array(0);
  /** Handshake times: valid only where META_HS_SYN, META_HS_SYN_ACK, META_HS_ACK are set. */
  synTs: Float64Array = new Float64Array(0);
  synAckTs: Float64Array = new Float64Array(0);
  ackTs: Float64Array = new Float64Array(0);
  tunnelDepth: Uint8Array = new Uint8Array(0);
  /** Free slots, a stack; `freeTop` entries are valid. */
  #free: Int32Array = new Int32Array(0);
  #freeTop = 0;
  /** Slots ever handed out: every slot below this may be in use (sweeps scan up to it). */
  highWater = 0;

  constructor(initialSlots = INITIAL_SLOTS) {
    this.#resize(Math.max(16, initialSlots));
  }

  /** A free slot, marked in use with every number zeroed (capacity grows when none is free). */
  allocate(): number {
    if (this.#freeTop === 0) this.#resize(this.capacity * 2);
    const slot = this.#free[--this.#freeTop] ?? 0;
    if (slot >= this.highWater) this.highWater = slot + 1;
    // Plain stores, not fill(): a fill call per flow cost more than the stores themselves.
    const f64 = this.f64;
    const f = slot * HOT_F64;
    for (let k = 0; k < HOT_F64; k++) f64[f + k] = 0;
    this.i32[slot * HOT_I32 + I_META] = META_IN_USE;
    this.i32[slot * HOT_I32 + I_NEXT] = -1;
    // Not reset here, so their pages are touched only by flows that use them (a new page costs a fault): the
    // IPv6 words (written whole for every IPv6 flow, read only for IPv6 flows) and the handshake times (read only
    // where the META_HS_* bits say they were written).
    return slot;
  }

  release(slot: number): void {
    this.i32[slot * HOT_I32 + I_META] = 0;
    this.#free[this.#freeTop++] = slot;
  }

  inUse(slot: number): boolean {
    return ((this.i32[slot * HOT_I32 + I_META] ?? 0) & META_IN_USE) !== 0;
  }

  #resize(capacity: number): void {
    const old = this.capacity;
    const hot = new ArrayBuffer(capacity * HOT_F64 * 8);
    const f64 = new Float64Array(hot);
    f64.set(this.f64);
    this.f64 = f64;
    this.i32 = new Int32Array(hot);
    this.v6Words = grown(this.v6Words, new Int32Array(capacity * 6));
    this.firstTs = grown(this.firstTs, new Float64Array(capacity));
    this.firstFrame = grown(this.firstFrame, new Float64Array(capacity));
    this.synTs = grown(this.synTs, new Float64Array(capacity));
    this.synAckTs = grown(this.synAckTs, new Float64Array(capacity));
    this.ackTs = grown(this.ackTs, new Float64Array(capacity));
    this.tunnelDepth = grown(this.tunnelDepth, new Uint8Array(capacity));
    // The new slots go on the free stack highest first, so slots are handed out from the lowest up.
    const free = new Int32Array(capacity);
    free.set(this.#free.subarray(0, this.#freeTop));
    let top = this.#freeTop;
    for (let s = capacity - 1; s >= old; s--) free[top++] = s;
    this.#free = free;
    this.#freeTop = top;
    this.capacity = capacity;
  }
}

function grown<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

const v6Scratch = new Uint8Array(16);

/** The address text (tshark's spelling, as formatAddress gives) of a slot's client or server. */
export function addressText(c: FlowColumns, slot: number, server: boolean): string {
  const first = c.i32[slot * HOT_I32 + (server ? I_S0 : I_C0)] ?? 0;
  if (((c.i32[slot * HOT_I32 + I_META] ?? 0) & META_V6) === 0) {
    return internIpv4(first);
  }
  const b = v6Scratch;
  putWord(b, 0, first);
  const base = slot * 6 + (server ? 3 : 0);
  for (let i = 0; i < 3; i++) putWord(b, 4 + 4 * i, c.v6Words[base + i] ?? 0);
  return formatIPv6(b, 0);
}

function putWord(b: Uint8Array, o: number, w: number): void {
  b[o] = w >>> 24;
  b[o + 1] = (w >>> 16) & 0xff;
  b[o + 2] = (w >>> 8) & 0xff;
  b[o + 3] = w & 0xff;
}
