import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cnameChainFor,
  dnsMessageProblem,
  isLikelyDns,
  MAX_POINTER_HOPS,
  parseDnsMessage,
} from '../../../src/decode/names/dns.js';
import type { DnsMessage, ParseOutcome } from '../../../src/decode/names/types.js';
import {
  cdnAnswer,
  HEADER,
  message,
  name,
  ptr,
  rr,
  TYPE_A,
  TYPE_AAAA,
  TYPE_CNAME,
} from '../../../src/writer/dns-message-builder.js';

function parse(m: Uint8Array): ParseOutcome<DnsMessage> {
  return parseDnsMessage(m, 0, m.length);
}

function done(out: ParseOutcome<DnsMessage>): DnsMessage {
  if (out.kind !== 'done') throw new Error(`expected done, got ${JSON.stringify(out)}`);
  return out.value;
}

const reason = (m: Uint8Array): string => {
  const out = parse(m);
  return out.kind === 'invalid' ? out.reason : out.kind;
};

describe('parseDnsMessage', () => {
  it('reads a compressed CDN answer with a CNAME chain', () => {
    const msg = done(parse(cdnAnswer()));
    expect(msg).toMatchObject({ id: 0x1234, isResponse: true, rcode: 0 });
    expect(msg.questions).toEqual([{ name: 'www.example.com', type: TYPE_A }]);
    expect(msg.answers).toEqual([
      { name: 'www.example.com', type: TYPE_CNAME, ttl: 300, data: 'www.example.com.cdn.example.net' },
      { name: 'www.example.com.cdn.example.net', type: TYPE_CNAME, ttl: 60, data: 'edge.cdn.example.net' },
      { name: 'edge.cdn.example.net', type: TYPE_A, ttl: 20, data: '192.0.2.10' },
      { name: 'edge.cdn.example.net', type: TYPE_A, ttl: 20, data: '192.0.2.11' },
      { name: 'edge.cdn.example.net', type: TYPE_AAAA, ttl: 20, data: '2001:db8::1' },
    ]);
  });

  it('reads a message at an offset inside a larger buffer, ignoring what follows', () => {
    const m = cdnAnswer();
    const buf = Uint8Array.from([...new Array(42).fill(0xee), ...m, 0xc0, 0xff]);
    expect(done(parseDnsMessage(buf, 42, m.length)).answers).toHaveLength(5);
    expect(parseDnsMessage(buf, 42, 11)).toEqual({ kind: 'invalid', reason: 'truncated' });
    expect(parseDnsMessage(buf, buf.length + 5, 100)).toEqual({ kind: 'invalid', reason: 'truncated' });
    expect(parseDnsMessage(buf, -3, 100).kind).toBe('invalid');
  });

  it('says truncated for every cut of a valid answer', () => {
    const m = cdnAnswer();
    for (let cut = 0; cut < m.length; cut++) expect(reason(m.subarray(0, cut))).toBe('truncated');
  });

  it('normalises names, escapes control bytes and keeps other types out', () => {
    const q = name('WWW.Example.COM');
    const evil = name('\x1b[31mred.example');
    const m = message({
      questions: [{ name: q, type: TYPE_A }],
      answers: [
        rr(ptr(HEADER), 15, 300, [0, 10, ...name('mx.example.com')]), // MX: skipped
        rr(ptr(HEADER), 16, 300, [3, 0x61, 0x62, 0x63]), // TXT: skipped
        rr(ptr(HEADER), TYPE_A, 300, [127, 0, 0, 1], 3), // class CH: skipped
        rr(ptr(HEADER), TYPE_A, 0x80000001, [192, 0, 2, 1], 0x8001), // mDNS cache-flush class; RFC 2181 TTL
        rr(evil, TYPE_AAAA, 5, [...new Array(10).fill(0), 0xff, 0xff, 1, 2, 3, 4]),
      ],
    });
    const msg = done(parse(m));
    expect(msg.questions[0]?.name).toBe('www.example.com');
    expect(msg.answers).toEqual([
      { name: 'www.example.com', type: TYPE_A, ttl: 0, data: '192.0.2.1' },
      { name: '\\x1b\\x5b31mred.example', type: TYPE_AAAA, ttl: 5, data: '::ffff:1.2.3.4' },
    ]);
  });

  it('rejects bad record data lengths', () => {
    const q = name('a.example');
    const a5 = message({ questions: [{ name: q, type: 1 }], answers: [rr(ptr(HEADER), TYPE_A, 1, [1, 2, 3, 4, 5])] });
    expect(reason(a5)).toBe('bad-a-length');
    const aaaa4 = message({
      questions: [{ name: q, type: 28 }],
      answers: [rr(ptr(HEADER), TYPE_AAAA, 1, [1, 2, 3, 4])],
    });
    expect(reason(aaaa4)).toBe('bad-aaaa-length');
    const cname = message({
      questions: [{ name: q, type: 1 }],
      answers: [rr(ptr(HEADER), TYPE_CNAME, 1, [...name('b'), 9])],
    });
    expect(reason(cname)).toBe('bad-cname-length');
    const short = Uint8Array.from([...cdnAnswer(), 0]);
    short[7] = 6; // ANCOUNT one more than present
    expect(reason(short)).toBe('truncated');
  });

  it('keeps the root name as the empty name', () => {
    const m = message({ questions: [{ name: [0], type: 2 }], answers: [] });
    expect(done(parse(m)).questions).toEqual([{ name: '', type: 2 }]);
  });
});

