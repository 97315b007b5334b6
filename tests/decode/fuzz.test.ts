import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildFrame,
  erspanII,
  ethernet,
  fragmentIp,
  gre,
  LINK_TYPES,
  teredo,
  vxlan,
} from '../../src/writer/packet-builder.js';
import { Harness } from './helpers.js';

const LINK_NUMBERS = [...new Set([...Object.values(LINK_TYPES), 12, 14, 105, 149, 228, 229, 242, 258, 147, 9999])];

/** A few valid frames of every kind, to mutate. */
function seeds(): { link: number; frame: Uint8Array }[] {
  const ip4 = { version: 4 as const, src: '10.0.0.1', dst: '10.0.0.2', options: Uint8Array.of(1, 1, 1, 1) };
  const ip6 = {
    version: 6 as const,
    src: 'fd00::1',
    dst: 'fd00::2',
    extHeaders: [{ type: 0 }, { type: 43 }, { type: 51 }, { type: 60 }],
  };
  const tcp = { srcPort: 1, dstPort: 443, flags: 'SA', options: Uint8Array.of(2, 4, 5, 0xb4) };
  const udp = { srcPort: 53, dstPort: 5353, payload: 'x'.repeat(40) };
  const out: { link: number; frame: Uint8Array }[] = [];
  for (const [name, lt] of Object.entries(LINK_TYPES)) {
    // LINKTYPE_IPV4 / LINKTYPE_IPV6 carry only their own family.
    if (name !== 'ipv6')
      out.push({ link: lt, frame: buildFrame({ link: name as keyof typeof LINK_TYPES, ip: ip4, tcp }) });
    if (name !== 'ipv4')
      out.push({ link: lt, frame: buildFrame({ link: name as keyof typeof LINK_TYPES, ip: ip6, udp }) });
  }
  const inner = buildFrame({ link: 'raw', ip: ip6, udp });
  out.push({ link: 1, frame: buildFrame({ vlan: [1, 2], mpls: [3], ip: ip4, udp }) });
  out.push({ link: 1, frame: buildFrame({ pppoe: 1, ip: ip6, tcp }) });
  out.push({ link: 1, frame: buildFrame({ packet: gre(ip4, inner, { key: 1, seq: 2, checksum: true }) }) });
  out.push({ link: 1, frame: buildFrame({ packet: erspanII(ip4, ethernet(inner)) }) });
  out.push({ link: 1, frame: buildFrame({ packet: vxlan(ip4, ethernet(inner)) }) });
  out.push({ link: 1, frame: buildFrame({ packet: teredo(ip4, inner, { auth: true, origin: true }) }) });
  for (const f of fragmentIp(buildFrame({ link: 'raw', ip: ip4, udp: { ...udp, payload: 'y'.repeat(100) } }), 32)) {
    out.push({ link: 101, frame: f });
  }
  for (const f of fragmentIp(inner, 16)) out.push({ link: 101, frame: f });
  return out;
}

/** Every layer's offsets lie within its buffer; payload too. */
function checkLayers(h: Harness): void {
  const out = h.out;
  expect(out.layerCount).toBeGreaterThanOrEqual(0);
  expect(out.layerCount).toBeLessThanOrEqual(out.layers.length);
  for (let i = 0; i < out.layerCount; i++) {
    const l = out.layers[i];
    if (l === undefined) throw new Error('missing layer');
    const n = l.buf.length;
    const alen = l.ipVersion === 4 ? 4 : 16;
    expect(l.srcOff + alen).toBeLessThanOrEqual(n);
    expect(l.dstOff + alen).toBeLessThanOrEqual(n);
    expect(l.payloadOff).toBeGreaterThanOrEqual(0);
    expect(l.payloadLen).toBeGreaterThanOrEqual(0);
    expect(l.payloadOff + l.payloadLen).toBeLessThanOrEqual(n);
  }
}

describe('decoder under hostile input', () => {
  const all = seeds();

  it('never throws on random bytes, for every link type', () => {
    const h = new Harness();
    fc.assert(
      fc.property(fc.constantFrom(...LINK_NUMBERS), fc.uint8Array({ maxLength: 200 }), (lt, bytes) => {
        h.decode(bytes, lt);
        checkLayers(h);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on mutated and truncated valid frames', () => {
    const h = new Harness();
    const mutation = fc.record({
      seed: fc.nat({ max: all.length - 1 }),
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
      cut: fc.option(fc.nat(), { nil: undefined }),
    });
    fc.assert(
      fc.property(mutation, ({ seed, flips, cut }) => {
        const s = all[seed];
        if (s === undefined) return;
        const f = s.frame.slice();
        for (const [pos, val] of flips) if (f.length > 0) f[pos % f.length] = val;
        h.decode(cut === undefined ? f : f.subarray(0, cut % (f.length + 1)), s.link);
        checkLayers(h);
      }),
      { numRuns: 500 },
    );
  });

  it('decodes every seed cleanly before mutation', () => {
    const h = new Harness();
    for (const s of all) {
      h.decode(s.frame, s.link);
      checkLayers(h);
    }
    expect(h.anomalies.entries()).toEqual([]);
  });
});
