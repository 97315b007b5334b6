/** Builds DNS messages for tests (RFC 1035 §4.1) with explicit control over names and compression pointers. */
import { parseIp } from '../core/ip-format.js';

export const TYPE_A = 1;
export const TYPE_CNAME = 5;
export const TYPE_AAAA = 28;

/** Wire-form name: length-prefixed labels, then the root label (or a pointer, via `then`). */
export function name(text: string, then: number[] = [0]): number[] {
  const out: number[] = [];
  if (text !== '') {
    for (const label of text.split('.')) out.push(label.length, ...Buffer.from(label, 'latin1'));
  }
  return [...out, ...then];
}

/** A compression pointer to `offset` (RFC 1035 §4.1.4). */
export function ptr(offset: number): number[] {
  return [0xc0 | ((offset >> 8) & 0x3f), offset & 0xff];
}

function u16(n: number): number[] {
  return [(n >> 8) & 0xff, n & 0xff];
}

function u32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

export function rr(owner: number[], type: number, ttl: number, rdata: number[], cls = 1): number[] {
  return [...owner, ...u16(type), ...u16(cls), ...u32(ttl), ...u16(rdata.length), ...rdata];
}

export interface MessageSpec {
  id?: number;
  response?: boolean;
  rcode?: number;
  opcode?: number;
  questions?: { name: number[]; type: number }[];
  /** Already-encoded answer records. */
  answers?: number[][];
  ancount?: number;
}

export const HEADER = 12;

export function message(spec: MessageSpec): Uint8Array {
  const qs = spec.questions ?? [];
  const ans = spec.answers ?? [];
  const flags = (spec.response === false ? 0 : 0x8180) | ((spec.opcode ?? 0) << 11) | (spec.rcode ?? 0);
  return Uint8Array.from([
    ...u16(spec.id ?? 0x1234),
    ...u16(flags),
    ...u16(qs.length),
    ...u16(spec.ancount ?? ans.length),
    ...u16(0),
    ...u16(0),
    ...qs.flatMap((q) => [...q.name, ...u16(q.type), ...u16(1)]),
    ...ans.flat(),
  ]);
}

/**
 * A typical CDN answer with compression: www.example.com → www.example.com.cdn.example.net →
 * edge.cdn.example.net → 192.0.2.10, 192.0.2.11 and 2001:db8::1.
 */
export function cdnAnswer(): Uint8Array {
  const q = name('www.example.com'); // at offset 12
  const rr1At = HEADER + q.length + 4;
  const rr1Rdata = name('www.example.com.cdn.example.net'); // written out: no earlier suffix to point at
  const rr1RdataAt = rr1At + 2 + 10;
  const cdnAt = rr1RdataAt + 16; // after "www", "example", "com" labels (4 + 8 + 4 bytes)
  const rr1 = rr(ptr(HEADER), TYPE_CNAME, 300, rr1Rdata);
  const rr2RdataAt = rr1At + rr1.length + 2 + 10;
  const rr2 = rr(ptr(rr1RdataAt), TYPE_CNAME, 60, name('edge', ptr(cdnAt)));
  const rr3 = rr(ptr(rr2RdataAt), TYPE_A, 20, [192, 0, 2, 10]);
  const rr4 = rr(ptr(rr2RdataAt), TYPE_A, 20, [192, 0, 2, 11]);
  const rr5 = rr(ptr(rr2RdataAt), TYPE_AAAA, 20, [0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 1]);
  return message({ questions: [{ name: q, type: TYPE_A }], answers: [rr1, rr2, rr3, rr4, rr5] });
}

/** An answer record described in text: A/AAAA with an address, CNAME with a target name. */
export interface AnswerSpec {
  name: string;
  type: typeof TYPE_A | typeof TYPE_AAAA | typeof TYPE_CNAME;
  ttl: number;
  data: string;
}

/** A standard query for one name (no compression). */
export function dnsQuery(id: number, qname: string, qtype: number = TYPE_A): Uint8Array {
  return message({ id, response: false, questions: [{ name: name(qname), type: qtype }] });
}

/** A response with the question repeated and the answers in order (no compression). */
export function dnsResponse(id: number, qname: string, qtype: number, answers: AnswerSpec[]): Uint8Array {
  return message({
    id,
    questions: [{ name: name(qname), type: qtype }],
    answers: answers.map((a) => rr(name(a.name), a.type, a.ttl, rdataOf(a))),
  });
}

function rdataOf(a: AnswerSpec): number[] {
  if (a.type === TYPE_CNAME) return name(a.data);
  const bytes = parseIp(a.data);
  if (bytes === null || bytes.length !== (a.type === TYPE_A ? 4 : 16)) throw new Error(`bad address ${a.data}`);
  return [...bytes];
}