describe('compression pointers', () => {
  const q = name('a.example');

  it('rejects a forward pointer, a self pointer and a loop', () => {
    const forward = message({ questions: [{ name: ptr(40), type: 1 }], answers: [] });
    expect(reason(Uint8Array.from([...forward, ...new Array(40).fill(0)]))).toBe('compression-forward-pointer');
    // A pointer to itself, in an answer owner name.
    const selfAt = HEADER + q.length + 4;
    const self = message({ questions: [{ name: q, type: 1 }], answers: [rr(ptr(selfAt), 1, 1, [1, 2, 3, 4])] });
    expect(reason(self)).toBe('compression-loop');
    // "x" then a pointer back to the start of its own run of labels: x.x.x.x... without end.
    const loop = message({
      questions: [{ name: q, type: 1 }],
      answers: [rr([1, 0x78, ...ptr(selfAt)], 1, 1, [1, 2, 3, 4])],
    });
    expect(reason(loop)).toBe('compression-loop');
    // Two names pointing at each other: the first pointer is necessarily forward.
    const mutual = message({
      questions: [
        { name: [1, 0x61, ...ptr(HEADER + 4 + 4)], type: 1 },
        { name: [1, 0x62, ...ptr(HEADER)], type: 1 },
      ],
      answers: [],
    });
    expect(reason(mutual)).toBe('compression-forward-pointer');
  });

  it('rejects a pointer beyond the end of the message', () => {
    const m = message({ questions: [{ name: q, type: 1 }], answers: [rr(ptr(0x3fff), 1, 1, [1, 2, 3, 4])] });
    expect(reason(m)).toBe('compression-pointer-out-of-range');
  });

  it('bounds long chains of backward pointers', () => {
    // Question k is a pointer to question k-1: reading question k follows k pointers.
    const first = name('deep.example');
    const questions = [{ name: first, type: 1 }];
    let at = HEADER;
    let next = HEADER + first.length + 4;
    for (let i = 0; i < MAX_POINTER_HOPS + 10; i++) {
      questions.push({ name: ptr(at), type: 1 });
      at = next;
      next += 6;
    }
    expect(reason(message({ questions: questions.slice(0, MAX_POINTER_HOPS + 1), answers: [] }))).toBe('done');
    expect(reason(message({ questions, answers: [] }))).toBe('compression-loop');
  });

  it('rejects names over 255 bytes on the wire, also when assembled from pointers', () => {
    const l63 = 'a'.repeat(63);
    expect(reason(message({ questions: [{ name: name([l63, l63, l63, l63].join('.')), type: 1 }] }))).toBe(
      'name-too-long',
    );
    const part = name([l63, l63].join('.'));
    const joined = message({
      questions: [
        { name: part, type: 1 },
        { name: [63, ...Buffer.from(l63), 63, ...Buffer.from(l63), ...ptr(HEADER)], type: 1 },
      ],
    });
    expect(reason(joined)).toBe('name-too-long');
    const ok = name([l63, l63, l63, 'a'.repeat(61)].join('.'));
    expect(ok.length).toBe(255);
    expect(reason(message({ questions: [{ name: ok, type: 1 }] }))).toBe('done');
  });

  it('rejects the extended and reserved label types', () => {
    expect(reason(message({ questions: [{ name: [0x41, 0, 0], type: 1 }] }))).toBe('bad-label-type');
    expect(reason(message({ questions: [{ name: [0x81, 0], type: 1 }] }))).toBe('bad-label-type');
  });
});

