/**
 * The NDJSON line of a flow leaving the capture flow table, spelt as bytes straight from the table's columns
 * (ended-flow.ts): no FlowRecord, no string per line. Byte for byte the line flow-ndjson.ts writes for
 * `flowToRecord(flow)` (the same key order and number and string spelling; tested over generated flows and on
 * every corpus capture by `npm run same-bytes`). What is rare or nested (certificates, HTTP, personal data,
 * content) is written through the string writer's own functions, so the two cannot drift apart there.
 */
import type { ByteOutput } from '../core/byte-output.js';
import { NUMBER_BYTES, putAscii, putBytes, putNumber, putPadded, putQuotedIpv4, putWhole } from '../core/byte-spell.js';
import type { EndedFlow } from './ended-flow.js';
import { certificateJson } from './flow-ndjson.js';
import type { FlowName } from './flow-record.js';
import { isoSecondPrefix, NO_DATE, tcpFlagLetters } from './flow-to-record.js';

const enc = (s: string): Uint8Array => Buffer.from(s, 'latin1');

/** `{"proto":"` and the like, as bytes, built once. */
const K = {
  proto: enc('{"proto":"'),
  ipProto: enc('","ipProto":'),
  client: enc(',"client":'),
  clientPort: enc(',"clientPort":'),
  server: enc(',"server":'),
  serverPort: enc(',"serverPort":'),
  firstSeen: enc(',"firstSeen":"'),
  lastSeen: enc('","lastSeen":"'),
  packetsOut: enc('","packetsOut":'),
  packetsIn: enc(',"packetsIn":'),
  bytesOut: enc(',"bytesOut":'),
  bytesIn: enc(',"bytesIn":'),
  rttMs: enc(',"rttMs":'),
  tcpFlags: enc(',"tcpFlags":"'),
  endReason: enc('","endReason":'),
  tunnelDepth: enc(',"tunnelDepth":'),
  names: enc(',"names":'),
  file: enc(',"source":{"file":'),
  firstFrame: enc(',"firstFrame":'),
  format: enc(',"format":'),
  name: enc('{"name":'),
  via: enc(',"via":'),
  frame: enc(',"frame":'),
  cnameChain: enc(',"cnameChain":'),
  unicode: enc(',"unicode":'),
  suspicious: enc(',"suspicious":'),
};

/** A string that repeats from line to line (file, format, end reason): its JSON bytes, kept for the last value. */
class RepeatedJson {
  #last = '';
  #bytes = enc('""');

  write(out: ByteOutput, s: string): void {
    out.bytes(this.bytesOf(s));
  }

  /** The JSON bytes of `s`. */
  bytesOf(s: string): Uint8Array {
    if (s !== this.#last) {
      this.#last = s;
      this.#bytes = Buffer.from(JSON.stringify(s), 'utf8');
    }
    return this.#bytes;
  }
}

/**
 * isoMicros (flow-to-record.ts) spelt as bytes: the second's text, then the six digits. The last second's text
 * is kept here: flows end in time order, so most lines' times fall in the second of the line before.
 */
class IsoMicrosBytes {
  #second = Number.NaN;
  #prefix: string | null = null;

  /** At most ISO_MICROS_BYTES bytes. */
  put(b: Uint8Array, p: number, tsMicros: number): number {
    const micros = Math.floor(tsMicros);
    const second = Math.floor(micros / 1_000_000);
    if (second !== this.#second) {
      this.#second = second;
      this.#prefix = isoSecondPrefix(second);
    }
    const prefix = this.#prefix;
    if (prefix === null) return putAscii(b, p, NO_DATE);
    let at = putAscii(b, p, prefix);
    b[at++] = 0x2e;
    at = putPadded(b, at, micros - second * 1_000_000, 6);
    b[at++] = 0x5a;
    return at;
  }
}

/** Longest text isoSecondPrefix gives (a six-digit year with its sign) and the fraction: a generous bound. */
const ISO_MICROS_BYTES = 48;
/** Longest IPv6 text, quoted. */
const QUOTED_ADDRESS_BYTES = 64;
/** Longest TCP flag letters (tcpFlagLetters: one per flag). */
const FLAG_BYTES = 16;

/** Bound on the line before its names, but for the end reason's JSON (added to it where reserved). */
const FIXED_RUN_BYTES =
  Object.values(K).reduce((n, k) => n + k.length, 0) +
  'icmpv6'.length +
  2 * QUOTED_ADDRESS_BYTES +
  2 * ISO_MICROS_BYTES +
  9 * NUMBER_BYTES +
  'null'.length +
  FLAG_BYTES;

/** A text of ASCII characters JSON leaves as they are (an address text), quoted. */
function putQuotedAscii(b: Uint8Array, p: number, s: string): number {
  b[p] = 0x22;
  const at = putAscii(b, p + 1, s);
  b[at] = 0x22;
  return at + 1;
}

const files = new RepeatedJson();
const firstSeen = new IsoMicrosBytes();
const lastSeen = new IsoMicrosBytes();
const formats = new RepeatedJson();
const reasons = new RepeatedJson();

