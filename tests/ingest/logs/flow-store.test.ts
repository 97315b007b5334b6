import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlowStore, packIpv4 } from '../../../src/ingest/logs/flow-store.js';
import type { FlowFields } from '../../../src/ingest/logs/log-record.js';

const T0 = Date.UTC(2025, 0, 1) * 1000;

function fields(i: number, over: Partial<FlowFields> = {}): FlowFields {
  return {
    proto: 'tcp',
    ipProto: 6,
    client: `10.0.${(i >> 8) & 255}.${i & 255}`,
    clientPort: 40000 + (i % 20000),
    server: '2001:db8::1',
    serverPort: 443,
    firstMicros: T0 + i * 1000,
    endReason: 'allow',
    line: i + 1,
    format: 'test',
    ...over,
  };
}

describe('FlowStore', () => {
  it('packs only canonical dotted quads', () => {
    expect(packIpv4('0.0.0.0')).toBe(0);
    expect(packIpv4('255.255.255.255')).toBe(4294967295);
    expect(packIpv4('192.168.1.10')).toBe(0xc0a8010a);
    for (const bad of ['010.1.1.1', '1.2.3', '1.2.3.4.5', '256.1.1.1', '1..2.3', '1.2.3.4 ', '', '::1', '1.2.3.00']) {
      expect(packIpv4(bad)).toBe(-1);
    }
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const v = packIpv4(ip);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(`${Math.floor(v / 16777216)}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`).toBe(ip);
      }),
      { numRuns: 300 },
    );
  });

  it('gives back every field over several pages, absent values as null, pid as process', () => {
    const store = new FlowStore();
    const file = store.stringId('a.log');
    const n = 40_000; // more than two 16 384-record pages
    for (let i = 0; i < n; i++) {
      const extra: Partial<FlowFields> = i % 3 === 0 ? { packetsOut: 1, bytesOut: i, pid: i, action: 'drop' } : {};
      store.add(fields(i, extra), file, i % 5 === 0 ? { key: `k${i}`, primary: true } : undefined);
    }
    expect(store.size).toBe(n);
    const r = store.record(39_999);
    expect(r).toEqual({
      proto: 'tcp',
      ipProto: 6,
      client: '10.0.156.63',
      clientPort: 59999,
      server: '2001:db8::1',
      serverPort: 443,
      firstSeen: '2025-01-01T00:00:39.999000Z',
      lastSeen: '2025-01-01T00:00:39.999000Z',
      packetsOut: 1,
      packetsIn: null,
      bytesOut: 39_999,
      bytesIn: null,
      rttMs: null,
      tcpFlags: '',
      endReason: 'allow',
      tunnelDepth: 0,
      names: [],
      source: { file: 'a.log', line: 40_000, format: 'test' },
      action: 'drop',
      process: { pid: 39_999 },
    });
    expect(Object.keys(store.record(1))).not.toContain('action');
    expect(store.joinId(5)).toBe(1);
    expect(store.isPrimary(5)).toBe(true);
    expect(store.joinId(6)).toBe(-1);
    store.clear();
    expect(store.size).toBe(0);
  });

  it('keeps hostile strings exactly (lone surrogates, control characters, long values)', () => {
    const store = new FlowStore();
    const file = store.stringId('f');
    const odd = ['\ud800 lone surrogate here', 'tab\tand\u001b[31m escape', 'x'.repeat(500), 'ümlaut-action-long'];
    odd.forEach((s, i) => {
      store.add(fields(i, { endReason: s, action: s, format: s, tcpFlags: s, client: `fe80::${i + 1}` }), file, {
        key: s,
        primary: false,
      });
    });
    odd.forEach((s, i) => {
      const r = store.record(i);
      expect([r.endReason, r.action, r.source.format, r.tcpFlags]).toEqual([s, s, s, s]);
      expect(r.client).toBe(`fe80::${i + 1}`);
      expect(store.joinId(i)).toBe(i);
    });
  });

  it('turns ICMP from an IPv6 client into ICMPv6 and never ends a flow before it starts', () => {
    const store = new FlowStore();
    store.add(fields(0, { proto: 'icmp', ipProto: 1, client: '2001:db8::2', lastMicros: T0 - 5 }), 0);
    const r = store.record(0);
    expect([r.proto, r.ipProto, r.lastSeen]).toEqual(['icmpv6', 58, r.firstSeen]);
  });

  it('gives every IPv4 address its own text, however many share a slot of the text cache', () => {
    const store = new FlowStore();
    const file = store.stringId('a.log');
    // More addresses than the cache has slots (pigeonhole: many share one), read back in two orders.
    const ips = Array.from({ length: 10_000 }, (_, i) => `10.${i % 3}.${(i >> 8) & 255}.${i & 255}`);
    const all = [...ips, ...ips.slice().reverse(), ...ips];
    const serverOf = (i: number) => ips[(i * 7919) % ips.length] ?? '';
    for (const [i, ip] of all.entries()) store.add(fields(i, { client: ip, server: serverOf(i) }), file);
    for (const [i, ip] of all.entries()) {
      const r = store.record(i);
      expect(r.client).toBe(ip);
      expect(r.server).toBe(serverOf(i));
    }
  });

  it('tells the file id and last-seen time of a record', () => {
    const store = new FlowStore();
    const a = store.stringId('a.log');
    const b = store.stringId('b.log');
    store.add(fields(0, { lastMicros: T0 + 5_000_000 }), a);
    store.add(fields(1, { lastMicros: T0 - 1 }), b);
    expect([store.fileId(0), store.fileId(1)]).toEqual([a, b]);
    expect(store.stringOf(b)).toBe('b.log');
    expect(store.lastMicros(0)).toBe(T0 + 5_000_000);
    // A last-seen before first-seen is stored as first-seen (a flow never ends before it starts).
    expect(store.lastMicros(1)).toBe(store.firstMicros(1));
  });
});
