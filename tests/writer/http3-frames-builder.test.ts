import { describe, expect, it } from 'vitest';
import { decodeHuffman, readPrefixedInt } from '../../src/payload/http/prefixed-int.js';
import { QpackDecoder } from '../../src/payload/http/qpack-decoder.js';
import { readVarint } from '../../src/payload/http/quic-varint.js';
import {
  buildHttp3Connection,
  H3_UNI_STREAMS,
  huffmanEncode,
  QpackEncoder,
} from '../../src/writer/http3-frames-builder.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** The kinds of field line representations in a section (RFC 9204 §4.5.2-§4.5.6), walked by their lengths. */
function representations(section: Uint8Array): string[] {
  const kinds: string[] = [];
  const int = (at: number, bits: number) => readPrefixedInt(section, at, bits) ?? { value: 0, next: section.length };
  const str = (at: number, bits: number) => {
    const n = int(at, bits);
    return n.next + n.value;
  };
  let at = int(int(0, 8).next, 7).next;
  while (at < section.length) {
    const b = section[at] ?? 0;
    if (b & 0x80) {
      kinds.push(b & 0x40 ? 'indexed-static' : 'indexed-dynamic');
      at = int(at, 6).next;
    } else if (b & 0x40) {
      kinds.push(b & 0x10 ? 'name-ref-static' : 'name-ref-dynamic');
      at = str(int(at, 4).next, 7);
    } else if (b & 0x20) {
      kinds.push('literal-name');
      at = str(str(at, 3), 7);
    } else if (b & 0x10) {
      kinds.push('post-base');
      at = int(at, 4).next;
    } else {
      kinds.push('post-base-name-ref');
      at = str(int(at, 3).next, 7);
    }
  }
  return kinds;
}

describe('http3-frames-builder: QPACK encoder', () => {
  it('Huffman-codes as RFC 7541 C.4.1 does', () => {
    expect(hex(huffmanEncode(new Uint8Array(Buffer.from('www.example.com'))))).toBe('f1e3c2e5f23a6ba0ab90f4ff');
    expect(
      Buffer.from(decodeHuffman(huffmanEncode(new Uint8Array(Buffer.from('custom-value')))) ?? []).toString(),
    ).toBe('custom-value');
  });

  it('reproduces RFC 9204 B.1 for a static-only section', () => {
    const enc = new QpackEncoder(0, false, false);
    expect(hex(enc.encodeSection([[':path', '/index.html']]).section)).toBe('0000510b2f696e6465782e68746d6c');
  });

  it('uses every field line representation and decodes back exactly', () => {
    const enc = new QpackEncoder(4096, true, true);
    const dec = new QpackDecoder();
    dec.setMaxTableCapacity(4096);
    const sections: [string, string][][] = [
      [
        [':method', 'GET'], // indexed static
        [':path', '/x'], // inserted with static name reference: post-base index
        ['x-a', '1'], // inserted with literal name
        ['x-a', '2'], // inserted with dynamic name reference
        ['x-long', 'v'.repeat(100)], // too long to insert: literal with literal name
        ['content-type', 'z'.repeat(100)], // literal with static name reference
      ],
      [
        ['x-a', '1'], // indexed dynamic (pre-base)
        ['x-a', 'w'.repeat(100)], // literal with dynamic name reference (pre-base)
        ['x-b', '1'], // new insert: post-base
        ['x-b', 'q'.repeat(100)], // literal with post-base name reference
      ],
    ];
    const kinds = new Set<string>();
    for (const headers of sections) {
      const { section, instructions } = enc.encodeSection(headers);
      expect(dec.onEncoderStream(instructions)).toBe(true);
      const result = dec.decodeSection(section);
      expect(result.kind === 'headers' && result.headers.map((h) => [h.name, h.value])).toEqual(headers);
      for (const k of representations(section)) kinds.add(k);
    }
    for (const k of [
      'indexed-static',
      'indexed-dynamic',
      'name-ref-static',
      'name-ref-dynamic',
      'literal-name',
      'post-base',
      'post-base-name-ref',
    ]) {
      expect(kinds).toContain(k);
    }
  });
});

describe('http3-frames-builder: streams', () => {
  it('opens control, encoder and decoder streams with their types and SETTINGS', () => {
    const chunks = buildHttp3Connection(
      [
        {
          streamId: 0,
          request: {
            headers: [
              [':method', 'GET'],
              [':path', '/a'],
              ['x-y', 'z'],
            ],
          },
          response: { headers: [[':status', '200']] },
        },
      ],
      { dynamicTable: true },
    );
    const first = (dir: 'out' | 'in', id: number) => chunks.find((c) => c.dir === dir && c.streamId === id)?.data[0];
    expect(first('out', H3_UNI_STREAMS.out.control)).toBe(0x00);
    expect(first('in', H3_UNI_STREAMS.in.control)).toBe(0x00);
    expect(first('out', H3_UNI_STREAMS.out.encoder)).toBe(0x02);
    expect(first('out', H3_UNI_STREAMS.out.decoder)).toBe(0x03);
    const control = chunks.find((c) => c.streamId === 2)?.data ?? new Uint8Array(0);
    expect(readVarint(control, 1)?.value).toBe(0x04); // SETTINGS frame
    const request = chunks.filter((c) => c.streamId === 0 && c.dir === 'out');
    expect(request.at(-1)?.fin).toBe(true);
  });

  it('puts encoder instructions last when asked, and splits streams into pieces', () => {
    const chunks = buildHttp3Connection(
      [
        {
          streamId: 0,
          request: {
            headers: [
              [':method', 'GET'],
              ['x-y', 'z'],
            ],
          },
          response: { headers: [[':status', '200']] },
        },
      ],
      { dynamicTable: true, encoderStreamsLast: true, pieceSize: 3 },
    );
    const encoderAt = chunks.findIndex((c) => c.streamId === 6);
    const requestAt = chunks.findIndex((c) => c.streamId === 0);
    expect(encoderAt).toBeGreaterThan(requestAt);
    expect(chunks.every((c) => c.data.length <= 3)).toBe(true);
  });
});
