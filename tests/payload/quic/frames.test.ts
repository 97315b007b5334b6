import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { walkPacketFrames } from '../../../src/payload/quic/frames.js';
import { varint } from '../../../src/writer/quic-initial-builder.js';
import {
  ackFrame,
  applicationCloseFrame,
  HANDSHAKE_DONE_FRAME,
  maxDataFrame,
  maxStreamsFrame,
  newConnectionIdFrame,
  newTokenFrame,
  PING_FRAME,
  resetStreamFrame,
  streamFrame,
} from '../../../src/writer/quic-protected-frames.js';

const cat = (...parts: Uint8Array[]): Buffer => Buffer.concat(parts);
const text = (s: string): Buffer => Buffer.from(s, 'latin1');

/** Every RFC 9000 frame type the walker must skip, each followed by a STREAM frame that must still be read. */
const SKIPPED: [string, Buffer][] = [
  ['PADDING', Buffer.alloc(5)],
  ['PING', PING_FRAME],
  ['ACK', ackFrame(300)],
  [
    'ACK with ranges',
    cat(Buffer.of(0x02), varint(100), varint(3), varint(2), varint(1), varint(4), varint(2), varint(5), varint(6)),
  ],
  ['ACK_ECN', cat(Buffer.of(0x03), varint(9), varint(0), varint(0), varint(9), varint(1), varint(2), varint(3))],
  ['STOP_SENDING', cat(Buffer.of(0x05), varint(4), varint(0x10c))],
  ['NEW_TOKEN', newTokenFrame(Buffer.alloc(40, 1))],
  ['MAX_DATA', maxDataFrame(1 << 24)],
  ['MAX_STREAM_DATA', cat(Buffer.of(0x11), varint(4), varint(65536))],
  ['MAX_STREAMS bidi', maxStreamsFrame(true, 100)],
  ['MAX_STREAMS uni', maxStreamsFrame(false, 3)],
  ['DATA_BLOCKED', cat(Buffer.of(0x14), varint(5000))],
  ['STREAM_DATA_BLOCKED', cat(Buffer.of(0x15), varint(8), varint(5000))],
  ['STREAMS_BLOCKED bidi', cat(Buffer.of(0x16), varint(10))],
  ['STREAMS_BLOCKED uni', cat(Buffer.of(0x17), varint(10))],
  ['RETIRE_CONNECTION_ID', cat(Buffer.of(0x19), varint(2))],
  ['PATH_CHALLENGE', cat(Buffer.of(0x1a), Buffer.alloc(8, 9))],
  ['PATH_RESPONSE', cat(Buffer.of(0x1b), Buffer.alloc(8, 9))],
  ['CONNECTION_CLOSE transport', cat(Buffer.of(0x1c), varint(0x0a), varint(0x08), varint(3), text('bad'))],
  ['CONNECTION_CLOSE application', applicationCloseFrame(0x100, 'bye')],
  ['HANDSHAKE_DONE', HANDSHAKE_DONE_FRAME],
  ['DATAGRAM with length', cat(Buffer.of(0x31), varint(4), text('dgrm'))],
  ['CRYPTO', cat(Buffer.of(0x06), varint(10), varint(3), text('abc'))],
  ['two-byte frame type encoding of PING', Buffer.of(0x40, 0x01)],
];

