/**
 * NDJSON for flow records, hand-serialised in the documented key order: the flows command writes one line per
 * flow, and JSON.stringify over a generic object was the largest per-flow cost on big captures. A line is
 * byte-for-byte `JSON.stringify` of the record with its keys in the documented order (tested over generated
 * records with hostile strings), so parsing it back gives an object deep-equal to the record.
 *
 * Speed (a log run writes a line per log line): strings are checked by a character loop and written as they
 * are when they need no escaping; the columns that repeat from one record to the next (file, format, flags,
 * end reason, action) remember their last text and its JSON; `process: {pid}` is written without stringify.
 * The same character loop tells whether a line is ASCII: writeFlowNdjson passes that on, so the output sink
 * can encode the text as Latin-1, a plain copy, instead of UTF-8 (which cost Node 20 about twice as much, and
 * gives the same bytes for ASCII).
 */
import type { FlowName, FlowRecord, ServerCertificateInfo } from './flow-record.js';

/**
 * What a string needs in JSON (kind()): nothing (printable ASCII without '"' and '\\': JSON.stringify(s) is
 * `"${s}"`), escaping, or escaping while holding characters from U+0080 up, which JSON.stringify writes as they
 * are (ECMA-262 §25.5.2.3 QuoteJSONString escapes only '"', '\\', code units below 0x20 and lone surrogates).
 */
const PLAIN = 0;
const ESCAPED = 1;
const WIDE = 2;

function kind(s: string): number {
  let k = PLAIN;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return WIDE;
    if (c < 0x20 || c === 0x7f || c === 0x22 || c === 0x5c) k = ESCAPED;
  }
  return k;
}

/**
 * Set while a line is written when a piece of it may hold a character from U+0080 up (a string with one, or an
 * object handed to JSON.stringify); cleared by writeFlowNdjson before each line.
 */
let wide = false;

function str(s: string): string {
  const k = kind(s);
  if (k === PLAIN) return `"${s}"`;
  if (k === WIDE) wide = true;
  return JSON.stringify(s);
}

/** A string column that mostly repeats: its last value, that value's JSON and whether the JSON is wide. */
class Repeat {
  #last = '';
  #json = '""';
  #wide = false;

