/**
 * Packet protection against the RFC test vectors: RFC 9001 Appendix A.2 (v1 client Initial, AES-128-GCM),
 * A.5 (v1 ChaCha20-Poly1305 short header, with the key update secret) and RFC 9369 Appendix A.2 / A.5 (v2).
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hkdfExpand, hkdfExpandLabel } from '../../../src/core/hkdf.js';
import { deriveInitialKeys } from '../../../src/decode/names/quic/keys.js';
import { QUIC_V1, QUIC_V2, quicVersionInfo } from '../../../src/decode/names/quic/versions.js';
import {
  INITIAL_SUITE,
  quicCipherSuite,
  suitesForSecretLength,
  TLS_CHACHA20_POLY1305_SHA256,
} from '../../../src/payload/quic/cipher-suites.js';
import { derivePacketKeys, nextTrafficSecret, quicLabels } from '../../../src/payload/quic/packet-keys.js';
import { openPayload, removeHeaderProtection } from '../../../src/payload/quic/packet-protection.js';
import {
  SAMPLE_DCID_HEX,
  V1_CRYPTO_FRAME_HEX,
  V1_PROTECTED_PACKET_HEX,
  V2_CRYPTO_FRAME_HEX,
  V2_PROTECTED_PACKET_HEX,
} from '../../decode/names/quic/rfc-vectors.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const v1 = quicVersionInfo(QUIC_V1);
const v2 = quicVersionInfo(QUIC_V2);
if (v1 === undefined || v2 === undefined) throw new Error('version table');
const chacha = quicCipherSuite(TLS_CHACHA20_POLY1305_SHA256);
if (chacha === undefined) throw new Error('suite table');

/** RFC 9001 A.5 and RFC 9369 A.5: one secret, the derived values per version, and the 21-byte packet. */
const A5_SECRET = hex('9ac312a7f877468ebe69422748ad00a15443f18203a07d6060f688f30f21632b');
const A5 = [
  {
    name: 'v1 (RFC 9001 A.5)',
    version: v1,
    key: 'c6d98ff3441c3fe1b2182094f69caa2ed4b716b65488960a7a984979fb23e1c8',
    iv: 'e0459b3474bdd0e44a41c144',
    hp: '25a282b9e82f06f21f488917a4fc8f1b73573685608597d0efcb076b0ab7a7a4',
    ku: '1223504755036d556342ee9361d253421a826c9ecdf3c7148684b36b714881f9',
    packet: '4cfe4189655e5cd55c41f69080575d7999c25a5bfb',
  },
  {
    name: 'v2 (RFC 9369 A.5)',
    version: v2,
    key: '3bfcddd72bcf02541d7fa0dd1f5f9eeea817e09a6963a0e6c7df0f9a1bab90f2',
    iv: 'a6b5bc6ab7dafce30ffff5dd',
    hp: 'd659760d2ba434a226fd37b35c69e2da8211d10c4f12538787d65645d5d1b8e2',
    ku: 'c69374c49e3d2a9466fa689e49d476db5d0dfbc87d32ceeaa6343fd0ae4c7d88',
    packet: '5558b1c60ae7b6b932bc27d786f4bc2bb20f2162ba',
  },
];
const A5_PN = 654360564;

describe('ChaCha20-Poly1305 short header packet', () => {
  for (const v of A5) {
    it(`${v.name}: keys, key update secret and the packet`, () => {
      const labels = quicLabels(v.version);
      const keys = derivePacketKeys(chacha, A5_SECRET, labels);
      expect(Buffer.from(keys.key).toString('hex')).toBe(v.key);
      expect(Buffer.from(keys.iv).toString('hex')).toBe(v.iv);
      expect(Buffer.from(keys.hp).toString('hex')).toBe(v.hp);
      expect(Buffer.from(nextTrafficSecret(chacha, A5_SECRET, labels)).toString('hex')).toBe(v.ku);
      const packet = hex(v.packet);
      // Empty DCID: the packet number starts right after the first byte.
      const unmasked = removeHeaderProtection(packet, 0, 1, packet.length, false, chacha, keys.hp, A5_PN - 1);
      expect(unmasked).not.toBeNull();
      if (unmasked === null) return;
      expect(unmasked.header.toString('hex')).toBe('4200bff4');
      expect(unmasked.packetNumber).toBe(A5_PN);
      expect(Buffer.from(openPayload(chacha, keys, packet, unmasked) ?? []).toString('hex')).toBe('01');
      // A flipped tag bit fails the AEAD.
      const damaged = Buffer.from(packet);
      damaged[damaged.length - 1] = (damaged[damaged.length - 1] ?? 0) ^ 1;
      expect(openPayload(chacha, keys, damaged, unmasked)).toBeNull();
    });
  }
});

