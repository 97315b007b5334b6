/**
 * DNS messages (RFC 1035 §4.1), read only as far as naming flows needs: header, questions and the answer
 * section's A, AAAA and CNAME records. Also used for mDNS (RFC 6762) and LLMNR (RFC 4795), which share the format.
 *
 *   +----+-------+---------+---------+---------+---------+------------+---------+
 *   | ID | flags | QDCOUNT | ANCOUNT | NSCOUNT | ARCOUNT | questions  | answers |
 *   +----+-------+---------+---------+---------+---------+------------+---------+
 *    2 B   2 B     2 B       2 B       2 B       2 B
 */
import { u16be, u32be } from '../../core/bytes.js';
import { formatIPv4, formatIPv6 } from '../../core/ip-format.js';
import { safeNameOfBytes } from './safe-name.js';
import type { DnsMessage, DnsQuestion, DnsRecord, ParseOutcome } from './types.js';

export const DNS_HEADER_BYTES = 12;
/** Questions kept at most (others are still walked to find the answer section). */
export const MAX_KEPT_QUESTIONS = 32;
/** Answer records kept at most; a message larger than this is not a normal answer. */
export const MAX_KEPT_ANSWERS = 512;
/** RFC 1035 §2.3.4: a name is at most 255 octets in wire form. */
export const MAX_NAME_WIRE_BYTES = 255;
/** Compression pointers followed at most in one name (legitimate names need a handful). */
export const MAX_POINTER_HOPS = 128;
/** CNAME links followed at most by `cnameChainFor` (resolvers give up far earlier, e.g. BIND after 16). */
export const MAX_CNAME_CHAIN = 32;
/** One name's dotted bytes (a name of at most 255 wire bytes has at most 253), reused name after name. */
const NAME_SCRATCH = Buffer.alloc(MAX_NAME_WIRE_BYTES);

/** The answers of a message without any (read only: frozen). */
const NO_ANSWERS = Object.freeze([]) as unknown as DnsRecord[];

const TYPE_A = 1;
const TYPE_CNAME = 5;
const TYPE_AAAA = 28;
const CLASS_IN = 1;
/** Fixed part of a question (QTYPE, QCLASS) and of a resource record (TYPE, CLASS, TTL, RDLENGTH). */
const QUESTION_FIXED = 4;
const RR_FIXED = 10;

export function parseDnsMessage(buf: Uint8Array, off: number, len: number): ParseOutcome<DnsMessage> {
  return readDnsMessage(buf, off, len, true);
}

/**
 * Why parseDnsMessage would call this message invalid, or null when it would read it: the same checks in the same
 * order, without a string or object for what it holds (a query whose names nobody reads, issue #18).
 */
export function dnsMessageProblem(buf: Uint8Array, off: number, len: number): string | null {
  const out = readDnsMessage(buf, off, len, false);
  return out.kind === 'invalid' ? out.reason : null;
}

/** The questions of a message read without keeping anything (dnsMessageProblem). */
const NO_QUESTIONS = Object.freeze([]) as unknown as DnsQuestion[];