describe('walkPacketFrames', () => {
  for (const [name, frame] of SKIPPED) {
    it(`skips ${name}`, () => {
      const walk = walkPacketFrames(cat(frame, streamFrame(4, 10, text('data'), true)));
      expect(walk.stopped).toBeNull();
      expect(walk.streams).toHaveLength(1);
      expect(walk.streams[0]).toMatchObject({ streamId: 4, offset: 10, fin: true });
      expect(Buffer.from(walk.streams[0]?.data ?? []).toString('latin1')).toBe('data');
    });
  }

  it('reads STREAM frames with every OFF/LEN/FIN combination (no LEN: data runs to the end)', () => {
    for (let type = 0x08; type <= 0x0f; type++) {
      const off = (type & 0x04) !== 0;
      const len = (type & 0x02) !== 0;
      const body = cat(
        Buffer.of(type),
        varint(9),
        off ? varint(77) : Buffer.alloc(0),
        len ? varint(5) : Buffer.alloc(0),
        text('hello'),
      );
      const walk = walkPacketFrames(cat(body, len ? PING_FRAME : Buffer.alloc(0)));
      expect(walk.stopped).toBeNull();
      expect(walk.streams).toEqual([{ streamId: 9, offset: off ? 77 : 0, data: text('hello'), fin: (type & 1) === 1 }]);
    }
  });

  it('keeps CRYPTO chunks, resets and new connection IDs', () => {
    const cid = Buffer.from('0102030405060708090a', 'hex');
    const walk = walkPacketFrames(
      cat(
        Buffer.of(0x06),
        varint(0),
        varint(2),
        text('hi'),
        resetStreamFrame(8, 0x10c, 1234),
        newConnectionIdFrame(3, cid),
      ),
    );
    expect(walk.crypto).toEqual([{ offset: 0, data: text('hi') }]);
    expect(walk.resets).toEqual([{ streamId: 8, finalSize: 1234 }]);
    expect(walk.newConnectionIds.map((c) => Buffer.from(c).toString('hex'))).toEqual([cid.toString('hex')]);
  });

  it('DATAGRAM without length takes the rest of the packet', () => {
    const walk = walkPacketFrames(
      cat(streamFrame(0, 0, text('x'), false), Buffer.of(0x30), streamFrame(4, 0, text('y'), false)),
    );
    expect(walk.stopped).toBeNull();
    expect(walk.streams).toHaveLength(1);
  });

  it('an unknown frame type ends the walk, keeping what came before', () => {
    const walk = walkPacketFrames(
      cat(streamFrame(0, 0, text('kept'), false), Buffer.of(0x21), streamFrame(4, 0, text('lost'), false)),
    );
    expect(walk.stopped).toBe('unknown-frame');
    expect(walk.streams.map((s) => s.streamId)).toEqual([0]);
  });

  it('truncated frames end the walk as truncated-frame', () => {
    const frames = [
      streamFrame(4, 100, text('abcdef'), true),
      ackFrame(1000),
      newConnectionIdFrame(1, Buffer.alloc(8, 1)),
      resetStreamFrame(4, 1, 99),
      applicationCloseFrame(1, 'reason'),
      newTokenFrame(Buffer.alloc(9)),
      cat(Buffer.of(0x1a), Buffer.alloc(8)),
      cat(Buffer.of(0x06), varint(0), varint(4), text('abcd')),
    ];
    for (const frame of frames) {
      for (let cut = 1; cut < frame.length; cut++) {
        const walk = walkPacketFrames(frame.subarray(0, cut));
        expect(walk.stopped, `${frame.toString('hex')} cut at ${cut}`).toBe('truncated-frame');
        expect(walk.streams.length + walk.crypto.length + walk.resets.length + walk.newConnectionIds.length).toBe(0);
      }
    }
    expect(walkPacketFrames(ackFrame(1000).subarray(0, 3)).stopped).toBe('truncated-frame');
    expect(walkPacketFrames(cat(Buffer.of(0x02, 0, 0), varint(1000))).stopped).toBe('truncated-frame');
    expect(walkPacketFrames(Buffer.of(0x18, 0, 0, 21, ...Buffer.alloc(40))).stopped).toBe('truncated-frame');
  });

  it('random bytes never throw and every slice stays inside the payload', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const walk = walkPacketFrames(bytes);
        for (const s of [...walk.streams, ...walk.crypto]) {
          expect(s.data.byteOffset + s.data.length).toBeLessThanOrEqual(bytes.byteOffset + bytes.length);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
