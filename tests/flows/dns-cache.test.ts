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
