/**
 * The NDJSON line of a flow leaving the capture flow table, spelt as bytes straight from the table's columns
 * (ended-flow.ts): no FlowRecord, no string per line. Byte for byte the line flow-ndjson.ts writes for
 * `flowToRecord(flow)` (the same key order and number and string spelling; tested over generated flows and on
 * every corpus capture by `npm run same-bytes`). What is rare or nested (certificates, HTTP, personal data,
 * content) is written through the string writer's own functions, so the two cannot drift apart there.
 */
import type { ByteOutput } from '../core/byte-output.js';
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
    if (s !== this.#last) {
      this.#last = s;
      this.#bytes = Buffer.from(JSON.stringify(s), 'utf8');
    }
    out.bytes(this.#bytes);
  }
}

const files = new RepeatedJson();
const formats = new RepeatedJson();
const reasons = new RepeatedJson();

export function writeEndedFlowNdjson(out: ByteOutput, f: EndedFlow): void {
  const proto = f.proto;
  const d = f.details;
  out.bytes(K.proto);
  out.ascii(proto);
  out.bytes(K.ipProto);
  out.number(f.ipProto);
  // IPv4 addresses are spelt from the columns' words; IPv6 ones through their text (tshark's spelling).
  const v6 = f.v6;
  out.bytes(K.client);
  if (v6) out.jsonString(f.client);
  else out.quotedIpv4(f.clientWord);
  out.bytes(K.clientPort);
  out.number(f.clientPort);
  out.bytes(K.server);
  if (v6) out.jsonString(f.server);
  else out.quotedIpv4(f.serverWord);
  out.bytes(K.serverPort);
  out.number(f.serverPort);
  // isoMicros gives "YYYY-MM-DDTHH:MM:SS.ffffffZ": ASCII, nothing to escape.
  out.bytes(K.firstSeen);
  isoMicrosBytes(out, f.firstTs);
  out.bytes(K.lastSeen);
  isoMicrosBytes(out, f.lastTs);
  out.bytes(K.packetsOut);
  out.number(f.packetsOut);
  out.bytes(K.packetsIn);
  out.number(f.packetsIn);
  out.bytes(K.bytesOut);
  out.number(f.bytesOut);
  out.bytes(K.bytesIn);
  out.number(f.bytesIn);
  out.bytes(K.rttMs);
  const rtt = f.rttMs;
  if (rtt === null) out.ascii('null');
  else out.number(rtt);
  out.bytes(K.tcpFlags);
  if (proto === 'tcp') out.ascii(tcpFlagLetters(f.tcpFlags));
  out.bytes(K.endReason);
  reasons.write(out, f.endReason);
  out.bytes(K.tunnelDepth);
  out.number(f.tunnelDepth);
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

/** isoMicros (flow-to-record.ts) spelt as bytes: the second's cached text, then the six digits. */
function isoMicrosBytes(out: ByteOutput, tsMicros: number): void {
  const micros = Math.floor(tsMicros);
  const second = Math.floor(micros / 1_000_000);
  const prefix = isoSecondPrefix(second);
  if (prefix === null) {
    out.ascii(NO_DATE);
    return;
  }
  out.ascii(prefix);
  out.byte(0x2e);
  out.padded(micros - second * 1_000_000, 6);
  out.byte(0x5a);
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
