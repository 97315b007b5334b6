/**
 * The NDJSON line of a held log record, spelt as bytes straight from the store's columns (flow-store.ts) into
 * a ByteOutput: no FlowRecord and no string per line (building both was most of a log run's cost, ~2.9 s of
 * CPU per million flows). Byte for byte the line flow-ndjson.ts writes for the record `LogIngest` hands out:
 * the same keys in the same order, numbers as `String(n)`, strings as `JSON.stringify`, UTF-8 (compared on
 * generated records with hostile strings in tests/ingest/logs/store-ndjson.test.ts, and on the shared logs).
 * Repeated texts (protocol, flags, end reason, action, format, file, addresses, the second of a time) are
 * encoded once and copied after. Records that carry objects their parser made (names, process, HTTP,
 * certificate) are not written here (FlowStore.hasExtra): the caller builds and writes those few as records.
 */
import type { ByteOutput } from '../../core/byte-output.js';
import { namesJson } from '../../flows/flow-ndjson.js';
import type { FlowName } from '../../flows/flow-record.js';
import { B_CLIENT_REF, B_SERVER_REF, type FlowStore } from './flow-store.js';
import { enc, IsoBytes, LineBytes, utf8 } from './line-bytes.js';
import { getNum, MASK } from './store-columns.js';

/** The fixed pieces of a line, as bytes, built once. */
const K = {
  client: enc(',"client":'),
  clientPort: enc(',"clientPort":'),
  server: enc(',"server":'),
  serverPort: enc(',"serverPort":'),
  firstSeen: enc(',"firstSeen":'),
  lastSeen: enc(',"lastSeen":'),
  packetsOut: enc(',"packetsOut":'),
  packetsIn: enc(',"packetsIn":'),
  bytesOut: enc(',"bytesOut":'),
  bytesIn: enc(',"bytesIn":'),
  rttNull: enc(',"rttMs":null'),
  noCounters: enc(',"packetsOut":null,"packetsIn":null,"bytesOut":null,"bytesIn":null,"rttMs":null'),
  tcpFlags: enc(',"tcpFlags":'),
  endReason: enc(',"endReason":'),
  noNames: enc(',"tunnelDepth":0,"names":[]'),
  names: enc(',"tunnelDepth":0,"names":'),
  file: enc(',"source":{"file":'),
  line: enc(',"line":'),
  format: enc(',"format":'),
  pid: enc(',"process":{"pid":'),
  action: enc(',"action":'),
  bytesTotal: enc(',"bytesTotal":'),
  end: enc('}\n'),
};

/** The JSON bytes of a table's entries, by id, encoded on first use. */
class JsonById {
  readonly #bytes: (Uint8Array | undefined)[] = [];
  readonly #text: (id: number) => string;

  constructor(text: (id: number) => string) {
    this.#text = text;
  }

