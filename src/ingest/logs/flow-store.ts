/**
 * The records of a log run, held compactly until `LogIngest.finish` (the joins need every file read first):
 * one typed-array column per field in pages of 16 384 records (store-columns.ts: absent columns cost nothing,
 * numbers, ports and indexes take 16 or 32 bits until a value needs more), repeated strings (protocol, flags,
 * action, format, file) as table indexes, canonical IPv4 addresses packed into 32 bits, the rest (names,
 * process, http) only where present. About 50 bytes a Windows Firewall record (136 in the row layout before,
 * ~800 as a FlowRecord object graph), and nothing per record for the GC to trace. FlowRecords are built once,
 * in time order, as they are handed out.
 */

import { internIpv4 } from '../../core/intern.js';
import type { FlowName, FlowProto, FlowRecord } from '../../flows/flow-record.js';
import type { FileTally } from './file-tally.js';
import { JoinKeys } from './join-keys.js';
import type { JoinHint } from './log-format.js';
import { type FlowFields, type LogAddress, plausibleMicros } from './log-record.js';
import { isoFromMicros } from './log-time.js';
import {
  getNum,
  type IdColumn,
  MASK,
  type NumColumn,
  newIds,
  newPorts,
  PAGE,
  PAGE_BITS,
  type PortColumn,
  putId,
  putNum,
  putPort,
} from './store-columns.js';
import type { RowColumn, StoreRow } from './store-row.js';
import { ProtoTable, StringTable } from './store-tables.js';

/** Bits of a record's `bits` byte. */
export const B_CLIENT_REF = 1;
export const B_SERVER_REF = 2;
const B_PRIMARY = 4;
/** Slots of the IPv4 text cache (a power of two). */

/** What few records carry: kept as the objects the parser made (names arrays are shared, as before). */
interface Extra {
  names?: FlowName[];
  process?: FlowRecord['process'];
  http?: FlowRecord['http'];
  serverCertificate?: FlowRecord['serverCertificate'];
}

/**
 * One page of records, a column per field (store-columns.ts): columns that are absent for a whole page (a
 * log without last-seen times, reply counts or pids) take no memory at all, and numbers and table indexes
 * take 32 or 16 bits until a value needs more. Read directly (never written) by store-ndjson.ts.
 */
export interface StorePage {
  first: Float64Array;
  /** A packed IPv4, or an index into the address table when the record's B_*_REF bit is set. */
  client: Uint32Array;
  server: Uint32Array;
  clientPort: PortColumn;
  serverPort: PortColumn;
  bits: Uint8Array;
  /** Indexes into the (proto, ipProto) table and the string tables; action is stored + 1 (0 = none). */
  proto: IdColumn;
  flags: IdColumn;
  end: IdColumn;
  action: IdColumn;
  format: IdColumn;
  file: IdColumn;
  /** JoinKeys entry of the record's join key, -1 = none; the column exists once a page holds one. */
  join: Int32Array | null;
  line: NumColumn;
  /** Last-seen time where it differs from first-seen. */
  last: NumColumn;
  pktOut: NumColumn;
  pktIn: NumColumn;
  bytesOut: NumColumn;
  bytesIn: NumColumn;
  bytesTotal: NumColumn;
  pid: NumColumn;
  extra: (Extra | undefined)[] | null;
}

