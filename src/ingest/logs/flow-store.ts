/**
 * The records of a log run, held compactly until `LogIngest.finish` (the joins need every file read first):
 * numbers in typed-array pages, repeated strings (protocol, flags, action, format, file) as table indexes,
 * canonical IPv4 addresses packed into a number, the rest (names, process, http, join) only where present.
 * About 130 bytes a record instead of ~800 for a FlowRecord object graph, and nothing per record for the GC
 * to trace. FlowRecords are built once, in time order, as they are handed out.
 */
import type { FlowName, FlowProto, FlowRecord } from '../../flows/flow-record.js';
import type { JoinHint } from './log-format.js';
import { type FlowFields, plausibleMicros } from './log-record.js';
import { isoFromMicros } from './log-time.js';

const PAGE_BITS = 14;
const PAGE = 1 << PAGE_BITS;
const MASK = PAGE - 1;

// Float64 columns (NaN = null / absent).
const F_FIRST = 0;
const F_LAST = 1;
const F_CLIENT = 2;
const F_SERVER = 3;
const F_PKT_OUT = 4;
const F_PKT_IN = 5;
const F_BYTES_OUT = 6;
const F_BYTES_IN = 7;
const F_LINE = 8;
const F_IP_PROTO = 9;
const F_PID = 10;
const F_BYTES_TOTAL = 11;
const F_STRIDE = 12;
// Int32 columns (string-table indexes; -1 = absent).
const I_CLIENT_PORT = 0;
const I_SERVER_PORT = 1;
const I_PROTO = 2;
const I_FLAGS = 3;
const I_END = 4;
const I_ACTION = 5;
const I_FORMAT = 6;
const I_FILE = 7;
/** Join key (index in the key table) and whether the record is the key's primary (1) or a detail (0). */
const I_JOIN = 8;
const I_PRIMARY = 9;
const I_STRIDE = 10;
/** Slots of the IPv4 text cache (a power of two). */
const IPV4_CACHE = 1 << 12;
/** Entries up to which a string table is searched linearly. */
const SMALL_TABLE = 8;

/** What few records carry: kept as the objects the parser made (names arrays are shared, as before). */
interface Extra {
  names?: FlowName[];
  process?: FlowRecord['process'];
  http?: FlowRecord['http'];
  serverCertificate?: FlowRecord['serverCertificate'];
}

interface Page {
  f: Float64Array;
  i: Int32Array;
  extra: (Extra | undefined)[] | null;
}

/**
 * Strings by index. Values are copied flat when first seen: a substring of a line would otherwise keep the
 * whole line alive (V8 sliced strings).
 */
class StringTable {
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

/** Dotted quad without leading zeros → its 32-bit value; -1 for anything else (kept as text). */
export function packIpv4(s: string): number {
  const n = s.length;
  if (n < 7 || n > 15) return -1;
  let v = 0;
  let octet = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || octet > 255 || parts === 4) return -1;
      v = v * 256 + octet;
      parts++;
      octet = 0;
      digits = 0;
      continue;
    }
    if (c < 48 || c > 57 || digits === 3 || (digits === 1 && octet === 0)) return -1;
    octet = octet * 10 + (c - 48);
    digits++;
  }
  return parts === 4 ? v : -1;
}