describe('cnameChainFor', () => {
  it('follows the chain from the question to the address owner', () => {
    const msg = done(parse(cdnAnswer()));
    const chain = ['www.example.com', 'www.example.com.cdn.example.net', 'edge.cdn.example.net'];
    expect(cnameChainFor(msg, '192.0.2.11')).toEqual(chain);
    expect(cnameChainFor(msg, '2001:db8::1')).toEqual(chain);
    expect(cnameChainFor(msg, '198.51.100.1')).toEqual([]);
  });

  it('returns just the owner when no CNAME is involved', () => {
    const m = message({
      questions: [{ name: name('a.example'), type: 1 }],
      answers: [rr(ptr(HEADER), 1, 9, [10, 0, 0, 1])],
    });
    expect(cnameChainFor(done(parse(m)), '10.0.0.1')).toEqual(['a.example']);
  });

  it('terminates on CNAME loops', () => {
    const q = name('a.example');
    const mk = (cnames: [string, string][], owner: string): DnsMessage =>
      done(
        parse(
          message({
            questions: [{ name: q, type: 1 }],
            answers: [
              ...cnames.map(([o, t]) => rr(name(o), TYPE_CNAME, 1, name(t))),
              rr(name(owner), 1, 1, [10, 0, 0, 2]),
            ],
          }),
        ),
      );
    // a → b → a, address on c: no path; walking back from c finds nothing.
    expect(
      cnameChainFor(
        mk(
          [
            ['a.example', 'b.example'],
            ['b.example', 'a.example'],
          ],
          'c.example',
        ),
        '10.0.0.2',
      ),
    ).toEqual(['c.example']);
    // a → b → c → b, address on c: the forward walk reaches c.
    const loopAfter: [string, string][] = [
      ['a.example', 'b.example'],
      ['b.example', 'c.example'],
      ['c.example', 'b.example'],
    ];
    expect(cnameChainFor(mk(loopAfter, 'c.example'), '10.0.0.2')).toEqual(['a.example', 'b.example', 'c.example']);
    // Unrelated question, b ↔ c loop, address on c: the backward walk stops at the repeat.
    const m = mk(
      [
        ['b.example', 'c.example'],
        ['c.example', 'b.example'],
      ],
      'c.example',
    );
    m.questions[0] = { name: 'zzz.example', type: 1 };
    expect(cnameChainFor(m, '10.0.0.2')).toEqual(['b.example', 'c.example']);
  });
});

