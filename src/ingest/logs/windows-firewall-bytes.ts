/**
 * The common Windows Firewall line (ALLOW/DROP, TCP/UDP/ICMP, every column where #Fields says, plain numbers,
 * the plain 19-character stamp) read from its bytes in the chunk buffer: tokens found by one byte scan,
 * numbers and dotted quads read in place, no string built but a non-IPv4 address and the TCP flags (from a
 * table). Anything else is declined, having done nothing a text reading would see differently, and the line
 * is decoded and read by windows-firewall.ts exactly as before. The record is the one the text reader makes;
 * in a run that stores it (LogContext.rows) it goes to the store as a row of numbers (store-row.ts) instead of a
 * FlowFields object: the emit, the generic store path and its table lookups were a third of the reading.
 */
import {
  addressBytes,
  ascii,
  countAt,
  ipv4At,
  isWordAt,
  OTHER_ADDRESS_BYTES,
  portAt,
  splitBytes,
  TCP,
  TokenCache,
  type Transport,
  transportAt,
  UDP,
  UPPER_TRANSPORTS,
} from './byte-walk.js';
import { newBounds } from './field-walk.js';
import { normalizeAddress } from './log-address.js';
import type { LogContext } from './log-format.js';
import { emitFlow, plausibleMicros, reusableFields } from './log-record.js';
import { type RowSink, StoreRow } from './store-row.js';
import type { FirewallClock } from './windows-firewall-time.js';

export const FIREWALL_ID = 'windows-firewall';

/** The columns the reader uses. */
export const FIREWALL_COLUMNS = [
  'date',
  'time',
  'action',
  'protocol',
  'src-ip',
  'dst-ip',
  'src-port',
  'dst-port',
  'size',
  'tcpflags',
  'info',
  'path',
  'pid',
] as const;

/** Column index per used column (-1 = absent), resolved once per #Fields line. */
export type FirewallIndex = Record<(typeof FIREWALL_COLUMNS)[number], number>;

const ALLOW = ascii('ALLOW');
const DROP = ascii('DROP');

/** Address texts remembered behind the byte cache of the row path (cleared when full). */
const OTHER_TEXTS = 65_536;

/** What the row path keeps of an address other than a canonical dotted quad. */
interface OtherAddress {
  code: number;
  v6: boolean;
}

/** FlowRecord flag order (log-record.ts orderFlags) and each letter's bit. */
const FLAG_LETTERS = 'FSRPAUEC';
const FLAG_BIT = new Uint8Array(128);
for (let k = 0; k < FLAG_LETTERS.length; k++) FLAG_BIT[FLAG_LETTERS.charCodeAt(k)] = 1 << k;
/** orderFlags' answer for each set of letters present. */
const FLAG_TEXT: string[] = [];
for (let bits = 0; bits < 256; bits++) {
  let t = '';
  for (let k = 0; k < FLAG_LETTERS.length; k++) if (bits & (1 << k)) t += FLAG_LETTERS[k];
  FLAG_TEXT.push(t);
}

export class FirewallBytes {
  readonly #ctx: LogContext;
  readonly #clock: FirewallClock;
  readonly #bounds = newBounds();
  #ix: FirewallIndex | null = null;
  #fieldCount = 0;
  /** False until `columns`, and when #Fields lacks a column the byte reading needs or has date and time apart. */
  #usable = false;
  readonly #withPid = reusableFields(FIREWALL_ID, { action: '', pid: 0 });
  readonly #noPid = reusableFields(FIREWALL_ID, { action: '' });
  /** The store, when records go there as rows (store-row.ts); null when they are emitted. */
  readonly #rows: RowSink | null;
  readonly #row = new StoreRow();
  /** RowSink ids, resolved on first use (-1 = not yet): flags by letter bits; [allow, drop]; tcp, udp, icmp, icmpv6. */
  readonly #flagIds = new Int32Array(256).fill(-1);
  readonly #endIds = new Int32Array(2).fill(-1);
  readonly #actionIds = new Int32Array(2).fill(-1);
  readonly #protoIds = new Int32Array(4).fill(-1);
  #formatId = -1;
  /** Made on the first address that is no canonical dotted quad. */
  #others: TokenCache<OtherAddress | null> | null = null;
  readonly #othersByText = new Map<string, OtherAddress | null>();

  constructor(ctx: LogContext, clock: FirewallClock) {
    this.#ctx = ctx;
    this.#clock = clock;
    this.#rows = ctx.rows ?? null;
  }