describe('Initial packets (AES-128-GCM) through the generic path', () => {
  for (const [name, version, packetHex, frameHex] of [
    ['v1 (RFC 9001 A.2)', v1, V1_PROTECTED_PACKET_HEX, V1_CRYPTO_FRAME_HEX],
    ['v2 (RFC 9369 A.2)', v2, V2_PROTECTED_PACKET_HEX, V2_CRYPTO_FRAME_HEX],
  ] as const) {
    it(name, () => {
      const keys = deriveInitialKeys(version, hex(SAMPLE_DCID_HEX), 'client');
      const packet = hex(packetHex);
      // Long header: flags, version, DCID (8), SCID (0), token length 0, 2-byte length: pn at 18.
      const unmasked = removeHeaderProtection(packet, 0, 18, packet.length, true, INITIAL_SUITE, keys.hp, -1);
      expect(unmasked?.packetNumber).toBe(2);
      if (unmasked === null) return;
      const payload = Buffer.from(openPayload(INITIAL_SUITE, keys, packet, unmasked) ?? []);
      expect(payload.subarray(0, frameHex.length / 2).toString('hex')).toBe(frameHex);
    });
  }

  it('too short for a sample or a tag: null', () => {
    const keys = deriveInitialKeys(v1, hex(SAMPLE_DCID_HEX), 'client');
    const packet = hex(V1_PROTECTED_PACKET_HEX);
    expect(removeHeaderProtection(packet, 0, 18, 18 + 19, true, INITIAL_SUITE, keys.hp, -1)).toBeNull();
    expect(
      removeHeaderProtection(packet, 0, packet.length - 4, packet.length, true, INITIAL_SUITE, keys.hp, -1),
    ).toBeNull();
  });
});

describe('HKDF', () => {
  it('HKDF-Expand matches node:crypto HKDF for SHA-256 and SHA-384', () => {
    const ikm = hex('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b');
    const salt = hex('000102030405060708090a0b0c');
    const info = hex('f0f1f2f3f4f5f6f7f8f9');
    for (const hash of ['sha256', 'sha384'] as const) {
      const prk = createHmac(hash, salt).update(ikm).digest();
      for (const length of [12, 32, 48, 100]) {
        const expected = Buffer.from(hkdfSync(hash, ikm, salt, info, length));
        expect(Buffer.from(hkdfExpand(hash, prk, info, length))).toEqual(expected);
      }
    }
  });

  it('HKDF-Expand-Label with SHA-256 matches RFC 9001 A.1 (client in)', () => {
    const initialSecret = hex('7db5df06e7a69e432496adedb00851923595221596ae2ae9fb8115c1e9ed0a44');
    expect(
      Buffer.from(hkdfExpandLabel('sha256', initialSecret, 'client in', new Uint8Array(0), 32)).toString('hex'),
    ).toBe('c00cf151ca5be075ed0ebfb5c80323c42d6b7db67881289af4008f1f6c357aea');
  });

  it('SHA-384 suites derive 32-byte keys and 48-byte next secrets', () => {
    const suite = quicCipherSuite(0x1302);
    expect(suite?.hash).toBe('sha384');
    if (suite === undefined) return;
    const secret = new Uint8Array(48).fill(7);
    const keys = derivePacketKeys(suite, secret, quicLabels(v1));
    expect([keys.key.length, keys.iv.length, keys.hp.length]).toEqual([32, 12, 32]);
    expect(nextTrafficSecret(suite, secret, quicLabels(v1)).length).toBe(48);
    expect(() => hkdfExpand('sha384', secret, new Uint8Array(0), 255 * 48 + 1)).toThrow(RangeError);
  });
});

describe('labels and suites', () => {
  it('key update labels per version: v1 quic ku, v2 quicv2 ku, drafts 22-23 traffic upd, 24+ quic ku', () => {
    const label = (v: number): string => {
      const info = quicVersionInfo(v);
      if (info === undefined) throw new Error(`no ${v}`);
      return quicLabels(info).kuLabel;
    };
    expect(label(QUIC_V1)).toBe('quic ku');
    expect(label(QUIC_V2)).toBe('quicv2 ku');
    expect(label(0xff000016)).toBe('traffic upd');
    expect(label(0xff000017)).toBe('traffic upd');
    expect(label(0xff000018)).toBe('quic ku');
    expect(label(0xff00001d)).toBe('quic ku');
    expect(label(0xfaceb001)).toBe('traffic upd');
    expect(label(0xfaceb002)).toBe('quic ku');
    expect(quicLabels(v2).keyLabel).toBe('quicv2 key');
  });

  it('suites by secret length', () => {
    expect(suitesForSecretLength(32).map((s) => s.id)).toEqual([0x1301, 0x1303]);
    expect(suitesForSecretLength(48).map((s) => s.id)).toEqual([0x1302]);
    expect(suitesForSecretLength(16)).toEqual([]);
    expect(quicCipherSuite(0x1304)).toBeUndefined();
  });
});
