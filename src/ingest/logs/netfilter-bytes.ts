/**
 * The common netfilter LOG line (netfilter.ts: BSD syslog stamp, `kernel:` tag, KEY=value pairs) read from
 * its bytes in the chunk buffer: the stamp by SyslogClock.bsdBytes, the wanted keys found by one scan of the
 * tokens, numbers and dotted quads read in place, protocol and prefix looked up by their bytes. Anything else
 * (journald JSON, RFC 3339 or Proxmox stamps, non-ASCII in a field read, odd numbers) is declined, having
 * done nothing a text reading would see differently, and netfilter.ts reads the decoded line as before.
 */
import { addressBytes, ascii, countAt, indexOfAt, portAt, TokenCache } from './byte-walk.js';
import { parseProto } from './log-address.js';
import type { LogAddress } from './log-record.js';
import type { SyslogClock } from './syslog-header.js';

const IN_KEY = ascii('IN=');
const SRC_KEY = ascii('SRC=');
const KERNEL = ascii('kernel: ');
const CLOSE = ascii('] ');

/** The keys read, as netfilter.ts KEYS, and their bytes. */
const K_PROTO = 0;
const K_SRC = 1;
const K_DST = 2;
const K_SPT = 3;
const K_DPT = 4;
const K_LEN = 5;
const K_ID = 6;
const K_FLOWLBL = 7;
const KEY_BYTES = ['PROTO', 'SRC', 'DST', 'SPT', 'DPT', 'LEN', 'ID', 'FLOWLBL'].map(ascii);
const NONE: readonly number[] = [];
/** Indexes into KEY_BYTES by the key's first byte. */
const KEYS_BY_FIRST: number[][] = [];
for (const [k, key] of KEY_BYTES.entries()) {
  const list = KEYS_BY_FIRST[key[0] ?? 0] ?? [];
  list.push(k);
  KEYS_BY_FIRST[key[0] ?? 0] = list;
}
/** TCP flag words (netfilter.ts FLAG_WORDS order) and FlowRecord's letters for each set of them. */
const FLAG_WORDS = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR'].map(ascii);
const FLAG_LETTERS = 'FSRPAUEC';
const FLAG_TEXT: string[] = [];
for (let bits = 0; bits < 256; bits++) {
  let t = '';
  for (let k = 0; k < 8; k++) if (bits & (1 << k)) t += FLAG_LETTERS[k];
  FLAG_TEXT.push(t);
}
const BIT_S = 1 << 1;
const BIT_A = 1 << 4;

const PROTOS = new TokenCache<{ proto: NonNullable<ReturnType<typeof parseProto>> } | null>(
  6,
  16,
  (t) => {
    const p = parseProto(t);
    return p === null ? null : { proto: p };
  },
  null,
);

/** What one line says, filled in by `read` (reused from line to line). */
export interface NetfilterLine {
  micros: number;
  proto: NonNullable<ReturnType<typeof parseProto>>;
  src: LogAddress;
  dst: LogAddress;
  sport: number;
  dport: number;
  /** IP length, null when absent or not positive. */
  bytes: number | null;
  flags: string;
  /** TCP with SYN and ACK: the server's reply. */
  reply: boolean;
  /** The prefix's bytes, for the action. */
  prefixStart: number;
  prefixEnd: number;
  /** The ID (else FLOWLBL) value's bytes, -1 when neither is there. */
  idStart: number;
  idEnd: number;
}

export class NetfilterBytes {
  readonly #clock: SyslogClock;
  /** netfilter.ts actionOf by the prefix's bytes (ASCII and blanks only). */
  readonly #actions: TokenCache<string | null>;
  readonly #start = new Int32Array(KEY_BYTES.length);
  readonly #end = new Int32Array(KEY_BYTES.length);
  readonly line: NetfilterLine = {
    micros: 0,
    proto: { proto: 'tcp', ipProto: 6 },
    src: 0,
    dst: 0,
    sport: 0,
    dport: 0,
    bytes: null,
    flags: '',
    reply: false,
    prefixStart: 0,
    prefixEnd: 0,
    idStart: -1,
    idEnd: -1,
  };

  constructor(clock: SyslogClock, actionOf: (prefix: string) => string) {
    this.#clock = clock;
    this.#actions = new TokenCache<string | null>(8, 96, actionOf, null, true);
    this.#emptyPrefix = actionOf('');
  }

  readonly #emptyPrefix: string;

  /** The action the prefix of the line `read` last filled in names; null = decline. */
  action(buf: Buffer): string | null {
    const l = this.line;
    return l.prefixEnd === l.prefixStart ? this.#emptyPrefix : this.#actions.get(buf, l.prefixStart, l.prefixEnd);
  }