  /** The layout of a new #Fields line. */
  columns(ix: FirewallIndex, fieldCount: number): void {
    this.#ix = ix;
    this.#fieldCount = fieldCount;
    this.#usable =
      ix.time === ix.date + 1 &&
      ix.date >= 0 &&
      ix.action >= 0 &&
      ix.protocol >= 0 &&
      ix['src-ip'] >= 0 &&
      ix['dst-ip'] >= 0;
  }

  /** Reads buf[s, e) as a record line if it is the common case; false, nothing done, otherwise. */
  line(buf: Buffer, s: number, e: number, lineNo: number): boolean {
    const ix = this.#ix;
    if (ix === null || !this.#usable || e <= s) return false;
    const last = buf[e - 1];
    if (last === 32 || last === 9 || buf[s] === 35 /* # */) return false;
    const b = this.#bounds;
    if (splitBytes(buf, s, e, 32, b) !== this.#fieldCount) return false;
    // Token k is buf[at(b, k), to(b, k)); module functions, not closures over `b`: a closure pair per line was
    // ~100 bytes of garbage a line.
    const a = ix.action;
    const allow = isWordAt(buf, at(b, a), to(b, a), ALLOW);
    if (!allow && !isWordAt(buf, at(b, a), to(b, a), DROP)) return false;
    const p = ix.protocol;
    const pro = transportAt(buf, at(b, p), to(b, p), UPPER_TRANSPORTS);
    if (pro === null) return false;
    const micros = this.#clock.bytes(buf, at(b, ix.date), to(b, ix.time));
    if (Number.isNaN(micros)) return false;
    const sp = ix['src-port'];
    const dp = ix['dst-port'];
    const sport = sp < 0 ? -1 : portAt(buf, at(b, sp), to(b, sp));
    const dport = dp < 0 ? -1 : portAt(buf, at(b, dp), to(b, dp));
    const size = ix.size < 0 ? -1 : countAt(buf, at(b, ix.size), to(b, ix.size));
    const pid = ix.pid < 0 ? -1 : countAt(buf, at(b, ix.pid), to(b, ix.pid));
    if (sport < -1 || dport < -1 || size < -1 || pid < -1) return false;
    const rows = this.#rows;
    if (rows !== null) return this.#asRow(rows, buf, ix, b, allow, pro, micros, sport, dport, size, pid, lineNo);
    const src = addressBytes(buf, at(b, ix['src-ip']), to(b, ix['src-ip']));
    if (src === null) return false;
    const dst = addressBytes(buf, at(b, ix['dst-ip']), to(b, ix['dst-ip']));
    if (dst === null) return false;
    const bits = flagBits(buf, ix, b, pro);
    if (bits < 0) return false;
    const flags = FLAG_TEXT[bits] ?? '';
    const act = allow ? 'allow' : 'drop';
    // One reused object per shape (with and without pid): the run copies what it keeps during the emit, and a
    // fresh object per line was most of what this reader left to the garbage collector.
    const fields = pid >= 0 ? this.#withPid : this.#noPid;
    fields.proto = pro.proto;
    fields.ipProto = pro.ipProto;
    fields.client = src;
    fields.clientPort = Math.max(sport, 0);
    fields.server = dst;
    fields.serverPort = Math.max(dport, 0);
    fields.firstMicros = micros;
    fields.packetsOut = size > 0 ? 1 : null;
    fields.bytesOut = size > 0 ? size : null;
    fields.tcpFlags = flags;
    fields.endReason = act;
    fields.action = act;
    fields.line = lineNo;
    if (pid >= 0) fields.pid = pid;
    emitFlow(this.#ctx, fields);
    return true;
  }

  /**
   * The rest of `line` when records go to the store as rows: the row `emitFlow` of the same fields would store
   * (FlowStore.add's ICMP-over-IPv6 rule included), addresses other than dotted quads looked up by their bytes
   * straight to the store's code (no text, no table lookup, once per distinct address seen).
   */
  #asRow(
    rows: RowSink,
    buf: Buffer,
    ix: FirewallIndex,
    b: Int32Array,
    allow: boolean,
    pro: Transport,
    micros: number,
    sport: number,
    dport: number,
    size: number,
    pid: number,
    lineNo: number,
  ): boolean {
    const si = ix['src-ip'];
    const di = ix['dst-ip'];
    let src = ipv4At(buf, b[2 * si] ?? 0, b[2 * si + 1] ?? 0);
    let v6 = false;
    if (src < 0) {
      const other = this.#other(rows).get(buf, b[2 * si] ?? 0, b[2 * si + 1] ?? 0);
      if (other === null) return false;
      src = other.code;
      v6 = other.v6;
    }
    let dst = ipv4At(buf, b[2 * di] ?? 0, b[2 * di + 1] ?? 0);
    if (dst < 0) {
      const other = this.#other(rows).get(buf, b[2 * di] ?? 0, b[2 * di + 1] ?? 0);
      if (other === null) return false;
      dst = other.code;
    }
    const bits = flagBits(buf, ix, b, pro);
    if (bits < 0) return false;
    // emitFlow's check: a record with an implausible time is dropped, the line counted as read.
    if (!plausibleMicros(micros)) return true;
    const row = this.#row;
    const p = pro === TCP ? 0 : pro === UDP ? 1 : v6 ? 3 : 2;
    let protoId = this.#protoIds[p] ?? -1;
    if (protoId < 0) {
      protoId = p === 3 ? rows.proto('icmpv6', 58) : rows.proto(pro.proto, pro.ipProto);
      this.#protoIds[p] = protoId;
    }
    row.proto = protoId;
    row.client = src;
    row.server = dst;
    row.clientPort = Math.max(sport, 0);
    row.serverPort = Math.max(dport, 0);
    row.first = micros;
    row.line = lineNo;
    row.pktOut = size > 0 ? 1 : Number.NaN;
    row.bytesOut = size > 0 ? size : Number.NaN;
    row.pid = pid >= 0 ? pid : Number.NaN;
    let flags = this.#flagIds[bits] ?? -1;
    if (flags < 0) {
      flags = rows.text('flags', FLAG_TEXT[bits] ?? '');
      this.#flagIds[bits] = flags;
    }
    row.flags = flags;
    const a = allow ? 0 : 1;
    let end = this.#endIds[a] ?? -1;
    if (end < 0) {
      end = rows.text('end', allow ? 'allow' : 'drop');
      this.#endIds[a] = end;
    }
    row.end = end;
    let action = this.#actionIds[a] ?? -1;
    if (action < 0) {
      action = rows.text('action', allow ? 'allow' : 'drop');
      this.#actionIds[a] = action;
    }
    row.action = action;
    if (this.#formatId < 0) this.#formatId = rows.text('format', FIREWALL_ID);
    row.format = this.#formatId;
    rows.add(row);
    return true;
  }

  /**
   * Addresses other than canonical dotted quads by their bytes: the store's code and whether the canonical
   * text is IPv6 (addressBytes' reading: the same token limits, normalizeAddress of the same text), or null.
   */
  #other(rows: RowSink): TokenCache<OtherAddress | null> {
    if (this.#others === null) {
      this.#others = new TokenCache<OtherAddress | null>(
        13,
        OTHER_ADDRESS_BYTES,
        (text) => {
          // The cache is direct-mapped: a log with a few thousand IPv6 peers evicts often, and reading the text
          // again cost ~2 µs; the texts seen are kept (bounded) so an evicted one is found again by its text.
          let hit = this.#othersByText.get(text);
          if (hit === undefined) {
            const a = normalizeAddress(text);
            hit = a === null ? null : { code: rows.address(a), v6: a.includes(':') };
            if (this.#othersByText.size >= OTHER_TEXTS) this.#othersByText.clear();
            this.#othersByText.set(text, hit);
          }
          return hit;
        },
        null,
      );
    }
    return this.#others;
  }
}

/** Start of token `k` of the bounds splitBytes wrote. */
function at(b: Int32Array, k: number): number {
  return b[2 * k] ?? 0;
}

/** End of token `k`. */
function to(b: Int32Array, k: number): number {
  return b[2 * k + 1] ?? 0;
}

/**
 * The FlowRecord flag bits (FLAG_LETTERS) of the tcpflags column: 0 unless TCP with a column other than '-';
 * -1 when the column holds a byte ≥ 0x80 (the line is declined).
 */
function flagBits(buf: Buffer, ix: FirewallIndex, b: Int32Array, pro: Transport): number {
  const f = ix.tcpflags;
  if (pro !== TCP || f < 0) return 0;
  const s = b[2 * f] ?? 0;
  const e = b[2 * f + 1] ?? 0;
  if (e - s === 1 && buf[s] === 45) return 0;
  let bits = 0;
  for (let i = s; i < e; i++) {
    const c = buf[i] ?? 0;
    if (c >= 0x80) return -1;
    bits |= FLAG_BIT[c] ?? 0;
  }
  return bits;
}
