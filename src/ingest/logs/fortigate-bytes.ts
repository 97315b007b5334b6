/**
 * The common FortiGate traffic line (fortigate.ts: key=value pairs, `eventtime` in s/ms/µs/ns) read from its
 * bytes in the chunk buffer: one scan over the pairs by key-value.ts's rules, keeping the bounds of the
 * wanted keys' first values only (the text reader builds a Map of all ~40 pairs), numbers and dotted quads
 * read in place. Declined (the text reader decides on the decoded line): no `eventtime` to read, a wanted
 * value with a backslash escape or a byte that is not printable ASCII, numbers that are not plain digits,
 * lines of 399 pairs or more.
 */
import { addressBytes, countAt, portAt, TokenCache } from './byte-walk.js';
import { parseProto } from './log-address.js';
import type { LogAddress } from './log-record.js';

const WANTED = [
  'srcip',
  'dstip',
  'type',
  'eventtime',
  'proto',
  'srcport',
  'dstport',
  'duration',
  'action',
  'sentpkt',
  'rcvdpkt',
  'sentbyte',
  'rcvdbyte',
  'hostname',
  'user',
  'unauthuser',
] as const;
type Wanted = (typeof WANTED)[number];
const IX = Object.fromEntries(WANTED.map((k, i) => [k, i])) as Record<Wanted, number>;
const WANTED_BYTES = WANTED.map((k) => Uint8Array.from(k, (c) => c.charCodeAt(0)));
/** Pairs after which key-value.ts may stop reading (it keeps at most 400 keys): such lines are declined. */
const MAX_PAIRS = 399;
/** Exact integers only: digits accumulated past this are declined. */
const MAX_EXACT = 2 ** 53;

const TRAFFIC = Uint8Array.from('traffic', (c) => c.charCodeAt(0));
const PROTOS = new TokenCache(6, 16, (t) => parseProto(t), null);
/** Printable ASCII values as text (actions repeat). */
const WORDS_MAX = 64;
const WORDS = new TokenCache<string | null>(8, WORDS_MAX, (t) => t, null, true);

/** What one line says, filled in by `read` (reused from line to line). */
export interface FortigateLine {
  epochMicros: number;
  proto: NonNullable<ReturnType<typeof parseProto>>;
  src: LogAddress;
  dst: LogAddress;
  sport: number;
  dport: number;
  /** Seconds; null when absent or '-'. */
  duration: number | null;
  action: string;
  sentPkt: number | null;
  rcvdPkt: number | null;
  sentByte: number | null;
  rcvdByte: number | null;
  /** Null when the line has no such key. */
  hostname: string | null;
  user: string | null;
}

export class FortigateBytes {
  readonly #start = new Int32Array(WANTED.length);
  readonly #end = new Int32Array(WANTED.length);
  readonly line: FortigateLine = {
    epochMicros: 0,
    proto: { proto: 'tcp', ipProto: 6 },
    src: 0,
    dst: 0,
    sport: 0,
    dport: 0,
    duration: null,
    action: '',
    sentPkt: null,
    rcvdPkt: null,
    sentByte: null,
    rcvdByte: null,
    hostname: null,
    user: null,
  };

