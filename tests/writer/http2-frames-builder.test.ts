import { describe, expect, it } from 'vitest';
import { HpackDecoder } from '../../src/payload/http/hpack-decoder.js';
import {
  buildHttp2Connection,
  H2_FRAME,
  HTTP2_PREFACE,
  Http2HeaderEncoder,
  http2Frame,
} from '../../src/writer/http2-frames-builder.js';

interface Frame {
  type: number;
  flags: number;
  streamId: number;
  payload: Uint8Array;
}

function frames(data: Uint8Array): Frame[] {
  const out: Frame[] = [];
  for (let at = 0; at + 9 <= data.length; ) {
    const length = ((data[at] ?? 0) << 16) | ((data[at + 1] ?? 0) << 8) | (data[at + 2] ?? 0);
    const streamId = new DataView(data.buffer, data.byteOffset + at + 5, 4).getUint32(0) & 0x7fffffff;
    out.push({
      type: data[at + 3] ?? 0,
      flags: data[at + 4] ?? 0,
      streamId,
      payload: data.subarray(at + 9, at + 9 + length),
    });
    at += 9 + length;
  }
  return out;
}

const REQUEST: [string, string][] = [
  [':method', 'GET'],
  [':scheme', 'https'],
  [':authority', 'example.com'],
  [':path', '/index.html'],
  ['user-agent', 'a'.repeat(200)],
];

describe('http2-frames-builder', () => {
  it('writes frame headers as RFC 9113 §4.1 lays them out', () => {
    const f = http2Frame(H2_FRAME.DATA, 0x1, 0x7fffffff, new Uint8Array([1, 2, 3]));
    expect([...f]).toEqual([0, 0, 3, 0, 1, 0x7f, 0xff, 0xff, 0xff, 1, 2, 3]);
  });

  it('starts the client side with the preface and both sides with SETTINGS', () => {
    const wire = buildHttp2Connection(
      [{ streamId: 1, request: { headers: REQUEST }, response: { headers: [[':status', '200']] } }],
      { headerTableSize: 8192 },
    );
    expect(Buffer.from(wire.out.subarray(0, 24)).equals(Buffer.from(HTTP2_PREFACE))).toBe(true);
    const out = frames(wire.out.subarray(24));
    expect(out[0]).toMatchObject({ type: H2_FRAME.SETTINGS, flags: 0, streamId: 0 });
    expect([...(out[0]?.payload.subarray(0, 6) ?? [])]).toEqual([0, 1, 0, 0, 0x20, 0]);
    expect(frames(wire.in)[0]?.type).toBe(H2_FRAME.SETTINGS);
  });

  it('splits a header block into HEADERS + CONTINUATION and pads and prioritises HEADERS', () => {
    const wire = buildHttp2Connection([{ streamId: 1, request: { headers: REQUEST, body: 'x'.repeat(50) } }], {
      maxFrameSize: 20,
      padding: 4,
      priority: true,
      huffman: false,
    });
    const out = frames(wire.out.subarray(24)).filter((f) => f.streamId === 1);
    const headers = out[0];
    expect(headers?.type).toBe(H2_FRAME.HEADERS);
    expect(headers?.flags).toBe(0x8 | 0x20); // PADDED | PRIORITY, no END_HEADERS, no END_STREAM
    const continuations = out.filter((f) => f.type === H2_FRAME.CONTINUATION);
    expect(continuations.length).toBeGreaterThan(5);
    expect(continuations.at(-1)?.flags).toBe(0x4);
    const data = out.filter((f) => f.type === H2_FRAME.DATA);
    expect(data).toHaveLength(3);
    expect(data.at(-1)?.flags).toBe(0x1 | 0x8);
    // Reassemble the block (strip pad length, priority and padding) and decode it.
    const first = headers?.payload ?? new Uint8Array(0);
    const fragment = first.subarray(1 + 5, first.length - 4);
    const block = Buffer.concat([fragment, ...continuations.map((c) => c.payload)]);
    expect(new HpackDecoder().decode(block)?.headers.map((h) => [h.name, h.value])).toEqual(REQUEST);
  });

  it('encodes successive blocks against one dynamic table per direction', () => {
    const enc = new Http2HeaderEncoder();
    const dec = new HpackDecoder();
    const a = enc.encode(REQUEST);
    const b = enc.encode(REQUEST);
    expect(b.length).toBeLessThan(a.length / 4);
    expect(dec.decode(a)?.headers.map((h) => h.value)).toEqual(REQUEST.map(([, v]) => v));
    expect(dec.decode(b)?.headers.map((h) => h.value)).toEqual(REQUEST.map(([, v]) => v));
  });

  it('starts with a table size update when asked', () => {
    const enc = new Http2HeaderEncoder(true, 256);
    const block = enc.encode([[':method', 'GET']]);
    expect([...block.subarray(0, 3)]).toEqual([0x3f, 0xe1, 0x01]);
    const dec = new HpackDecoder();
    expect(dec.decode(block)?.headers).toEqual([{ name: ':method', value: 'GET' }]);
  });

  it('interleaves streams frame by frame and writes pushes, resets and control frames', () => {
    const wire = buildHttp2Connection(
      [
        {
          streamId: 1,
          request: { headers: REQUEST, body: 'a'.repeat(30) },
          response: { headers: [[':status', '200']], body: 'b' },
          pushes: [{ promisedStreamId: 2, request: REQUEST, response: { headers: [[':status', '200']] } }],
        },
        { streamId: 3, request: { headers: REQUEST, body: 'c'.repeat(30) }, resetBy: 'in' },
      ],
      { interleave: true, maxFrameSize: 10, controlFrames: true },
    );
    const out = frames(wire.out.subarray(24))
      .filter((f) => f.type === H2_FRAME.DATA)
      .map((f) => f.streamId);
    expect(out.slice(0, 4)).toEqual([1, 3, 1, 3]);
    const inbound = frames(wire.in);
    expect(inbound.some((f) => f.type === H2_FRAME.PUSH_PROMISE && f.streamId === 1)).toBe(true);
    expect(inbound.some((f) => f.type === H2_FRAME.RST_STREAM && f.streamId === 3)).toBe(true);
    expect(inbound.some((f) => f.type === H2_FRAME.GOAWAY)).toBe(true);
    expect(frames(wire.out.subarray(24)).some((f) => f.type === 0xfa)).toBe(true);
  });
});
