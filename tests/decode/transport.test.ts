import { describe, expect, it } from 'vitest';
import { buildFrame, buildIpPacket } from '../../src/writer/packet-builder.js';
import { decodeOne } from './helpers.js';

const ip4 = { version: 4 as const, src: '10.1.1.1', dst: '10.2.2.2' };
const ip6 = { version: 6 as const, src: 'fd00::1', dst: 'fd00::2' };

describe('transport', () => {
  it('reads TCP flags, sequence and acknowledgement numbers past options', () => {
    const options = Uint8Array.of(2, 4, 5, 0xb4, 1, 3, 3, 7, 4, 2); // MSS, NOP, WS, SACK-permitted
    const frame = buildFrame({
      ip: ip4,
      tcp: { srcPort: 1, dstPort: 2, seq: 0xfffffff0, ack: 0x80000001, flags: 'SA', options, payload: 'ab' },
    });
    const layer = decodeOne(frame).out.layers[0];
    expect(layer).toMatchObject({ tcpFlags: 0x12, tcpSeq: 0xfffffff0, tcpAck: 0x80000001, payloadLen: 2 });
  });

  it('rejects a TCP data offset below 5 (no ports, as tshark stops there)', () => {
    const frame = buildFrame({ ip: ip4, tcp: { srcPort: 1, dstPort: 2, flags: 'S' } });
    frame[14 + 20 + 12] = 0x40;
    const { out, anomalies } = decodeOne(frame);
    expect(out.layers[0]).toMatchObject({ srcPort: 0, dstPort: 0, transportTruncated: true });
    expect(anomalies.count('bad-tcp-data-offset')).toBe(1);
  });

  it('flags TCP options cut by the snap length', () => {
    const frame = buildFrame({ ip: ip4, tcp: { srcPort: 1, dstPort: 2, flags: 'S', options: new Uint8Array(12) } });
    const { out } = decodeOne(frame.subarray(0, frame.length - 4));
    expect(out.layers[0]).toMatchObject({ srcPort: 1, dstPort: 2, transportTruncated: true });
  });

  it('reads UDP and SCTP ports', () => {
    expect(decodeOne(buildFrame({ ip: ip6, udp: { srcPort: 7, dstPort: 9 } })).out.layers[0]).toMatchObject({
      srcPort: 7,
      dstPort: 9,
      payloadLen: 0,
    });
    const sctp = decodeOne(buildFrame({ ip: ip4, sctp: { srcPort: 2905, dstPort: 2906, payload: 'chunk' } })).out;
    expect(sctp.layers[0]).toMatchObject({ protocol: 132, srcPort: 2905, dstPort: 2906, payloadLen: 5 });
  });

  it('reads ICMP and ICMPv6 type and code', () => {
    const echo = decodeOne(buildFrame({ ip: ip4, icmp: { type: 8, code: 0, rest: 0x00010001 } })).out;
    expect(echo.layers[0]).toMatchObject({ protocol: 1, icmpType: 8, icmpCode: 0, srcPort: 0 });
    const ns = decodeOne(buildFrame({ ip: ip6, icmp: { type: 135, code: 0, payload: new Uint8Array(16) } })).out;
    expect(ns.layers[0]).toMatchObject({ protocol: 58, icmpType: 135, icmpCode: 0 });
  });

  it('keeps an ICMP error quoting UDP/TCP as one ICMP layer', () => {
    const quotedUdp = buildIpPacket({ ip: ip4, udp: { srcPort: 5000, dstPort: 53, payload: 'abcdefgh' } });
    const err = buildFrame({
      ip: { version: 4, src: '10.2.2.2', dst: '10.1.1.1' },
      icmp: { type: 3, code: 3, payload: quotedUdp.subarray(0, 28) },
    });
    const { out } = decodeOne(err);
    expect(out.layerCount).toBe(1);
    expect(out.layers[0]).toMatchObject({ protocol: 1, icmpType: 3, icmpCode: 3, srcPort: 0 });
    const quotedTcp = buildIpPacket({ ip: ip6, tcp: { srcPort: 5000, dstPort: 80, flags: 'S' } });
    const err6 = buildFrame({
      ip: { ...ip6, src: 'fd00::2', dst: 'fd00::1' },
      icmp: { type: 1, code: 4, payload: quotedTcp },
    });
    expect(decodeOne(err6).out.layerCount).toBe(1);
  });

  it('flags short UDP and ICMP headers', () => {
    const udp = buildFrame({ ip: ip4, udp: { srcPort: 7, dstPort: 9 } });
    expect(decodeOne(udp.subarray(0, udp.length - 3)).out.layers[0]).toMatchObject({
      srcPort: 7,
      transportTruncated: true,
    });
    const icmp = buildFrame({ ip: ip4, icmp: { type: 8, code: 0 } });
    expect(decodeOne(icmp.subarray(0, 14 + 20 + 1)).out.anomaly).toBe('truncated-icmp-header');
  });
});