  /** Fills `line` from buf[s, e) when it is the common traffic line; false (nothing done) otherwise. */
  read(buf: Buffer, s: number, e: number): boolean {
    let eq = s;
    while (eq < e && buf[eq] !== 61) eq++;
    if (eq >= e) return false;
    let keyStart = s;
    for (let i = eq - 1; i >= s; i--) {
      if (buf[i] === 32 || buf[i] === 62) {
        keyStart = i + 1;
        break;
      }
    }
    if (!this.#scan(buf, keyStart, e)) return false;
    const at = (k: Wanted) => this.#start[IX[k]] ?? -1;
    const to = (k: Wanted) => this.#end[IX[k]] ?? -1;
    if (at('srcip') < 0 || at('dstip') < 0) return false;
    if (at('type') >= 0 && !isWord(buf, at('type'), to('type'), TRAFFIC)) return false;
    const epoch = at('eventtime') < 0 ? -1 : epochAt(buf, at('eventtime'), to('eventtime'));
    if (epoch < 0) return false;
    const proto = at('proto') < 0 ? null : PROTOS.get(buf, at('proto'), to('proto'));
    if (proto === null) return false;
    const src = addressBytes(buf, at('srcip'), to('srcip'));
    if (src === null) return false;
    const dst = addressBytes(buf, at('dstip'), to('dstip'));
    if (dst === null) return false;
    const sport = portValue(buf, at('srcport'), to('srcport'));
    const dport = portValue(buf, at('dstport'), to('dstport'));
    if (sport < 0 || dport < 0) return false;
    const duration = countValue(buf, at('duration'), to('duration'));
    const sentPkt = countValue(buf, at('sentpkt'), to('sentpkt'));
    const rcvdPkt = countValue(buf, at('rcvdpkt'), to('rcvdpkt'));
    const sentByte = countValue(buf, at('sentbyte'), to('sentbyte'));
    const rcvdByte = countValue(buf, at('rcvdbyte'), to('rcvdbyte'));
    if (duration === -2 || sentPkt === -2 || rcvdPkt === -2 || sentByte === -2 || rcvdByte === -2) return false;
    const action = at('action') < 0 ? 'log' : text(buf, at('action'), to('action'));
    const hostname = at('hostname') < 0 ? null : text(buf, at('hostname'), to('hostname'));
    // `user ?? unauthuser`: an empty user= still hides unauthuser.
    const userKey: Wanted = at('user') >= 0 ? 'user' : 'unauthuser';
    const user = at(userKey) < 0 ? null : text(buf, at(userKey), to(userKey));
    if (action === null || (at('hostname') >= 0 && hostname === null) || (at(userKey) >= 0 && user === null)) {
      return false;
    }
    const l = this.line;
    l.epochMicros = epoch;
    l.proto = proto;
    l.src = src;
    l.dst = dst;
    l.sport = sport;
    l.dport = dport;
    l.duration = duration;
    l.action = action;
    l.sentPkt = sentPkt;
    l.rcvdPkt = rcvdPkt;
    l.sentByte = sentByte;
    l.rcvdByte = rcvdByte;
    l.hostname = hostname;
    l.user = user;
    return true;
  }

  /**
   * key-value.ts parseKeyValues from `i`, keeping the value bounds of each wanted key's first occurrence
   * (-1 = absent); false when a wanted value holds an escape or the line has too many pairs.
   */
  #scan(buf: Uint8Array, from: number, e: number): boolean {
    const start = this.#start;
    const end = this.#end;
    start.fill(-1);
    let i = from;
    let pairs = 0;
    while (i < e) {
      if (pairs >= MAX_PAIRS) return false;
      while (i < e && (buf[i] === 32 || buf[i] === 9 || buf[i] === 44)) i++;
      const keyStart = i;
      while (i < e && buf[i] !== 61 && buf[i] !== 32) i++;
      if (i >= e) break;
      if (buf[i] !== 61) continue; // a bare word: skip it
      const keyEnd = i;
      i++;
      let vs: number;
      let ve: number;
      let escaped = false;
      if (buf[i] === 34) {
        i++;
        vs = i;
        while (i < e && buf[i] !== 34) {
          if (buf[i] === 92 && i + 1 < e) {
            escaped = true;
            i++;
          }
          i++;
        }
        ve = i;
        i++;
      } else {
        vs = i;
        while (i < e && buf[i] !== 32 && buf[i] !== 9) i++;
        ve = i;
      }
      pairs++;
      const k = wantedKey(buf, keyStart, keyEnd);
      if (k >= 0 && (start[k] ?? 0) < 0) {
        if (escaped) return false;
        start[k] = vs;
        end[k] = ve;
      }
    }
    return true;
  }
}

/** Index in WANTED of the key buf[s, e), or -1. */
function wantedKey(buf: Uint8Array, s: number, e: number): number {
  const n = e - s;
  if (n < 4 || n > 10) return -1;
  for (let k = 0; k < WANTED_BYTES.length; k++) {
    const w = WANTED_BYTES[k] as Uint8Array;
    if (w.length === n && buf[s] === w[0] && isWord(buf, s, e, w)) return k;
  }
  return -1;
}

function isWord(buf: Uint8Array, s: number, e: number, word: Uint8Array): boolean {
  if (e - s !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (buf[s + i] !== word[i]) return false;
  return true;
}

/**
 * key-value.ts epochToMicros of plain digits buf[s, e): s (≤ 10 digits), ms (≤ 13), µs (≤ 16) or ns (≤ 20,
 * the last three dropped) → µs; -1 for anything else, or a value past 2^53 (where the digit arithmetic and
 * Number() could round differently).
 */
function epochAt(buf: Uint8Array, s: number, e: number): number {
  const digits = e - s;
  if (digits < 1 || digits > 20) return -1;
  const used = digits <= 16 ? digits : digits - 3;
  let v = 0;
  for (let i = s; i < e; i++) {
    const c = (buf[i] ?? 0) - 48;
    if (c < 0 || c > 9) return -1;
    if (i < s + used) v = v * 10 + c;
  }
  if (v >= MAX_EXACT) return -1;
  if (digits <= 10) return v * 1_000_000;
  if (digits <= 13) return v * 1000;
  return v;
}

/** parsePort of an optional value: absent, empty or '-' → 0; plain digits ≤ 65535 → the port; else -1. */
function portValue(buf: Uint8Array, s: number, e: number): number {
  if (s < 0 || e === s) return 0;
  const v = portAt(buf, s, e);
  return v === -1 ? 0 : v;
}

/** log-record.ts count of an optional value: absent or '-' → null; plain digits → the value; else -2. */
function countValue(buf: Uint8Array, s: number, e: number): number | null {
  if (s < 0) return null;
  const v = countAt(buf, s, e);
  return v === -1 ? null : v;
}

/** A value as text: '' when empty; null (decline) unless printable ASCII and blanks. */
function text(buf: Buffer, s: number, e: number): string | null {
  if (e === s) return '';
  if (e - s <= WORDS_MAX) return WORDS.get(buf, s, e);
  for (let i = s; i < e; i++) {
    const c = buf[i] ?? 0;
    if (c < 0x20 || c >= 0x7f) return null;
  }
  return buf.toString('latin1', s, e);
}
