import { describe, expect, it } from 'vitest';
import { FRAGMENT_TIMEOUT_MICROS, MAX_PENDING_DATAGRAMS } from '../../src/decode/fragments.js';
import { buildFrame, buildIpPacket, fragmentIp } from '../../src/writer/packet-builder.js';
import { Harness, layersOf } from './helpers.js';

const payload = 'abcdefghij'.repeat(300);
const v4 = { version: 4 as const, src: '10.0.0.1', dst: '10.0.0.2', id: 4242 };
const v6 = { version: 6 as const, src: '2001:db8::1', dst: '2001:db8::2' };

function frags(version: 4 | 6, size = 1000, id?: number): Uint8Array[] {
  const ip = version === 4 ? v4 : v6;
  const packet = buildIpPacket({ ip, udp: { srcPort: 1234, dstPort: 5678, payload } });
  return fragmentIp(packet, size, id).map((p) => buildFrame({ packet: p }));
}

function run(h: Harness, frames: Uint8Array[]): (string | null)[] {
  return frames.map((f) => {
    const out = h.decode(f);
    return out.layerCount > 0 ? `layer:${out.layers[0]?.dstPort}` : out.anomaly;
  });
}

function payloadOf(h: Harness): string {
  const layer = h.out.layers[0];
  if (layer === undefined) return '';
  return new TextDecoder().decode(layer.buf.subarray(layer.payloadOff, layer.payloadOff + layer.payloadLen));
}

describe.each([4, 6] as const)('IPv%i reassembly', (version) => {
  const pending = `ipv${version}-fragment-pending`;

  it('yields one layer, in the completing frame, over the reassembled datagram', () => {
    const h = new Harness();
    const fs = frags(version);
    expect(fs.length).toBe(4);
    expect(run(h, fs)).toEqual([pending, pending, pending, 'layer:5678']);
    expect(payloadOf(h)).toBe(payload);
    expect(layersOf(h.out)[0]).toMatchObject({ v: version, src: version === 4 ? v4.src : v6.src, sport: 1234 });
    expect(h.anomalies.total).toBe(0);
    expect(h.decoder.pendingFragments).toBe(0);
  });

  it('reassembles out of order', () => {
    const h = new Harness();
    const [a, b, c, d] = frags(version) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    expect(run(h, [d, b, a, c])).toEqual([pending, pending, pending, 'layer:5678']);
    expect(payloadOf(h)).toBe(payload);
  });

  it('counts duplicates and overlaps, and still completes', () => {
    const h = new Harness();
    const [a, b, c, d] = frags(version) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    const overlapping = frags(version, 1600);
    expect(run(h, [a, a, overlapping[0] as Uint8Array, c, d, b])).toEqual([
      pending,
      pending,
      pending,
      pending,
      pending,
      'layer:5678',
    ]);
    expect(payloadOf(h)).toBe(payload);
    expect(h.anomalies.count(`ipv${version}-fragment-duplicate`)).toBe(1);
    expect(h.anomalies.count(`ipv${version}-fragment-overlap`)).toBeGreaterThan(0);
  });

  it('never completes with a piece missing, and times the datagram out', () => {
    const h = new Harness();
    const [a, , c, d] = frags(version) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    expect(run(h, [a, c, d])).toEqual([pending, pending, pending]);
    expect(h.decoder.pendingFragments).toBe(1);
    const later = buildFrame({ ip: v4, udp: { srcPort: 1, dstPort: 2 } });
    const other = frags(version, 1000, 999)[0] as Uint8Array;
    h.decode(later);
    h.decode(other, 1, 1_700_000_000_000_000 + FRAGMENT_TIMEOUT_MICROS + 10_000_000);
    expect(h.anomalies.count(`ipv${version}-fragment-timeout`)).toBe(1);
    expect(h.decoder.pendingFragments).toBe(1);
  });

  it('does not reassemble a fragment cut by the snap length; a first one still shows its ports', () => {
    const h = new Harness();
    const [a, b] = frags(version) as [Uint8Array, Uint8Array];
    const first = h.decode(a.subarray(0, 100));
    expect(first.layerCount).toBe(1);
    expect(first.layers[0]?.dstPort).toBe(5678);
    const second = h.decode(b.subarray(0, 100));
    expect(second.layerCount).toBe(0);
    expect(second.anomaly).toBe(`ipv${version}-fragment-truncated`);
  });

  it('drops datagrams that would exceed 64 KiB', () => {
    const h = new Harness();
    const [, b] = frags(version) as [Uint8Array, Uint8Array];
    const bogus = b.slice();
    // Largest fragment offset: 8191 * 8 bytes.
    if (version === 4) {
      bogus[14 + 6] = 0x3f;
      bogus[14 + 7] = 0xff;
      bogus.set([0, 0], 14 + 10); // checksum is not checked (tshark's default)
    } else {
      bogus[14 + 40 + 2] = 0xff;
      bogus[14 + 40 + 3] = 0xf9;
    }
    expect(h.decode(bogus).layerCount).toBe(0);
    expect(h.anomalies.count(`ipv${version}-fragment-too-big`)).toBe(1);
    expect(h.decoder.pendingFragments).toBe(0);
  });
});

describe('fragment bounds', () => {
  it('evicts the oldest datagram when too many are pending', () => {
    const h = new Harness();
    for (let id = 0; id < MAX_PENDING_DATAGRAMS + 3; id++) {
      const packet = buildIpPacket({ ip: { ...v4, id }, udp: { srcPort: 1, dstPort: 2, payload: 'x'.repeat(16) } });
      h.decode(buildFrame({ packet: fragmentIp(packet, 8)[0] as Uint8Array }));
    }
    expect(h.decoder.pendingFragments).toBe(MAX_PENDING_DATAGRAMS);
    expect(h.anomalies.count('ipv4-fragment-evicted')).toBe(3);
  });

  it('keeps fragments of different datagrams apart (id, addresses)', () => {
    const h = new Harness();
    const a = frags(4, 1000, 1);
    const b = frags(4, 1000, 2);
    const out = run(h, [a[0], b[0], a[1], b[1], a[2], b[2], a[3], b[3]] as Uint8Array[]);
    expect(out.filter((r) => r === 'layer:5678')).toHaveLength(2);
  });
});
