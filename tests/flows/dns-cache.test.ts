/** DnsCache: answers usable by time (TTL + grace) and order, and expired answers swept as capture time passes. */
import { describe, expect, it } from 'vitest';
import type { DnsMessage } from '../../src/decode/names/types.js';
import { DnsCache } from '../../src/flows/dns-cache.js';

const S = 1_000_000;

function answer(name: string, address: string, ttl: number): DnsMessage {
  return {
    id: 1,
    isResponse: true,
    rcode: 0,
    questions: [{ name, type: 1 }],
    answers: [{ name, type: 1, ttl, data: address }],
  };
}

describe('DnsCache', () => {
  it('names a later flow from an answer given before it, within TTL + grace, the same client first', () => {
    const cache = new DnsCache({ graceSeconds: 60 });
    cache.addResponse(answer('a.example', '192.0.2.1', 30), '10.0.0.2', 0, 1);
    cache.addResponse(answer('b.example', '192.0.2.1', 30), '10.0.0.1', 1 * S, 2);
    expect(cache.lookup('192.0.2.1', '10.0.0.1', 10 * S, 3).map((a) => a.name)).toEqual(['b.example', 'a.example']);
    expect(cache.lookup('192.0.2.1', '10.0.0.1', 10 * S, 2)).toHaveLength(1);
    // 30 s TTL + 60 s grace after the first answer (t=0): it no longer names flows at t=91.
    expect(cache.lookup('192.0.2.1', '10.0.0.1', 91 * S, 9).map((a) => a.name)).toEqual(['b.example']);
  });

  it('names by the question through CNAMEs, and by the first owner of the address without them', () => {
    const cache = new DnsCache({ graceSeconds: 60 });
    const response = (question: string, answers: DnsMessage['answers']): DnsMessage => ({
      id: 1,
      isResponse: true,
      rcode: 0,
      questions: [{ name: question, type: 1 }],
      answers,
    });
    cache.addResponse(
      response('www.example', [
        { name: 'www.example', type: 5, ttl: 60, data: 'edge.cdn.example' },
        { name: 'edge.cdn.example', type: 1, ttl: 60, data: '192.0.2.7' },
      ]),
      '10.0.0.1',
      0,
      1,
    );
    // No CNAME: the owner of the first record with the address names it, not the question (mDNS-style answers).
    cache.addResponse(
      response('asked.example', [
        { name: 'first.example', type: 1, ttl: 60, data: '192.0.2.8' },
        { name: 'second.example', type: 1, ttl: 60, data: '192.0.2.8' },
      ]),
      '10.0.0.1',
      0,
      2,
    );
    const [viaCname] = cache.lookup('192.0.2.7', '10.0.0.1', S, 3);
    expect(viaCname?.name).toBe('www.example');
    expect(viaCname?.cnameChain).toEqual(['www.example', 'edge.cdn.example']);
    const plain = cache.lookup('192.0.2.8', '10.0.0.1', S, 3);
    expect(plain.map((a) => [a.name, a.cnameChain])).toEqual([['first.example', []]]);
  });

  it('sweeps answers long expired as capture time passes, so memory follows what can still name a flow', () => {
    const cache = new DnsCache({ graceSeconds: 60 });
    for (let i = 0; i < 100; i++)
      cache.addResponse(answer(`h${i}.example`, `198.51.100.${i}`, 30), '10.0.0.1', 0, i + 1);
    expect(cache.size).toBe(100);
    // An hour later: the old answers expired at t=90 s, long before; a sweep drops them with their addresses.
    cache.addResponse(answer('new.example', '203.0.113.9', 30), '10.0.0.1', 3600 * S, 1000);
    expect(cache.size).toBe(1);
    expect(cache.lookup('203.0.113.9', '10.0.0.1', 3601 * S, 1001).map((a) => a.name)).toEqual(['new.example']);
  });

  it('keeps answers that expired only just before the latest one: a flow stamped a little earlier still finds them', () => {
    const cache = new DnsCache({ graceSeconds: 0 });
    cache.addResponse(answer('old.example', '198.51.100.1', 30), '10.0.0.1', 0, 1);
    // Expired at t=30; at t=320 it is within the 300 s sweep margin.
    cache.addResponse(answer('new.example', '203.0.113.9', 30), '10.0.0.1', 320 * S, 2);
    expect(cache.size).toBe(2);
    expect(cache.lookup('198.51.100.1', '10.0.0.1', 25 * S, 3).map((a) => a.name)).toEqual(['old.example']);
  });
});

describe('DnsCache.mayName (the flow table asks it before spelling a new flow’s addresses)', () => {
  it('never says no for a server some kept answer can name, through sweeps and forgetting', async () => {
    const { default: fc } = await import('fast-check');
    const { parseIp } = await import('../../src/core/ip-format.js');
    const { word } = await import('../../src/flows/flow-key.js');
    const v4 = fc.tuple(fc.nat(3), fc.nat(3)).map(([a, b]) => `192.0.${a}.${b}`);
    const v6 = fc.nat(3).map((a) => `2001:db8::${a}`);
    fc.assert(
      fc.property(
        fc.array(fc.record({ address: fc.oneof(v4, v6), at: fc.nat(4000), ttl: fc.nat(600) }), { maxLength: 60 }),
        (adds) => {
          const cache = new DnsCache({ graceSeconds: 60 });
          let frame = 1;
          let now = 0;
          for (const a of adds.sort((x, y) => x.at - y.at)) {
            now = a.at * S;
            cache.addResponse(answer('x.example', a.address, a.ttl), '10.0.0.1', now, frame++);
          }
          for (const address of new Set(adds.map((a) => a.address))) {
            const bytes = parseIp(address);
            if (bytes === null) throw new Error(address);
            const isV6 = bytes.length === 16;
            const found = cache.lookup(address, '10.0.0.1', now, frame + 1).length > 0;
            if (found) expect(cache.mayName(isV6, word(bytes, 0))).toBe(true);
          }
          if (cache.size === 0) {
            expect(cache.mayName(false, word(Uint8Array.of(192, 0, 0, 0), 0))).toBe(false);
            expect(cache.mayName(true, 0x20010db8)).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