  /** Fills `line` from buf[s, e) when it is the common case; false (nothing done) otherwise. */
  read(buf: Buffer, s: number, e: number): boolean {
    if (e <= s || buf[s] === 123 /* { */) return false;
    const inAt = inKeyAt(buf, s, e);
    if (inAt < 0 || indexOfAt(buf, s, e, SRC_KEY) < 0) return false;
    const micros = this.#clock.bsdBytes(buf, s, e);
    if (Number.isNaN(micros)) return false;
    const start = this.#start;
    const end = this.#end;
    const words = scanKeys(buf, inAt, e, start, end);
    const at = (k: number) => start[k] ?? -1;
    const to = (k: number) => end[k] ?? -1;
    const pro = at(K_PROTO) < 0 ? null : PROTOS.get(buf, at(K_PROTO), to(K_PROTO));
    if (pro === null) return false;
    if (at(K_SRC) < 0 || at(K_DST) < 0) return false;
    const src = addressBytes(buf, at(K_SRC), to(K_SRC));
    if (src === null) return false;
    const dst = addressBytes(buf, at(K_DST), to(K_DST));
    if (dst === null) return false;
    const sport = portValue(buf, at(K_SPT), to(K_SPT));
    const dport = portValue(buf, at(K_DPT), to(K_DPT));
    if (sport < 0 || dport < 0) return false;
    // Number(LEN): absent gives NaN, so null; only plain digits are read here.
    let bytes: number | null = null;
    if (at(K_LEN) >= 0) {
      const len = countAt(buf, at(K_LEN), to(K_LEN));
      if (len < 0) return false;
      bytes = len > 0 ? len : null;
    }
    const prefixStart = prefixAt(buf, s, inAt);
    if (prefixStart < 0) return false;
    const idKey = at(K_ID) >= 0 ? K_ID : K_FLOWLBL;
    for (let i = at(idKey); i >= 0 && i < to(idKey); i++) if ((buf[i] ?? 0) >= 0x80) return false;
    const l = this.line;
    l.micros = micros;
    l.proto = pro.proto;
    l.src = src;
    l.dst = dst;
    l.sport = sport;
    l.dport = dport;
    l.bytes = bytes;
    l.flags = FLAG_TEXT[words] ?? '';
    l.reply = pro.proto.proto === 'tcp' && (words & BIT_S) !== 0 && (words & BIT_A) !== 0;
    l.prefixStart = prefixStart;
    l.prefixEnd = inAt;
    l.idStart = at(idKey);
    l.idEnd = to(idKey);
    return true;
  }
}

/** netfilter.ts inKeyAt over bytes: the first `IN=` after ' ', ':' or ']' (or at the start), else -1. */
function inKeyAt(buf: Uint8Array, s: number, e: number): number {
  let i = indexOfAt(buf, s, e, IN_KEY);
  while (i > s) {
    const c = buf[i - 1];
    if (c === 32 || c === 58 || c === 93) return i;
    i = indexOfAt(buf, i + 3, e, IN_KEY);
  }
  return i;
}

/**
 * netfilter.ts scanKeys over bytes: value bounds of each wanted key's first occurrence from `at` (-1 = absent),
 * stopping at a token that starts with '['; returns the TCP flag words seen, as bits.
 */
function scanKeys(buf: Uint8Array, from: number, e: number, start: Int32Array, end: Int32Array): number {
  start.fill(-1);
  let words = 0;
  let i = from;
  while (i < e) {
    const c = buf[i];
    if (c === 32) {
      i++;
      continue;
    }
    if (c === 91 /* [ */) break;
    let stop = i;
    let eq = -1;
    while (stop < e && buf[stop] !== 32) {
      if (eq < 0 && buf[stop] === 61) eq = stop;
      stop++;
    }
    if (eq > i) {
      // Only the wanted keys that start with this token's letter are compared (most tokens: none).
      const candidates = KEYS_BY_FIRST[c ?? 0] ?? NONE;
      for (let j = 0; j < candidates.length; j++) {
        const k = candidates[j] ?? 0;
        const key = KEY_BYTES[k] as Uint8Array;
        if (eq - i !== key.length || (start[k] ?? 0) >= 0) continue;
        let same = true;
        for (let q = 1; q < key.length && same; q++) same = buf[i + q] === key[q];
        if (same) {
          start[k] = eq + 1;
          end[k] = stop;
          break;
        }
      }
    } else if (eq < 0 && stop - i === 3) {
      for (let k = 0; k < FLAG_WORDS.length; k++) {
        const w = FLAG_WORDS[k] as Uint8Array;
        if (buf[i] === w[0] && buf[i + 1] === w[1] && buf[i + 2] === w[2]) words |= 1 << k;
      }
    }
    i = stop;
  }
  return words;
}

/** parsePort of an optional value: absent, empty or '-' → 0; plain digits ≤ 65535 → the port; else -1. */
function portValue(buf: Uint8Array, s: number, e: number): number {
  if (s < 0 || e === s) return 0;
  const v = portAt(buf, s, e);
  return v === -1 ? 0 : v;
}

/**
 * netfilter.ts prefixStart over bytes: after `kernel: ` and a `[uptime] ` stamp when present, else the line
 * start; -1 (decline) when an uptime stamp's text would need a closer look.
 */
function prefixAt(buf: Uint8Array, s: number, inAt: number): number {
  // The first `kernel: ` of the line, when it is before IN= (it cannot overlap it), else the line start.
  const kernel = indexOfAt(buf, s, inAt, KERNEL);
  if (kernel < 0) return s;
  let i = kernel + 8;
  if (buf[i] === 91 /* [ */) {
    const close = indexOfAt(buf, i, inAt + 1, CLOSE);
    if (close < 0) return -1;
    if (close > i + 1) {
      let plain = true;
      for (let k = i + 1; k < close && plain; k++) {
        const c = buf[k] ?? 0;
        plain = (c >= 48 && c <= 57) || c === 46 || c === 32;
      }
      if (plain) i = close + 2;
    }
  }
  return i;
}