  get(id: number): Uint8Array {
    let b = this.#bytes[id];
    if (b === undefined) {
      b = utf8(JSON.stringify(this.#text(id)));
      this.#bytes[id] = b;
    }
    return b;
  }
}

/** Offsets in the `,"firstSeen":"…","lastSeen":"…"` piece. */
const FIRST_AT = K.firstSeen.length;
const LAST_AT = FIRST_AT + 29 + K.lastSeen.length;

/** Slots of the cache of `,"tcpFlags":…,"line":` pieces (a power of two). */
const TAIL_SLOTS = 64;

/** The pieces one after the other, as a plain Uint8Array (see enc). */
function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/**
 * Writes held records' lines. Most of a line is the same from one record to the next, so it is copied in a few
 * pieces built once: the protocol with its key, both times with theirs (rewritten only when a time changes),
 * flags + end reason + file (a small cache), format + process key, action + line end.
 */
export class StoreNdjson {
  readonly #store: FlowStore;
  readonly #line: LineBytes;
  /** `{"proto":"tcp","ipProto":6,"client":` per proto column id. */
  readonly #protos: (Uint8Array | undefined)[] = [];
  readonly #flags: JsonById;
  readonly #ends: JsonById;
  readonly #actions: JsonById;
  readonly #formats: JsonById;
  readonly #files: JsonById;
  readonly #addresses: JsonById;
  readonly #iso = new IsoBytes();
  /** `,"firstSeen":"…","lastSeen":"…"` for the times of the last line, then the counters' nulls. */
  readonly #times = new Uint8Array(LAST_AT + 29 + K.noCounters.length);
  /** The times alone and the times with the nulls (one copy instead of two for a line without counters). */
  readonly #timesOnly = this.#times.subarray(0, LAST_AT + 29);
  #first = Number.NaN;
  #last = Number.NaN;
  /** `,"tcpFlags":F,"endReason":E,"tunnelDepth":0,"names":[],"source":{"file":X,"line":`, by (F, E, X) ids. */
  readonly #tailKeys = new Int32Array(TAIL_SLOTS * 3).fill(-1);
  readonly #tails: Uint8Array[] = new Array<Uint8Array>(TAIL_SLOTS).fill(new Uint8Array(0));
  /** `,"format":F}` and, with a pid, `,"format":F},"process":{"pid":`: by format id * 2 + (pid ? 1 : 0). */
  readonly #formatPieces: (Uint8Array | undefined)[] = [];
  /** `[}],"action":A` then `}\n` or `,"bytesTotal":`: by (action + 1) * 4 + (total ? 2 : 0) + (pid ? 1 : 0). */
  readonly #closings: (Uint8Array | undefined)[] = [];

  /** Writes into `out`; call `flush` after the last line (and before anything else writes to `out`). */
  constructor(store: FlowStore, out: ByteOutput) {
    this.#store = store;
    this.#line = new LineBytes(out);
    this.#flags = new JsonById((id) => store.flagsText(id));
    this.#ends = new JsonById((id) => store.endText(id));
    this.#actions = new JsonById((id) => store.actionText(id));
    this.#formats = new JsonById((id) => store.formatText(id));
    this.#files = new JsonById((id) => store.stringOf(id));
    this.#addresses = new JsonById((id) => store.addressText(id));
    this.#times.set(K.firstSeen, 0);
    this.#times.set(K.lastSeen, FIRST_AT + 29);
    this.#times.set(K.noCounters, LAST_AT + 29);
  }

  /** The output, for a line written as text: what was spelt here so far goes first. */
  get out(): ByteOutput {
    return this.#line.out;
  }

  flush(): void {
    this.#line.flush();
  }

  /** Writes the line of record `r` (which has no extra) with `names` (DNS names found for it; often none). */
  write(r: number, names: readonly FlowName[]): void {
    const store = this.#store;
    const w = this.#line;
    const page = store.pageOf(r);
    const slot = r & MASK;
    const bits = page.bits[slot] ?? 0;
    const protoId = page.proto[slot] ?? 0;
    w.put(this.#protos[protoId] ?? this.#proto(protoId));
    const client = page.client[slot] ?? 0;
    if ((bits & B_CLIENT_REF) !== 0) w.put(this.#addresses.get(client));
    else w.ipv4(client);
    w.put(K.clientPort);
    w.number(page.clientPort[slot] ?? 0);
    w.put(K.server);
    const server = page.server[slot] ?? 0;
    if ((bits & B_SERVER_REF) !== 0) w.put(this.#addresses.get(server));
    else w.ipv4(server);
    w.put(K.serverPort);
    w.number(page.serverPort[slot] ?? 0);
    const first = page.first[slot] ?? 0;
    const stored = getNum(page.last, slot);
    const last = Number.isNaN(stored) ? first : stored;
    if (first !== this.#first) {
      this.#iso.write(this.#times, FIRST_AT, first);
      this.#first = first;
    }
    if (last !== this.#last) {
      // Most records last no time: the same 29 bytes again.
      if (last === first) this.#times.copyWithin(LAST_AT, FIRST_AT, FIRST_AT + 29);
      else this.#iso.write(this.#times, LAST_AT, last);
      this.#last = last;
    }
    const pktOut = getNum(page.pktOut, slot);
    const pktIn = getNum(page.pktIn, slot);
    const bytesOut = getNum(page.bytesOut, slot);
    const bytesIn = getNum(page.bytesIn, slot);
    if (Number.isNaN(pktOut) && Number.isNaN(pktIn) && Number.isNaN(bytesOut) && Number.isNaN(bytesIn)) {
      w.put(this.#times);
    } else {
      w.put(this.#timesOnly);
      w.put(K.packetsOut);
      w.number(pktOut);
      w.put(K.packetsIn);
      w.number(pktIn);
      w.put(K.bytesOut);
      w.number(bytesOut);
      w.put(K.bytesIn);
      w.number(bytesIn);
      w.put(K.rttNull);
    }
    const flags = page.flags[slot] ?? 0;
    const end = page.end[slot] ?? 0;
    const file = page.file[slot] ?? 0;
    if (names.length === 0) w.put(this.#tail(flags, end, file));
    else {
      w.put(K.tcpFlags);
      w.put(this.#flags.get(flags));
      w.put(K.endReason);
      w.put(this.#ends.get(end));
      w.put(K.names);
      w.out.utf8(namesJson(names as FlowName[]));
      w.put(K.file);
      w.put(this.#files.get(file));
      w.put(K.line);
    }
    w.number(getNum(page.line, slot));
    const pid = getNum(page.pid, slot);
    const hasPid = Number.isNaN(pid) ? 0 : 1;
    const f = (page.format[slot] ?? 0) * 2 + hasPid;
    w.put(this.#formatPieces[f] ?? this.#formatPiece(f));
    if (hasPid === 1) w.number(pid);
    const total = getNum(page.bytesTotal, slot);
    const hasTotal = Number.isNaN(total) ? 0 : 2;
    const e = (page.action[slot] ?? 0) * 4 + hasTotal + hasPid;
    w.put(this.#closings[e] ?? this.#endPiece(e));
    if (hasTotal !== 0) {
      w.number(total);
      w.put(K.end);
    }
  }

  #tail(flags: number, end: number, file: number): Uint8Array {
    const h = (Math.imul(flags, 0x9e3779b1) ^ Math.imul(end, 0x85ebca6b) ^ Math.imul(file, 0xc2b2ae35)) >>> 26;
    const k = h * 3;
    const keys = this.#tailKeys;
    if (keys[k] === flags && keys[k + 1] === end && keys[k + 2] === file) return this.#tails[h] as Uint8Array;
    const b = concat(
      K.tcpFlags,
      this.#flags.get(flags),
      K.endReason,
      this.#ends.get(end),
      K.noNames,
      K.file,
      this.#files.get(file),
      K.line,
    );
    keys[k] = flags;
    keys[k + 1] = end;
    keys[k + 2] = file;
    this.#tails[h] = b;
    return b;
  }

  #formatPiece(f: number): Uint8Array {
    const head = concat(K.format, this.#formats.get(f >>> 1), enc('}'));
    const b = (f & 1) === 0 ? head : concat(head, K.pid);
    this.#formatPieces[f] = b;
    return b;
  }

  #endPiece(e: number): Uint8Array {
    const action = e >>> 2;
    const parts: Uint8Array[] = [];
    if ((e & 1) !== 0) parts.push(enc('}'));
    if (action > 0) parts.push(K.action, this.#actions.get(action - 1));
    parts.push((e & 2) !== 0 ? K.bytesTotal : K.end);
    const b = concat(...parts);
    this.#closings[e] = b;
    return b;
  }

  #proto(id: number): Uint8Array {
    const store = this.#store;
    const n = store.protoNumber(id);
    const ip = Number.isFinite(n) ? String(n) : 'null';
    const b = enc(`{"proto":"${store.protoName(id)}","ipProto":${ip},"client":`);
    this.#protos[id] = b;
    return b;
  }
}