function newPage(): StorePage {
  return {
    first: new Float64Array(PAGE),
    client: new Uint32Array(PAGE),
    server: new Uint32Array(PAGE),
    clientPort: newPorts(),
    serverPort: newPorts(),
    bits: new Uint8Array(PAGE),
    proto: newIds(),
    flags: newIds(),
    end: newIds(),
    action: newIds(),
    format: newIds(),
    file: newIds(),
    join: null,
    line: null,
    last: null,
    pktOut: null,
    pktIn: null,
    bytesOut: null,
    bytesIn: null,
    bytesTotal: null,
    pid: null,
    extra: null,
  };
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

export class FlowStore {
  #pages: StorePage[] = [];
  #count = 0;
  #strings = new StringTable();
  #addresses = new StringTable();
  #joinKeys = new JoinKeys();
  #protos = new ProtoTable();
  /** One table per short string column, so each column's "same as last time" check usually hits. */
  #flags = new StringTable();
  #ends = new StringTable();
  #actions = new StringTable();
  #formats = new StringTable();

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
      page = newPage();
      this.#pages.push(page);
    }
    const slot = n & MASK;
    // Windows Firewall and others write "ICMP" for ICMPv6 too: the address family decides.
    let proto: FlowProto = f.proto;
    let ipProto = f.ipProto;
    if (proto === 'icmp' && typeof f.client === 'string' && f.client.includes(':')) {
      proto = 'icmpv6';
      ipProto = 58;
    }
    const first = f.firstMicros;
    const last = f.lastMicros !== undefined && plausibleMicros(f.lastMicros) ? Math.max(f.lastMicros, first) : first;
    page.first[slot] = first;
    if (last !== first || page.last !== null) page.last = putNum(page.last, slot, last === first ? Number.NaN : last);
    let bits = join?.primary === true ? B_PRIMARY : 0;
    const cv = this.#address(f.client);
    page.client[slot] = cv >= 0 ? cv : -1 - cv;
    if (cv < 0) bits |= B_CLIENT_REF;
    const sv = this.#address(f.server);
    page.server[slot] = sv >= 0 ? sv : -1 - sv;
    if (sv < 0) bits |= B_SERVER_REF;
    page.bits[slot] = bits;
    page.clientPort = putPort(page.clientPort, slot, f.clientPort);
    page.serverPort = putPort(page.serverPort, slot, f.serverPort);
    page.line = putNum(page.line, slot, f.line);
    const pktOut = f.packetsOut ?? Number.NaN;
    if (page.pktOut !== null || !Number.isNaN(pktOut)) page.pktOut = putNum(page.pktOut, slot, pktOut);
    const pktIn = f.packetsIn ?? Number.NaN;
    if (page.pktIn !== null || !Number.isNaN(pktIn)) page.pktIn = putNum(page.pktIn, slot, pktIn);
    const bytesOut = f.bytesOut ?? Number.NaN;
    if (page.bytesOut !== null || !Number.isNaN(bytesOut)) page.bytesOut = putNum(page.bytesOut, slot, bytesOut);
    const bytesIn = f.bytesIn ?? Number.NaN;
    if (page.bytesIn !== null || !Number.isNaN(bytesIn)) page.bytesIn = putNum(page.bytesIn, slot, bytesIn);
    const total = f.bytesTotal ?? Number.NaN;
    if (page.bytesTotal !== null || !Number.isNaN(total)) page.bytesTotal = putNum(page.bytesTotal, slot, total);
    const pid = f.pid ?? Number.NaN;
    if (page.pid !== null || !Number.isNaN(pid)) page.pid = putNum(page.pid, slot, pid);
    page.proto = putId(page.proto, slot, this.#protos.id(proto, ipProto));
    page.flags = putId(page.flags, slot, this.#flags.id(f.tcpFlags ?? ''));
    page.end = putId(page.end, slot, this.#ends.id(f.endReason));
    page.action = putId(page.action, slot, f.action === undefined ? 0 : this.#actions.id(f.action) + 1);
    page.format = putId(page.format, slot, this.#formats.id(f.format));
    page.file = putId(page.file, slot, file);
    if (join !== undefined) {
      if (page.join === null) page.join = new Int32Array(PAGE).fill(-1);
      page.join[slot] = this.#joinKeys.add(join.key);
    } else if (page.join !== null) page.join[slot] = -1;
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

  /**
   * Holds one record given as numbers (store-row.ts): what `add` stores for the FlowFields it stands for, with
   * no join hint, no last-seen time, no reply counts, total or extra objects. `file` is a `stringId`.
   */
  addRow(row: StoreRow, file: number): void {
    const n = this.#count;
    let page = this.#pages[n >>> PAGE_BITS];
    if (page === undefined) {
      page = newPage();
      this.#pages.push(page);
    }
    const slot = n & MASK;
    page.first[slot] = row.first;
    // A fresh slot reads as absent in every optional column (store-columns.ts): only values are written.
    const client = row.client;
    const server = row.server;
    page.client[slot] = client >= 0 ? client : -1 - client;
    page.server[slot] = server >= 0 ? server : -1 - server;
    page.bits[slot] = (client < 0 ? B_CLIENT_REF : 0) | (server < 0 ? B_SERVER_REF : 0);
    // A whole port 0..65535 and an id up to 0xffff fit either width of their column: stored without the call
    // that widens (half the cost of a row in calls and type checks otherwise).
    const cp = row.clientPort;
    if (cp >= 0 && cp <= 0xffff && Math.floor(cp) === cp) page.clientPort[slot] = cp;
    else page.clientPort = putPort(page.clientPort, slot, cp);
    const sp = row.serverPort;
    if (sp >= 0 && sp <= 0xffff && Math.floor(sp) === sp) page.serverPort[slot] = sp;
    else page.serverPort = putPort(page.serverPort, slot, sp);
    page.line = putNum(page.line, slot, row.line);
    if (!Number.isNaN(row.pktOut)) page.pktOut = putNum(page.pktOut, slot, row.pktOut);
    if (!Number.isNaN(row.bytesOut)) page.bytesOut = putNum(page.bytesOut, slot, row.bytesOut);
    if (!Number.isNaN(row.pid)) page.pid = putNum(page.pid, slot, row.pid);
    if (row.proto <= 0xffff) page.proto[slot] = row.proto;
    else page.proto = putId(page.proto, slot, row.proto);
    if (row.flags <= 0xffff) page.flags[slot] = row.flags;
    else page.flags = putId(page.flags, slot, row.flags);
    if (row.end <= 0xffff) page.end[slot] = row.end;
    else page.end = putId(page.end, slot, row.end);
    if (row.action <= 0xffff) page.action[slot] = row.action;
    else page.action = putId(page.action, slot, row.action);
    if (row.format <= 0xffff) page.format[slot] = row.format;
    else page.format = putId(page.format, slot, row.format);
    if (file <= 0xffff) page.file[slot] = file;
    else page.file = putId(page.file, slot, file);
    if (page.join !== null) page.join[slot] = -1;
    this.#count = n + 1;
  }

  /** RowSink.proto: the id `add` stores for a (proto, ipProto) pair. */
  protoId(proto: FlowProto, ipProto: number): number {
    return this.#protos.id(proto, ipProto);
  }

  /** RowSink.text: the id `add` stores for a text column's value (the action's id + 1, as stored). */
  textId(column: RowColumn, s: string): number {
    switch (column) {
      case 'flags':
        return this.#flags.id(s);
      case 'end':
        return this.#ends.id(s);
      case 'action':
        return this.#actions.id(s) + 1;
      case 'format':
        return this.#formats.id(s);
    }
  }

  /** RowSink.address: a packed IPv4 (≥ 0), or -(1 + address table index) for any other address text. */
  addressCode(a: LogAddress): number {
    return this.#address(a);
  }

  /** Every record held, counted into `tally` by its file (`stringId`). */
  fileTotals(tally: FileTally): void {
    for (let n = 0; n < this.#count; n += PAGE) {
      const page = this.#pages[n >>> PAGE_BITS];
      if (page === undefined) break;
      const end = Math.min(PAGE, this.#count - n);
      for (let slot = 0; slot < end; slot++) {
        const file = page.file[slot] ?? 0;
        const f = page.first[slot] ?? 0;
        const stored = getNum(page.last, slot);
        tally.add(file, f, Number.isNaN(stored) ? f : stored);
      }
    }
  }

  /** First-seen time of record `r` (µs). */
  firstMicros(r: number): number {
    return this.#pages[r >>> PAGE_BITS]?.first[r & MASK] ?? Number.NaN;
  }

  /** Last-seen time of record `r` (µs). */
  lastMicros(r: number): number {
    const page = this.#pages[r >>> PAGE_BITS];
    if (page === undefined) return Number.NaN;
    const last = getNum(page.last, r & MASK);
    return Number.isNaN(last) ? (page.first[r & MASK] ?? Number.NaN) : last;
  }

  /** The `stringId` of record `r`'s file. */
  fileId(r: number): number {
    return this.#pages[r >>> PAGE_BITS]?.file[r & MASK] ?? 0;
  }

  /** The string behind a `stringId`. */
  stringOf(id: number): string {
    return this.#strings.get(id);
  }

  /** Join key id of record `r` (-1 when it has none): records with the same id describe one connection. */
  joinId(r: number): number {
    const entry = this.#pages[r >>> PAGE_BITS]?.join?.[r & MASK] ?? -1;
    return entry < 0 ? -1 : this.#joinKeys.id(entry);
  }

  /** Distinct join keys seen (ids are 0 .. joinKeys-1). */
  get joinKeys(): number {
    return this.#joinKeys.size === 0 ? 0 : this.#joinKeys.distinct;
  }

  isPrimary(r: number): boolean {
    return ((this.#pages[r >>> PAGE_BITS]?.bits[r & MASK] ?? 0) & B_PRIMARY) !== 0;
  }

  /** Whether record `r` carries objects its parser made (names, process, HTTP, certificate). */
  hasExtra(r: number): boolean {
    return this.pageOf(r).extra?.[r & MASK] !== undefined;
  }

  /** The page holding record `r` (its slot is `r & MASK`), for writers that read the columns in place. */
  pageOf(r: number): StorePage {
    const page = this.#pages[r >>> PAGE_BITS];
    if (page === undefined) throw new RangeError(`no record ${r}`);
    return page;
  }

  /** The (proto, ipProto) pair behind a `proto` column id. */
  protoName(id: number): FlowProto {
    return this.#protos.proto(id);
  }

  protoNumber(id: number): number {
    return this.#protos.ipProto(id);
  }

  /** The text behind an id of the flags, end, action (stored + 1), format and address columns. */
  flagsText(id: number): string {
    return this.#flags.get(id);
  }

  endText(id: number): string {
    return this.#ends.get(id);
  }

  actionText(id: number): string {
    return this.#actions.get(id);
  }

  formatText(id: number): string {
    return this.#formats.get(id);
  }

  addressText(id: number): string {
    return this.#addresses.get(id);
  }

  /** The client or server address of record `r` as text (what `record(r)` gives). */
  clientText(r: number): string {
    const page = this.pageOf(r);
    const slot = r & MASK;
    const v = page.client[slot] ?? 0;
    return ((page.bits[slot] ?? 0) & B_CLIENT_REF) !== 0 ? this.#addresses.get(v) : internIpv4(v);
  }

  serverText(r: number): string {
    const page = this.pageOf(r);
    const slot = r & MASK;
    const v = page.server[slot] ?? 0;
    return ((page.bits[slot] ?? 0) & B_SERVER_REF) !== 0 ? this.#addresses.get(v) : internIpv4(v);
  }

  /** Builds record `r` as a FlowRecord (the same keys in the same order as the NDJSON contract). */
  record(r: number): FlowRecord {
    const page = this.#pages[r >>> PAGE_BITS];
    if (page === undefined) throw new RangeError(`no record ${r}`);
    const slot = r & MASK;
    const x = page.extra?.[slot];
    const bits = page.bits[slot] ?? 0;
    const action = page.action[slot] ?? 0;
    const pid = getNum(page.pid, slot);
    const protoId = page.proto[slot] ?? 0;
    const first = page.first[slot] ?? 0;
    const last = getNum(page.last, slot);
    const client = page.client[slot] ?? 0;
    const server = page.server[slot] ?? 0;
    const rec: FlowRecord = {
      proto: this.#protos.proto(protoId),
      ipProto: this.#protos.ipProto(protoId),
      client: (bits & B_CLIENT_REF) !== 0 ? this.#addresses.get(client) : internIpv4(client),
      clientPort: page.clientPort[slot] ?? 0,
      server: (bits & B_SERVER_REF) !== 0 ? this.#addresses.get(server) : internIpv4(server),
      serverPort: page.serverPort[slot] ?? 0,
      firstSeen: isoFromMicros(first),
      lastSeen: isoFromMicros(Number.isNaN(last) ? first : last),
      packetsOut: orNull(getNum(page.pktOut, slot)),
      packetsIn: orNull(getNum(page.pktIn, slot)),
      bytesOut: orNull(getNum(page.bytesOut, slot)),
      bytesIn: orNull(getNum(page.bytesIn, slot)),
      rttMs: null,
      tcpFlags: this.#flags.get(page.flags[slot] ?? 0),
      endReason: this.#ends.get(page.end[slot] ?? 0),
      tunnelDepth: 0,
      names: x?.names ?? [],
      source: {
        file: this.#strings.get(page.file[slot] ?? 0),
        line: getNum(page.line, slot),
        format: this.#formats.get(page.format[slot] ?? 0),
      },
    };
    if (action > 0) rec.action = this.#actions.get(action - 1);
    const total = getNum(page.bytesTotal, slot);
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
    this.#joinKeys = new JoinKeys();
    this.#protos = new ProtoTable();
    this.#flags = new StringTable();
    this.#ends = new StringTable();
    this.#actions = new StringTable();
    this.#formats = new StringTable();
  }

  /** Packed IPv4 (≥ 0) or -(1 + address table index) for any other address text. */
  #address(a: LogAddress): number {
    if (typeof a === 'number') return a;
    const v = packIpv4(a);
    return v >= 0 ? v : -1 - this.#addresses.id(a);
  }
}

function orNull(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}