  json(s: string): string {
    if (s !== this.#last) {
      const k = kind(s);
      this.#json = k === PLAIN ? `"${s}"` : JSON.stringify(s);
      this.#wide = k === WIDE;
      this.#last = s;
    }
    if (this.#wide) wide = true;
    return this.#json;
  }
}

const files = new Repeat();
const formats = new Repeat();
const flags = new Repeat();
const ends = new Repeat();
const actions = new Repeat();

function num(n: number | null): string {
  return n === null || !Number.isFinite(n) ? 'null' : String(n);
}

function list(items: string[]): string {
  let out = '';
  for (const item of items) out += out === '' ? str(item) : `,${str(item)}`;
  return `[${out}]`;
}

function nameJson(n: FlowName): string {
  let out = `{"name":${str(n.name)},"via":${str(n.via)},"frame":${num(n.frame)}`;
  if (n.cnameChain !== undefined) out += `,"cnameChain":${list(n.cnameChain)}`;
  if (n.unicode !== undefined) out += `,"unicode":${str(n.unicode)}`;
  if (n.suspicious !== undefined) out += `,"suspicious":${str(n.suspicious)}`;
  return `${out}}`;
}

export function namesJson(names: FlowName[]): string {
  if (names.length === 0) return '[]';
  let out = '';
  for (const n of names) out += out === '' ? nameJson(n) : `,${nameJson(n)}`;
  return `[${out}]`;
}

/**
 * `{"pid":N}` for the `{ pid }` log stores build (own keys checked: any other key, inherited enumerable
 * property or non-finite pid goes to JSON.stringify, which then decides exactly as before).
 */
function processJson(p: NonNullable<FlowRecord['process']>): string {
  const pid = p.pid;
  if (typeof pid === 'number' && Number.isFinite(pid)) {
    let only = true;
    for (const k in p) {
      if (k !== 'pid') {
        only = false;
        break;
      }
    }
    if (only) return `{"pid":${pid}}`;
  }
  wide = true;
  return JSON.stringify(p);
}

/** `{"subjectOrg":…,"subjectCountry":…,"subjectCommonName":…,"issuerOrg":…,"frame":N}`, nulls kept. */
export function certificateJson(c: ServerCertificateInfo): string {
  return (
    `{"subjectOrg":${strOrNull(c.subjectOrg)},"subjectCountry":${strOrNull(c.subjectCountry)}` +
    `,"subjectCommonName":${strOrNull(c.subjectCommonName)},"issuerOrg":${strOrNull(c.issuerOrg)},"frame":${num(c.frame)}}`
  );
}

function strOrNull(s: string | null): string {
  return s === null ? 'null' : str(s);
}

/** The counters of a log record that has none, as one piece (fewer concatenations per line). */
const NO_COUNTERS = ',"packetsOut":null,"packetsIn":null,"bytesOut":null,"bytesIn":null,"rttMs":null';
const NO_TUNNEL_NO_NAMES = ',"tunnelDepth":0,"names":[]';

function counters(f: FlowRecord): string {
  if (f.packetsOut === null && f.packetsIn === null && f.bytesOut === null && f.bytesIn === null && f.rttMs === null) {
    return NO_COUNTERS;
  }
  return (
    `,"packetsOut":${num(f.packetsOut)},"packetsIn":${num(f.packetsIn)},"bytesOut":${num(f.bytesOut)}` +
    `,"bytesIn":${num(f.bytesIn)},"rttMs":${num(f.rttMs)}`
  );
}

/**
 * The protocol name is one of a closed set and needs no escaping; every
 * string that can come from input (names, file names, HTTP fields, log fields) goes through str().
 */
export function flowToNdjson(f: FlowRecord): string {
  const s = f.source;
  const first = str(f.firstSeen);
  let out =
    `{"proto":"${f.proto}","ipProto":${num(f.ipProto)},"client":${str(f.client)},"clientPort":${num(f.clientPort)}` +
    `,"server":${str(f.server)},"serverPort":${num(f.serverPort)},"firstSeen":${first}` +
    `,"lastSeen":${f.lastSeen === f.firstSeen ? first : str(f.lastSeen)}${counters(f)}` +
    `,"tcpFlags":${flags.json(f.tcpFlags)},"endReason":${ends.json(f.endReason)}` +
    (f.tunnelDepth === 0 && f.names.length === 0
      ? NO_TUNNEL_NO_NAMES
      : `,"tunnelDepth":${num(f.tunnelDepth)},"names":${namesJson(f.names)}`) +
    `,"source":{"file":${files.json(s.file)}`;
  if (s.firstFrame !== undefined) out += `,"firstFrame":${num(s.firstFrame)}`;
  if (s.line !== undefined) out += `,"line":${num(s.line)}`;
  if (s.entry !== undefined) out += `,"entry":${num(s.entry)}`;
  if (s.format !== undefined) out += `,"format":${formats.json(s.format)}`;
  out += '}';
  if (f.alpn !== undefined) out += `,"alpn":${list(f.alpn)}`;
  if (f.tlsVersions !== undefined) out += `,"tlsVersions":${list(f.tlsVersions)}`;
  if (f.ech !== undefined) out += `,"ech":${f.ech}`;
  if (f.serverCertificate !== undefined) out += `,"serverCertificate":${certificateJson(f.serverCertificate)}`;
  if (f.http !== undefined) out += `,"http":{"method":${str(f.http.method)},"path":${str(f.http.path)}}`;
  if (f.pii !== undefined) {
    wide = true;
    out += `,"pii":${JSON.stringify(f.pii)}`;
  }
  if (f.decrypted !== undefined)
    out += `,"decrypted":{"bytesOut":${num(f.decrypted.bytesOut)},"bytesIn":${num(f.decrypted.bytesIn)}}`;
  if (f.content !== undefined) {
    wide = true;
    out += `,"content":${JSON.stringify(f.content)}`;
  }
  if (f.process !== undefined) out += `,"process":${processJson(f.process)}`;
  if (f.action !== undefined) out += `,"action":${actions.json(f.action)}`;
  if (f.bytesTotal !== undefined) out += `,"bytesTotal":${num(f.bytesTotal)}`;
  return `${out}}\n`;
}

/** Where writeFlowNdjson writes: `ascii` true says the text is all ASCII (so Latin-1 bytes are its UTF-8). */
export interface NdjsonSink {
  write(text: string, ascii?: boolean): void;
}

/** Writes the NDJSON line of `f` to `out`, saying whether it is ASCII (most lines are). */
export function writeFlowNdjson(out: NdjsonSink, f: FlowRecord): void {
  wide = false;
  const line = flowToNdjson(f);
  out.write(line, !wide);
}