export function writeEndedFlowNdjson(out: ByteOutput, f: EndedFlow): void {
  const proto = f.proto;
  const d = f.details;
  // The line up to its names has a bounded length (FIXED_RUN_BYTES): spelt from one reserved run with a local
  // position, not a method call per piece.
  const reason = reasons.bytesOf(f.endReason);
  const b = out.reserve(FIXED_RUN_BYTES + reason.length);
  let p = out.at;
  p = putBytes(b, p, K.proto);
  p = putAscii(b, p, proto);
  p = putBytes(b, p, K.ipProto);
  p = putWhole(b, p, f.ipProto);
  // IPv4 addresses are spelt from the columns' words; IPv6 ones from their text (tshark's spelling: hex digits,
  // colons and dots, nothing JSON escapes).
  const v6 = f.v6;
  p = putBytes(b, p, K.client);
  p = v6 ? putQuotedAscii(b, p, f.client) : putQuotedIpv4(b, p, f.clientWord);
  p = putBytes(b, p, K.clientPort);
  p = putWhole(b, p, f.clientPort);
  p = putBytes(b, p, K.server);
  p = v6 ? putQuotedAscii(b, p, f.server) : putQuotedIpv4(b, p, f.serverWord);
  p = putBytes(b, p, K.serverPort);
  p = putWhole(b, p, f.serverPort);
  // isoMicros gives "YYYY-MM-DDTHH:MM:SS.ffffffZ": ASCII, nothing to escape.
  p = putBytes(b, p, K.firstSeen);
  p = firstSeen.put(b, p, f.firstTs);
  p = putBytes(b, p, K.lastSeen);
  p = lastSeen.put(b, p, f.lastTs);
  p = putBytes(b, p, K.packetsOut);
  p = putNumber(b, p, f.packetsOut);
  p = putBytes(b, p, K.packetsIn);
  p = putNumber(b, p, f.packetsIn);
  p = putBytes(b, p, K.bytesOut);
  p = putNumber(b, p, f.bytesOut);
  p = putBytes(b, p, K.bytesIn);
  p = putNumber(b, p, f.bytesIn);
  p = putBytes(b, p, K.rttMs);
  const rtt = f.rttMs;
  p = rtt === null ? putAscii(b, p, 'null') : putNumber(b, p, rtt);
  p = putBytes(b, p, K.tcpFlags);
  if (proto === 'tcp') p = putAscii(b, p, tcpFlagLetters(f.tcpFlags));
  p = putBytes(b, p, K.endReason);
  p = putBytes(b, p, reason);
  p = putBytes(b, p, K.tunnelDepth);
  p = putWhole(b, p, f.tunnelDepth);
  out.advanceTo(p);
  out.bytes(K.names);
  if (d === null || d.names.length === 0) out.ascii('[]');
  else namesBytes(out, d.names);
  out.bytes(K.file);
  files.write(out, f.file);
  out.bytes(K.firstFrame);
  out.number(f.firstFrame);
  out.bytes(K.format);
  formats.write(out, f.format);
  out.byte(0x7d);
  if (d !== null) {
    if (d.alpn !== undefined) {
      out.ascii(',"alpn":');
      list(out, d.alpn);
    }
    if (d.tlsVersions !== undefined) {
      out.ascii(',"tlsVersions":');
      list(out, d.tlsVersions);
    }
    if (d.ech !== undefined) out.ascii(d.ech ? ',"ech":true' : ',"ech":false');
    if (d.serverCertificate !== undefined) {
      out.ascii(',"serverCertificate":');
      out.utf8(certificateJson(d.serverCertificate));
    }
    if (d.http !== undefined) {
      out.ascii(',"http":{"method":');
      out.jsonString(d.http.method);
      out.ascii(',"path":');
      out.jsonString(d.http.path);
      out.byte(0x7d);
    }
    if (d.pii !== undefined) {
      out.ascii(',"pii":');
      out.utf8(JSON.stringify(d.pii));
    }
  }
  if (f.decrypted !== undefined) {
    out.ascii(',"decrypted":{"bytesOut":');
    out.number(f.decrypted.bytesOut);
    out.ascii(',"bytesIn":');
    out.number(f.decrypted.bytesIn);
    out.byte(0x7d);
  }
  if (f.content !== undefined) {
    out.ascii(',"content":');
    out.utf8(JSON.stringify(f.content));
  }
  out.ascii('}\n');
}

function list(out: ByteOutput, items: readonly string[]): void {
  out.byte(0x5b);
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out.byte(0x2c);
    out.jsonString(items[i] ?? '');
  }
  out.byte(0x5d);
}

/** namesJson (flow-ndjson.ts) spelt as bytes: the same keys in the same order. */
function namesBytes(out: ByteOutput, names: FlowName[]): void {
  out.byte(0x5b);
  for (let i = 0; i < names.length; i++) {
    const n = names[i] as FlowName;
    if (i > 0) out.byte(0x2c);
    out.bytes(K.name);
    out.jsonString(n.name);
    out.bytes(K.via);
    out.jsonString(n.via);
    out.bytes(K.frame);
    out.number(n.frame);
    if (n.cnameChain !== undefined) {
      out.bytes(K.cnameChain);
      list(out, n.cnameChain);
    }
    if (n.unicode !== undefined) {
      out.bytes(K.unicode);
      out.jsonString(n.unicode);
    }
    if (n.suspicious !== undefined) {
      out.bytes(K.suspicious);
      out.jsonString(n.suspicious);
    }
    out.byte(0x7d);
  }
  out.byte(0x5d);
}
