/**
 * The common Windows Firewall line (ALLOW/DROP, TCP/UDP/ICMP, every column where #Fields says, plain numbers,
 * the plain 19-character stamp) read from its bytes in the chunk buffer: tokens found by one byte scan,
 * numbers and dotted quads read in place, no string built but a non-IPv4 address and the TCP flags (from a
 * table). Anything else is declined, having done nothing a text reading would see differently, and the line
 * is decoded and read by windows-firewall.ts exactly as before. The record is the one the text reader makes.
 */
import {
  addressBytes,
  ascii,
  countAt,
  isWordAt,
  portAt,
  splitBytes,
  TCP,
  transportAt,
  UPPER_TRANSPORTS,
} from './byte-walk.js';
import { newBounds } from './field-walk.js';
import type { LogContext } from './log-format.js';
import { emitFlow, reusableFields } from './log-record.js';
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

  constructor(ctx: LogContext, clock: FirewallClock) {
    this.#ctx = ctx;
    this.#clock = clock;
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
    const at = (k: number) => b[2 * k] ?? 0;
    const to = (k: number) => b[2 * k + 1] ?? 0;
    const a = ix.action;
    const allow = isWordAt(buf, at(a), to(a), ALLOW);
    if (!allow && !isWordAt(buf, at(a), to(a), DROP)) return false;
    const p = ix.protocol;
    const pro = transportAt(buf, at(p), to(p), UPPER_TRANSPORTS);
    if (pro === null) return false;
    const micros = this.#clock.bytes(buf, at(ix.date), to(ix.time));
    if (Number.isNaN(micros)) return false;
    const sp = ix['src-port'];
    const dp = ix['dst-port'];
    const sport = sp < 0 ? -1 : portAt(buf, at(sp), to(sp));
    const dport = dp < 0 ? -1 : portAt(buf, at(dp), to(dp));
    const size = ix.size < 0 ? -1 : countAt(buf, at(ix.size), to(ix.size));
    const pid = ix.pid < 0 ? -1 : countAt(buf, at(ix.pid), to(ix.pid));
    if (sport < -1 || dport < -1 || size < -1 || pid < -1) return false;
    const src = addressBytes(buf, at(ix['src-ip']), to(ix['src-ip']));
    if (src === null) return false;
    const dst = addressBytes(buf, at(ix['dst-ip']), to(ix['dst-ip']));
    if (dst === null) return false;
    let flags = '';
    const f = ix.tcpflags;
    if (pro === TCP && f >= 0 && !(to(f) - at(f) === 1 && buf[at(f)] === 45)) {
      let bits = 0;
      for (let i = at(f); i < to(f); i++) {
        const c = buf[i] ?? 0;
        if (c >= 0x80) return false;
        bits |= FLAG_BIT[c] ?? 0;
      }
      flags = FLAG_TEXT[bits] ?? '';
    }
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
}
