/**
 * The writer's packet protection, checked byte for byte against the RFC examples: RFC 9001 A.2 / RFC 9369 A.2
 * (client Initial), A.4 (Retry) and A.5 (ChaCha20-Poly1305 short header), for v1 and v2.
 */
import { describe, expect, it } from 'vitest';
import { deriveInitialKeys } from '../../src/decode/names/quic/keys.js';
import { QUIC_V1, QUIC_V2, quicVersionInfo } from '../../src/decode/names/quic/versions.js';
import { INITIAL_SUITE, quicCipherSuite } from '../../src/payload/quic/cipher-suites.js';
import { derivePacketKeys, quicLabels } from '../../src/payload/quic/packet-keys.js';
import { retryPacket } from '../../src/writer/quic-protected-frames.js';
import { sealLongPacket, sealShortPacket } from '../../src/writer/quic-protected-packet.js';
import {
  SAMPLE_DCID_HEX,
  V1_CRYPTO_FRAME_HEX,
  V1_PROTECTED_PACKET_HEX,
  V2_CRYPTO_FRAME_HEX,
  V2_PROTECTED_PACKET_HEX,
} from '../decode/names/quic/rfc-vectors.js';

const hex = (s: string): Buffer => Buffer.from(s, 'hex');
const v1 = quicVersionInfo(QUIC_V1);
const v2 = quicVersionInfo(QUIC_V2);
const chacha = quicCipherSuite(0x1303);
if (v1 === undefined || v2 === undefined || chacha === undefined) throw new Error('tables');

/** The RFC examples' Initial payload: the CRYPTO frame, then PADDING to 1162 bytes. */
const INITIAL_PAYLOAD_LENGTH = 1162;

describe('sealLongPacket', () => {
  for (const [name, version, frameHex, packetHex] of [
    ['v1 (RFC 9001 A.2)', v1, V1_CRYPTO_FRAME_HEX, V1_PROTECTED_PACKET_HEX],
    ['v2 (RFC 9369 A.2)', v2, V2_CRYPTO_FRAME_HEX, V2_PROTECTED_PACKET_HEX],
  ] as const) {
    it(`reproduces the client Initial, ${name}`, () => {
      const dcid = hex(SAMPLE_DCID_HEX);
      const payload = Buffer.alloc(INITIAL_PAYLOAD_LENGTH);
      hex(frameHex).copy(payload);
      const keys = { suite: INITIAL_SUITE, ...deriveInitialKeys(version, dcid, 'client') };
      const packet = sealLongPacket(
        {
          version: version.version,
          typeBits: version.types.initial,
          dcid,
          scid: Buffer.alloc(0),
          token: Buffer.alloc(0),
          packetNumber: 2,
          packetNumberLength: 4,
          payload,
        },
        keys,
      );
      expect(packet.toString('hex')).toBe(packetHex);
    });
  }
});

describe('sealShortPacket', () => {
  const secret = hex('9ac312a7f877468ebe69422748ad00a15443f18203a07d6060f688f30f21632b');
  for (const [name, version, packetHex] of [
    ['v1 (RFC 9001 A.5)', v1, '4cfe4189655e5cd55c41f69080575d7999c25a5bfb'],
    ['v2 (RFC 9369 A.5)', v2, '5558b1c60ae7b6b932bc27d786f4bc2bb20f2162ba'],
  ] as const) {
    it(`reproduces the ChaCha20-Poly1305 packet, ${name}`, () => {
      const keys = derivePacketKeys(chacha, secret, quicLabels(version));
      const packet = sealShortPacket(
        { dcid: Buffer.alloc(0), packetNumber: 654360564, packetNumberLength: 3, keyPhase: 0, payload: Buffer.of(1) },
        keys,
      );
      expect(packet.toString('hex')).toBe(packetHex);
    });
  }
});

describe('retryPacket', () => {
  for (const [name, version, packetHex] of [
    ['v1 (RFC 9001 A.4)', v1, 'ff000000010008f067a5502a4262b5746f6b656e04a265ba2eff4d829058fb3f0f2496ba'],
    ['v2 (RFC 9369 A.4)', v2, 'cf6b3343cf0008f067a5502a4262b5746f6b656ec8646ce8bfe33952d955543665dcc7b6'],
  ] as const) {
    it(`reproduces the Retry and its integrity tag, ${name}`, () => {
      const packet = retryPacket({
        version: version.version,
        typeBits: version.types.retry,
        dcid: Buffer.alloc(0),
        scid: hex('f067a5502a4262b5'),
        token: Buffer.from('token', 'ascii'),
        originalDcid: hex(SAMPLE_DCID_HEX),
        unusedBits: 0x0f,
      });
      expect(packet.toString('hex')).toBe(packetHex);
    });
  }
});