describe('isLikelyDns', () => {
  const check = (m: Uint8Array): boolean => isLikelyDns(m, 0, m.length);

  it('accepts queries, answers and mDNS responses without questions', () => {
    expect(check(cdnAnswer())).toBe(true);
    expect(check(message({ response: false, questions: [{ name: name('printer.local'), type: 12 }] }))).toBe(true);
    expect(check(message({ answers: [rr(name('host.local'), 1, 120, [192, 168, 1, 5], 0x8001)] }))).toBe(true);
  });

  it('rejects other payloads', () => {
    expect(check(Buffer.from('GET / HTTP/1.1\r\nHost: a\r\n\r\n'))).toBe(false);
    expect(check(message({}))).toBe(false);
    expect(check(message({ opcode: 3, questions: [{ name: name('a'), type: 1 }] }))).toBe(false);
    expect(check(message({ questions: [{ name: ptr(12), type: 1 }] }))).toBe(false);
    expect(check(cdnAnswer().subarray(0, 11))).toBe(false);
    const huge = message({ questions: [{ name: name('a'), type: 1 }] });
    huge[6] = 0xff; // 65280 answers cannot fit
    expect(check(huge)).toBe(false);
    expect(isLikelyDns(cdnAnswer(), 10, 1000)).toBe(false);
  });
});

describe('fuzz', () => {
  function checkOutcome(out: ParseOutcome<DnsMessage>, len: number): void {
    expect(out.kind).not.toBe('incomplete');
    if (out.kind === 'invalid') expect(out.reason).toMatch(/^[a-z0-9-]+$/);
    if (out.kind === 'done') {
      expect(out.value.answers.length).toBeLessThanOrEqual(len);
      for (const a of out.value.answers) expect(a.name.length).toBeLessThanOrEqual(253 * 4);
    }
  }

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: -5, max: 50 }), fc.nat(500), (b, off, len) => {
        checkOutcome(parseDnsMessage(b, off, len), b.length);
        isLikelyDns(b, off, len);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on mutations of a valid answer', () => {
    const valid = cdnAnswer();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        (edits) => {
          const m = valid.slice();
          for (const [at, b] of edits) m[at] = b;
          checkOutcome(parse(m), m.length);
          const out = parse(m);
          if (out.kind === 'done') for (const a of out.value.answers) cnameChainFor(out.value, a.data);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('checks a message without reading it to the same verdict as the parser, damaged, cut or framed', () => {
    // dnsMessageProblem skips the names and addresses (queries nobody reads): it must never accept what the
    // parser refuses, nor refuse what it reads, nor name another reason (the anomaly counted).
    const valid = cdnAnswer();
    const verdict = (b: Uint8Array, off: number, len: number): string | null => {
      const out = parseDnsMessage(b, off, len);
      return out.kind === 'invalid' ? out.reason : null;
    };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.nat(valid.length),
        fc.uint8Array({ maxLength: 20 }),
        (edits, cut, before) => {
          const m = new Uint8Array(before.length + cut);
          m.set(before, 0);
          m.set(valid.subarray(0, cut), before.length);
          for (const [at, b] of edits) if (before.length + at < m.length) m[before.length + at] = b;
          expect(dnsMessageProblem(m, before.length, cut)).toBe(verdict(m, before.length, cut));
        },
      ),
      { numRuns: 600 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: -5, max: 40 }), fc.nat(320), (b, off, len) => {
        expect(dnsMessageProblem(b, off, len)).toBe(verdict(b, off, len));
      }),
      { numRuns: 400 },
    );
  });

  it('reads a message inside a larger buffer exactly as the message alone: never a byte around it', () => {
    // The parser reads the packet buffer in place (no view per message): bytes before and after the message
    // (the rest of a capture chunk) must never change the outcome, however the message is damaged or cut.
    const valid = cdnAnswer();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        fc.nat(valid.length),
        fc.uint8Array({ maxLength: 40 }),
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        (edits, cut, before, after) => {
          const m = valid.slice(0, cut);
          for (const [at, b] of edits) if (at < m.length) m[at] = b;
          const framed = new Uint8Array(before.length + m.length + after.length);
          framed.set(before, 0);
          framed.set(m, before.length);
          framed.set(after, before.length + m.length);
          expect(parseDnsMessage(framed, before.length, m.length)).toEqual(parse(m));
        },
      ),
      { numRuns: 500 },
    );
  });
});