function ipv4Text(v: number): string {
  return `${Math.floor(v / 16777216)}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

export class FlowStore {
  #pages: Page[] = [];
  #count = 0;
  #strings = new StringTable();
  #addresses = new StringTable();
  #joinKeys = new StringTable();
  /** One table per short string column, so each column's "same as last time" check usually hits. */
  #flags = new StringTable();
  #ends = new StringTable();
  #actions = new StringTable();
  #formats = new StringTable();
  /**
   * Text of recently handed-out IPv4 addresses, direct-mapped by value (-1 = empty): a log repeats its hosts,
   * and the dotted quad costs four number conversions and as many concatenations. (Copying the text flat, as
   * StringTable does, measured dearer than the NDJSON writer flattening it.)
   */
  readonly #ipv4Keys = new Float64Array(IPV4_CACHE).fill(-1);
  readonly #ipv4Texts: string[] = new Array<string>(IPV4_CACHE).fill('');

  get size(): number {
    return this.#count;
  }

  /** A table index for a string column (e.g. the file name, once per file). */
  stringId(s: string): number {
    return this.#strings.id(s);
  }

  /** Holds one record; `file` is a `stringId`. The caller has checked that firstMicros is plausible. */
  add(f: FlowFields, file: number, join?: JoinHint): void {
    const n = this.#count;
    let page = this.#pages[n >>> PAGE_BITS];
    if (page === undefined) {
      page = { f: new Float64Array(PAGE * F_STRIDE), i: new Int32Array(PAGE * I_STRIDE), extra: null };
      this.#pages.push(page);
    }
    const slot = n & MASK;
    const fo = slot * F_STRIDE;
    const io = slot * I_STRIDE;
    const fc = page.f;
    const ic = page.i;
    // Windows Firewall and others write "ICMP" for ICMPv6 too: the address family decides.
    let proto: FlowProto = f.proto;
    let ipProto = f.ipProto;
    if (proto === 'icmp' && f.client.includes(':')) {
      proto = 'icmpv6';
      ipProto = 58;
    }
    const first = f.firstMicros;
    const last = f.lastMicros !== undefined && plausibleMicros(f.lastMicros) ? Math.max(f.lastMicros, first) : first;
    fc[fo + F_FIRST] = first;
    fc[fo + F_LAST] = last;
    fc[fo + F_CLIENT] = this.#address(f.client);
    fc[fo + F_SERVER] = this.#address(f.server);
    fc[fo + F_PKT_OUT] = f.packetsOut ?? Number.NaN;
    fc[fo + F_PKT_IN] = f.packetsIn ?? Number.NaN;
    fc[fo + F_BYTES_OUT] = f.bytesOut ?? Number.NaN;
    fc[fo + F_BYTES_IN] = f.bytesIn ?? Number.NaN;
    fc[fo + F_LINE] = f.line;
    fc[fo + F_IP_PROTO] = ipProto;
    fc[fo + F_PID] = f.pid ?? Number.NaN;
    fc[fo + F_BYTES_TOTAL] = f.bytesTotal ?? Number.NaN;
    ic[io + I_CLIENT_PORT] = f.clientPort;
    ic[io + I_SERVER_PORT] = f.serverPort;
    ic[io + I_PROTO] = this.#strings.id(proto);
    ic[io + I_FLAGS] = this.#flags.id(f.tcpFlags ?? '');
    ic[io + I_END] = this.#ends.id(f.endReason);
    ic[io + I_ACTION] = f.action === undefined ? -1 : this.#actions.id(f.action);
    ic[io + I_FORMAT] = this.#formats.id(f.format);
    ic[io + I_FILE] = file;
    ic[io + I_JOIN] = join === undefined ? -1 : this.#joinKeys.id(join.key);
    ic[io + I_PRIMARY] = join?.primary === true ? 1 : 0;
    if (f.names !== undefined || f.process !== undefined || f.http !== undefined || f.serverCertificate !== undefined) {
      const x: Extra = {};
      if (f.names !== undefined) x.names = f.names;
      if (f.process !== undefined) x.process = f.process;
      if (f.http !== undefined) x.http = f.http;
      if (f.serverCertificate !== undefined) x.serverCertificate = f.serverCertificate;
      if (page.extra === null) page.extra = [];
      page.extra[slot] = x;
    }
    this.#count = n + 1;
  }

  /** First-seen time of record `r` (µs). */
  firstMicros(r: number): number {
    return this.#pages[r >>> PAGE_BITS]?.f[(r & MASK) * F_STRIDE + F_FIRST] ?? Number.NaN;
  }

  /** Last-seen time of record `r` (µs). */
  lastMicros(r: number): number {
    return this.#pages[r >>> PAGE_BITS]?.f[(r & MASK) * F_STRIDE + F_LAST] ?? Number.NaN;
  }

  /** The `stringId` of record `r`'s file. */
  fileId(r: number): number {
    return this.#pages[r >>> PAGE_BITS]?.i[(r & MASK) * I_STRIDE + I_FILE] ?? 0;
  }

  /** The string behind a `stringId`. */
  stringOf(id: number): string {
    return this.#strings.get(id);
  }

  /** Join key id of record `r` (-1 when it has none): records with the same id describe one connection. */
  joinId(r: number): number {
    return this.#pages[r >>> PAGE_BITS]?.i[(r & MASK) * I_STRIDE + I_JOIN] ?? -1;
  }

  /** Distinct join keys seen (ids are 0 .. joinKeys-1). */
  get joinKeys(): number {
    return this.#joinKeys.size;
  }

  isPrimary(r: number): boolean {
    return this.#pages[r >>> PAGE_BITS]?.i[(r & MASK) * I_STRIDE + I_PRIMARY] === 1;
  }

  /** Builds record `r` as a FlowRecord (the same keys in the same order as the NDJSON contract). */
  record(r: number): FlowRecord {
    const page = this.#pages[r >>> PAGE_BITS];
    if (page === undefined) throw new RangeError(`no record ${r}`);
    const slot = r & MASK;
    const fo = slot * F_STRIDE;
    const io = slot * I_STRIDE;
    const fc = page.f;
    const ic = page.i;
    const x = page.extra?.[slot];
    const action = ic[io + I_ACTION] ?? -1;
    const pid = fc[fo + F_PID] ?? Number.NaN;
    const rec: FlowRecord = {
      proto: this.#strings.get(ic[io + I_PROTO] ?? 0) as FlowProto,
      ipProto: fc[fo + F_IP_PROTO] ?? 0,
      client: this.#addressText(fc[fo + F_CLIENT] ?? 0),
      clientPort: ic[io + I_CLIENT_PORT] ?? 0,
      server: this.#addressText(fc[fo + F_SERVER] ?? 0),
      serverPort: ic[io + I_SERVER_PORT] ?? 0,
      firstSeen: isoFromMicros(fc[fo + F_FIRST] ?? 0),
      lastSeen: isoFromMicros(fc[fo + F_LAST] ?? 0),
      packetsOut: orNull(fc[fo + F_PKT_OUT]),
      packetsIn: orNull(fc[fo + F_PKT_IN]),
      bytesOut: orNull(fc[fo + F_BYTES_OUT]),
      bytesIn: orNull(fc[fo + F_BYTES_IN]),
      rttMs: null,
      tcpFlags: this.#flags.get(ic[io + I_FLAGS] ?? 0),
      endReason: this.#ends.get(ic[io + I_END] ?? 0),
      tunnelDepth: 0,
      names: x?.names ?? [],
      source: {
        file: this.#strings.get(ic[io + I_FILE] ?? 0),
        line: fc[fo + F_LINE] ?? 0,
        format: this.#formats.get(ic[io + I_FORMAT] ?? 0),
      },
    };
    if (action >= 0) rec.action = this.#actions.get(action);
    const total = fc[fo + F_BYTES_TOTAL] ?? Number.NaN;
    if (!Number.isNaN(total)) rec.bytesTotal = total;
    if (x?.process !== undefined) rec.process = x.process;
    else if (!Number.isNaN(pid)) rec.process = { pid };
    if (x?.http !== undefined) rec.http = x.http;
    if (x?.serverCertificate !== undefined) rec.serverCertificate = x.serverCertificate;
    return rec;
  }

  /** Drops every record (after they were handed out). */
  clear(): void {
    this.#pages = [];
    this.#count = 0;
    this.#strings = new StringTable();
    this.#addresses = new StringTable();
    this.#joinKeys = new StringTable();
    this.#flags = new StringTable();
    this.#ends = new StringTable();
    this.#actions = new StringTable();
    this.#formats = new StringTable();
  }

  /** Packed IPv4 (≥ 0) or -(1 + table index) for any other address text. */
  #address(s: string): number {
    const v = packIpv4(s);
    return v >= 0 ? v : -1 - this.#addresses.id(s);
  }

  #addressText(v: number): string {
    if (v < 0) return this.#addresses.get(-1 - v);
    const slot = (v ^ (v >>> 12) ^ (v >>> 24)) & (IPV4_CACHE - 1);
    if (this.#ipv4Keys[slot] === v) return this.#ipv4Texts[slot] ?? ipv4Text(v);
    const text = ipv4Text(v);
    this.#ipv4Keys[slot] = v;
    this.#ipv4Texts[slot] = text;
    return text;
  }
}

function orNull(v: number | undefined): number | null {
  return v === undefined || Number.isNaN(v) ? null : v;
}
