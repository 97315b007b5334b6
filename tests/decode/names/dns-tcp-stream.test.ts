import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DnsTcpStream } from '../../../src/decode/names/dns-tcp-stream.js';
import { cdnAnswer, HEADER, message, name, ptr, rr } from '../../../src/writer/dns-message-builder.js';

function framed(m: Uint8Array): Uint8Array {
  return Uint8Array.from([m.length >> 8, m.length & 0xff, ...m]);
}

const a = cdnAnswer();
const b = message({
  id: 7,
  questions: [{ name: name('b.example'), type: 1 }],
  answers: [rr(ptr(HEADER), 1, 5, [10, 1, 2, 3])],
});
const both = Uint8Array.from([...framed(a), ...framed(b)]);

describe('DnsTcpStream', () => {
  it('returns two messages carried in one segment', () => {
    const s = new DnsTcpStream();
    const out = s.push(both);
    expect(out.map((m) => m.id)).toEqual([0x1234, 7]);
    expect(out[1]?.answers[0]?.data).toBe('10.1.2.3');
    expect(s.anomaly).toBeNull();
  });

  it('reassembles messages split at every byte boundary, also into three pieces', () => {
    for (let cut = 0; cut <= both.length; cut++) {
      const s = new DnsTcpStream();
      const ids = [...s.push(both.subarray(0, cut)), ...s.push(both.subarray(cut))].map((m) => m.id);
      expect(ids).toEqual([0x1234, 7]);
    }
    for (let cut = 0; cut < both.length; cut += 3) {
      const s = new DnsTcpStream();
      const mid = Math.min(both.length, cut + 5);
      const ids = [both.subarray(0, cut), both.subarray(cut, mid), both.subarray(mid)].flatMap((seg) => s.push(seg));
      expect(ids.map((m) => m.id)).toEqual([0x1234, 7]);
    }
  });

  it('survives one byte at a time and hostile chunk patterns', () => {
    for (const size of [1, 2, 3, 5, 8, 13]) {
      const s = new DnsTcpStream();
      const ids: number[] = [];
      for (let i = 0; i < both.length; i += size) ids.push(...s.push(both.subarray(i, i + size)).map((m) => m.id));
      expect(ids).toEqual([0x1234, 7]);
    }
  });

  it('skips a well-framed bad message and keeps going', () => {
    const bad = cdnAnswer();
    bad[7] = 9; // ANCOUNT larger than the records present
    const s = new DnsTcpStream();
    const out = s.push(Uint8Array.from([...framed(bad), ...framed(b)]));
    expect(out.map((m) => m.id)).toEqual([7]);
    expect(s.anomaly).toBe('dns-truncated');
    expect(s.invalidMessages).toBe(1);
    expect(s.stopped).toBe(false);
  });

  it('stops on a length that cannot be a DNS message', () => {
    const s = new DnsTcpStream();
    expect(s.push(Uint8Array.from([0, 3, 1, 2, 3, ...framed(a)]))).toEqual([]);
    expect(s.stopped).toBe(true);
    expect(s.anomaly).toBe('dns-tcp-bad-length');
    expect(s.push(framed(a))).toEqual([]);
  });

  it('buffers a 65535-byte message announced up front', () => {
    const s = new DnsTcpStream();
    expect(s.push(Uint8Array.from([0xff, 0xff, ...a]))).toEqual([]);
    const rest = new Uint8Array(0xffff - a.length);
    expect(s.push(rest)).toHaveLength(1); // the answer section ends early; trailing bytes are ignored
  });

  it('never throws on random segments', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), (segments) => {
        const s = new DnsTcpStream();
        for (const seg of segments) expect(s.push(seg).length).toBeLessThanOrEqual(seg.length / 14 + 1);
      }),
      { numRuns: 300 },
    );
  });
});