/** `keep` false: every check runs, but names and addresses are not spelt and nothing is kept (the result is empty). */
function readDnsMessage(buf: Uint8Array, off: number, len: number, keep: boolean): ParseOutcome<DnsMessage> {
  // Read in place: positions are relative to the message's first byte (`base`), as compression pointers are.
  const base = Math.min(Math.max(0, off), buf.length);
  const length = Math.max(0, Math.min(buf.length, base + len) - base);
  if (length < DNS_HEADER_BYTES) return { kind: 'invalid', reason: 'truncated' };
  const flags = u16be(buf, base + 2);
  const qdcount = u16be(buf, base + 4);
  const ancount = u16be(buf, base + 6);
  const out: DnsMessage = {
    id: u16be(buf, base),
    isResponse: (flags & 0x8000) !== 0,
    rcode: flags & 0x0f,
    // Sized up front: a pushed-to array reserves 16 slots, and a query has no answers (a shared empty list).
    questions: keep ? new Array<DnsQuestion>(Math.min(qdcount, MAX_KEPT_QUESTIONS)) : NO_QUESTIONS,
    answers: keep && ancount > 0 ? new Array<DnsRecord>(Math.min(ancount, MAX_KEPT_ANSWERS)) : NO_ANSWERS,
  };
  let kept = 0;
  let pos = DNS_HEADER_BYTES;
  // Every question and record consumes at least one byte, so these loops end within length rounds.
  for (let i = 0; i < qdcount; i++) {
    const name = readDnsName(buf, base, length, pos, keep);
    if (name.kind === 'invalid') return name;
    pos = name.next;
    if (pos + QUESTION_FIXED > length) return { kind: 'invalid', reason: 'truncated' };
    if (keep && i < MAX_KEPT_QUESTIONS) out.questions[i] = { name: name.name, type: u16be(buf, base + pos) };
    pos += QUESTION_FIXED;
  }
  for (let i = 0; i < ancount; i++) {
    const owner = readDnsName(buf, base, length, pos, keep);
    if (owner.kind === 'invalid') return owner;
    // Copied out: the result is reused by the next readDnsName (a CNAME target below).
    const ownerName = owner.name;
    pos = owner.next;
    if (pos + RR_FIXED > length) return { kind: 'invalid', reason: 'truncated' };
    const type = u16be(buf, base + pos);
    // mDNS (RFC 6762 §10.2) uses the class's top bit as "cache flush".
    const cls = u16be(buf, base + pos + 2) & 0x7fff;
    const rawTtl = u32be(buf, base + pos + 4);
    const rdlen = u16be(buf, base + pos + 8);
    const rdata = pos + RR_FIXED;
    const rdEnd = rdata + rdlen;
    if (rdEnd > length) return { kind: 'invalid', reason: 'truncated' };
    pos = rdEnd;
    if (cls !== CLASS_IN || kept >= MAX_KEPT_ANSWERS) continue;
    // RFC 2181 §8: a TTL with the top bit set is treated as zero.
    const ttl = rawTtl > 0x7fffffff ? 0 : rawTtl;
    const record = readRecordData(buf, base, length, type, rdata, rdEnd, keep);
    if (record === null) continue;
    if (typeof record !== 'string') return record;
    if (keep) out.answers[kept] = { name: ownerName, type, ttl, data: record } satisfies DnsRecord;
    kept++;
  }
  // Records of other types or classes were skipped: the list ends after the kept ones (no holes).
  if (kept < out.answers.length) out.answers.length = kept;
  return { kind: 'done', value: out };
}

/** The data of an A/AAAA/CNAME record as text; null for other types; invalid when the data does not fit. */
function readRecordData(
  buf: Uint8Array,
  base: number,
  length: number,
  type: number,
  rdata: number,
  rdEnd: number,
  keep: boolean,
): string | null | { kind: 'invalid'; reason: string } {
  const rdlen = rdEnd - rdata;
  if (type === TYPE_A) {
    if (rdlen !== 4) return { kind: 'invalid', reason: 'bad-a-length' };
    return keep ? formatIPv4(buf, base + rdata) : '';
  }
  if (type === TYPE_AAAA) {
    if (rdlen !== 16) return { kind: 'invalid', reason: 'bad-aaaa-length' };
    return keep ? formatIPv6(buf, base + rdata) : '';
  }
  if (type !== TYPE_CNAME) return null;
  // RFC 1035 §3.3.1: the target is a (possibly compressed) name that must end inside RDATA.
  const target = readDnsName(buf, base, length, rdata, keep);
  if (target.kind === 'invalid') return target;
  if (target.next !== rdEnd) return { kind: 'invalid', reason: 'bad-cname-length' };
  return target.name;
}

/**
 * Question name → CNAME → ... → owner of the A/AAAA record holding `address`, e.g. ["www.example.com",
 * "www.example.com.cdn.net", "edge1.cdn.net"]; [owner] when no CNAME leads to it; [] when no record has it.
 * Loop-safe: each name is visited once and at most MAX_CNAME_CHAIN links are followed.
 */
export function cnameChainFor(msg: DnsMessage, address: string): string[] {
  const rr = msg.answers.find((a) => (a.type === TYPE_A || a.type === TYPE_AAAA) && a.data === address);
  if (rr === undefined) return [];
  const cnames = msg.answers.filter((a) => a.type === TYPE_CNAME);
  // Forward from a question name: the chain a resolver followed.
  for (const q of msg.questions) {
    const chain = [q.name];
    const seen = new Set(chain);
    let cur = q.name;
    while (cur !== rr.name && chain.length <= MAX_CNAME_CHAIN) {
      const next = cnames.find((c) => c.name === cur)?.data;
      if (next === undefined || seen.has(next)) break;
      chain.push(next);
      seen.add(next);
      cur = next;
    }
    if (cur === rr.name) return chain;
  }
  // No question leads there (mDNS answers, unsolicited records): walk back from the owner instead.
  const chain = [rr.name];
  const seen = new Set(chain);
  while (chain.length <= MAX_CNAME_CHAIN) {
    const head = chain[0];
    const prev = cnames.find((c) => c.data === head)?.name;
    if (prev === undefined || seen.has(prev)) break;
    chain.unshift(prev);
    seen.add(prev);
  }
  return chain;
}

