/**
 * NDJSON for flow records, hand-serialised in the documented key order: the flows command writes one line per
 * flow, and JSON.stringify over a generic object was the largest per-flow cost on big captures. Parsing a line
 * back gives an object deep-equal to the record (tested).
 */
import type { FlowName, FlowRecord } from './flow-record.js';

/** Printable ASCII without the quote and backslash: such strings need no escaping in JSON. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function str(s: string): string {
  return PLAIN.test(s) ? `"${s}"` : JSON.stringify(s);
}

function num(n: number | null): string {
  return n === null || !Number.isFinite(n) ? 'null' : String(n);
}

function nameJson(n: FlowName): string {
  let out = `{"name":${str(n.name)},"via":${str(n.via)},"frame":${num(n.frame)}`;
  if (n.cnameChain !== undefined) out += `,"cnameChain":[${n.cnameChain.map(str).join(',')}]`;
  if (n.unicode !== undefined) out += `,"unicode":${str(n.unicode)}`;
  if (n.suspicious !== undefined) out += `,"suspicious":${str(n.suspicious)}`;
  return `${out}}`;
}

/**
 * The protocol name is one of a closed set and needs no escaping; every
 * string that can come from input (names, file names, HTTP fields, log fields) goes through str().
 */
export function flowToNdjson(f: FlowRecord): string {
  let out =
    `{"proto":"${f.proto}","ipProto":${num(f.ipProto)},"client":${str(f.client)},"clientPort":${num(f.clientPort)}` +
    `,"server":${str(f.server)},"serverPort":${num(f.serverPort)},"firstSeen":${str(f.firstSeen)}` +
    `,"lastSeen":${str(f.lastSeen)},"packetsOut":${num(f.packetsOut)},"packetsIn":${num(f.packetsIn)}` +
    `,"bytesOut":${num(f.bytesOut)},"bytesIn":${num(f.bytesIn)},"rttMs":${num(f.rttMs)},"tcpFlags":${str(f.tcpFlags)}` +
    `,"endReason":${str(f.endReason)},"tunnelDepth":${num(f.tunnelDepth)},"names":[${f.names.map(nameJson).join(',')}]`;
  const s = f.source;
  out += `,"source":{"file":${str(s.file)}`;
  if (s.firstFrame !== undefined) out += `,"firstFrame":${num(s.firstFrame)}`;
  if (s.line !== undefined) out += `,"line":${num(s.line)}`;
  if (s.format !== undefined) out += `,"format":${str(s.format)}`;
  out += '}';
  if (f.alpn !== undefined) out += `,"alpn":[${f.alpn.map(str).join(',')}]`;
  if (f.tlsVersions !== undefined) out += `,"tlsVersions":[${f.tlsVersions.map(str).join(',')}]`;
  if (f.ech !== undefined) out += `,"ech":${f.ech}`;
  if (f.http !== undefined) out += `,"http":{"method":${str(f.http.method)},"path":${str(f.http.path)}}`;
  if (f.pii !== undefined) out += `,"pii":${JSON.stringify(f.pii)}`;
  if (f.process !== undefined) out += `,"process":${JSON.stringify(f.process)}`;
  if (f.action !== undefined) out += `,"action":${str(f.action)}`;
  return `${out}}\n`;
}
