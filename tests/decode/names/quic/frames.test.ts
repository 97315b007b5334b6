import { describe, expect, it } from 'vitest';
import { walkInitialFrames } from '../../../../src/decode/names/quic/frames.js';
import { ackFrame, cryptoFrame, gquicCryptoFrame, hex, padding, ping, varint } from './quic-test-kit.js';
import { V1_CRYPTO_FRAME_HEX } from './rfc-vectors.js';

const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('walkInitialFrames', () => {
  it('reads the RFC 9001 A.2 CRYPTO frame followed by PADDING', () => {
    const frame = hex(V1_CRYPTO_FRAME_HEX);
    const walk = walkInitialFrames(Buffer.concat([frame, padding(917)]));
    expect(walk.stopped).toBeNull();
    expect(walk.crypto).toHaveLength(1);
    expect(walk.crypto[0]?.offset).toBe(0);
    expect(walk.crypto[0]?.data.length).toBe(0xf1);
    expect(toHex(walk.crypto[0]?.data ?? new Uint8Array(0))).toBe(V1_CRYPTO_FRAME_HEX.slice(8));
  });

  it('passes PING, ACK, ACK_ECN, CONNECTION_CLOSE and collects every CRYPTO frame in order', () => {
    const close = Buffer.concat([Buffer.of(0x1c), varint(0x0a), varint(0x06), varint(3), Buffer.from('bye')]);
    const payload = Buffer.concat([
      padding(3),
      ping(),
      cryptoFrame(100, Buffer.from('second')),
      ackFrame(),
      ackFrame(true),
      cryptoFrame(0, Buffer.from('first')),
      close,
      padding(10),
    ]);
    const walk = walkInitialFrames(payload);
    expect(walk.stopped).toBeNull();
    expect(walk.crypto.map((c) => [c.offset, Buffer.from(c.data).toString()])).toEqual([
      [100, 'second'],
      [0, 'first'],
    ]);
  });

  it('stops at a frame type not allowed in Initial packets, keeping what came before', () => {
    const payload = Buffer.concat([
      cryptoFrame(0, Buffer.from('abc')),
      Buffer.of(0x08, 0x00),
      cryptoFrame(3, Buffer.from('d')),
    ]);
    const walk = walkInitialFrames(payload);
    expect(walk.stopped).toBe('unexpected-frame');
    expect(walk.crypto).toHaveLength(1);
  });

  it.each([
    ['CRYPTO length past the end', '060005ffaabb'],
    ['CRYPTO offset cut', '06'],
    ['ACK cut', '0205'],
    ['ACK range count larger than the payload', '020500ff0000'],
    ['ACK_ECN missing counts', '03050000000102'],
    ['CONNECTION_CLOSE reason past the end', '1c0a0605616263'],
    ['type varint cut', '40'],
  ])('reports truncated-frame: %s', (_name, h) => {
    expect(walkInitialFrames(hex(h)).stopped).toBe('truncated-frame');
  });

  it('accepts an empty payload', () => {
    expect(walkInitialFrames(new Uint8Array(0))).toEqual({ crypto: [], stopped: null });
  });
});

describe('walkInitialFrames: gQUIC numbering (T050/T051)', () => {
  it('reads CRYPTO as type 0x08, with PADDING and PING (0x07)', () => {
    const payload = Buffer.concat([Buffer.of(0x07), gquicCryptoFrame(0, Buffer.from('hello')), padding(20)]);
    const walk = walkInitialFrames(payload, 'gquic');
    expect(walk.stopped).toBeNull();
    expect(walk.crypto.map((c) => [c.offset, Buffer.from(c.data).toString()])).toEqual([[0, 'hello']]);
  });

  it('stops at IETF frame numbers there, and at 0x08 (STREAM) in IETF packets', () => {
    const ietf = Buffer.concat([cryptoFrame(0, Buffer.from('a')), gquicCryptoFrame(1, Buffer.from('b'))]);
    expect(walkInitialFrames(ietf, 'ietf')).toEqual({
      crypto: [{ offset: 0, data: Buffer.from('a') }],
      stopped: 'unexpected-frame',
    });
    const walk = walkInitialFrames(ietf, 'gquic');
    expect(walk).toEqual({ crypto: [], stopped: 'unexpected-frame' });
  });

  it('reports a truncated gQUIC CRYPTO frame', () => {
    expect(walkInitialFrames(hex('08004005ab'), 'gquic').stopped).toBe('truncated-frame');
  });
});