/**
 * Cheap check that a UDP payload on a DNS-like port (mDNS 5353, LLMNR 5355) is a DNS message: opcode QUERY,
 * NOTIFY or UPDATE (RFC 6895 §2.2), the section counts fit the length, and the first name starts with a plain
 * label (position 12 cannot hold a compression pointer: there is nothing before it to point at).
 */
export function isLikelyDns(buf: Uint8Array, off: number, len: number): boolean {
  if (off < 0 || len < DNS_HEADER_BYTES || off + len > buf.length) return false;
  const opcode = ((buf[off + 2] ?? 0) >> 3) & 0x0f;
  if (opcode !== 0 && opcode !== 4 && opcode !== 5) return false;
  const qd = u16be(buf, off + 4);
  const rest = u16be(buf, off + 6) + u16be(buf, off + 8) + u16be(buf, off + 10);
  if (qd + rest === 0) return false;
  // A question is at least 5 bytes (root name + type + class), a record at least 11.
  if (DNS_HEADER_BYTES + qd * (1 + QUESTION_FIXED) + rest * (1 + RR_FIXED) > len) return false;
  return (buf[off + DNS_HEADER_BYTES] ?? 0xff) <= 63;
}

type NameResult = { kind: 'name'; name: string; next: number } | { kind: 'invalid'; reason: string };

/** readDnsName's result for a name, reused name after name: read it before the next call. */
const NAME_RESULT: { kind: 'name'; name: string; next: number } = { kind: 'name', name: '', next: 0 };

/**
 * A domain name at `pos` (RFC 1035 §3.1, §4.1.4), normalised with toSafeName; `next` is where the name ends in
 * the message (after the first pointer, if any). A pointer must point before the start of the run of labels it
 * ends, so every hop moves strictly backwards and no loop is possible; hops and wire length are bounded too.
 */
function readDnsName(buf: Uint8Array, base: number, length: number, pos: number, keep: boolean): NameResult {
  // The dotted name is built in one reused buffer: no array or view per label, no new buffer per name.
  const out = NAME_SCRATCH;
  let n = 0;
  let wire = 1;
  let p = pos;
  let segmentStart = pos;
  let next = -1;
  let hops = 0;
  for (;;) {
    if (p >= length) return { kind: 'invalid', reason: 'truncated' };
    const b = buf[base + p] ?? 0;
    if (b === 0) {
      if (next < 0) next = p + 1;
      break;
    }
    const tag = b & 0xc0;
    if (tag === 0xc0) {
      if (p + 2 > length) return { kind: 'invalid', reason: 'truncated' };
      const target = u16be(buf, base + p) & 0x3fff;
      if (target >= length) return { kind: 'invalid', reason: 'compression-pointer-out-of-range' };
      if (target > p) return { kind: 'invalid', reason: 'compression-forward-pointer' };
      if (target >= segmentStart || ++hops > MAX_POINTER_HOPS) return { kind: 'invalid', reason: 'compression-loop' };
      if (next < 0) next = p + 2;
      p = target;
      segmentStart = target;
      continue;
    }
    // 0x40 and 0x80 are the extended (RFC 6891 §5, obsolete) and reserved label types.
    if (tag !== 0) return { kind: 'invalid', reason: 'bad-label-type' };
    if (p + 1 + b > length) return { kind: 'invalid', reason: 'truncated' };
    wire += 1 + b;
    if (wire > MAX_NAME_WIRE_BYTES) return { kind: 'invalid', reason: 'name-too-long' };
    if (keep) {
      if (n > 0) out[n++] = 0x2e;
      for (let k = p + 1; k <= p + b; k++) out[n++] = buf[base + k] ?? 0;
    }
    p += 1 + b;
  }
  // toSafeName copies what it keeps into a string, so the scratch can be reused by the next name.
  NAME_RESULT.name = keep ? safeNameOfBytes(out, n) : '';
  NAME_RESULT.next = next;
  return NAME_RESULT;
}
