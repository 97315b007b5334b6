import { hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { QUIC_V1, QUIC_V2, quicVersionInfo } from '../../../../src/decode/names/quic/header.js';
import { deriveInitialKeys, hkdfExpand, hkdfExpandLabel, hkdfExtract } from '../../../../src/decode/names/quic/keys.js';
import { hex, SAMPLE_DCID } from './quic-test-kit.js';

const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function version(v: number) {
  const info = quicVersionInfo(v);
  if (info === undefined) throw new Error('missing version');
  return info;
}

describe('HKDF (RFC 5869)', () => {
  it('matches RFC 5869 A.1 test case 1', () => {
    const prk = hkdfExtract(hex('000102030405060708090a0b0c'), Buffer.alloc(22, 0x0b));
    expect(toHex(prk)).toBe('077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5');
    expect(toHex(hkdfExpand(prk, hex('f0f1f2f3f4f5f6f7f8f9'), 42))).toBe(
      '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    );
  });

  it('agrees with node:crypto hkdfSync for several lengths', () => {
    const salt = hex('38762cf7f55934b34d179ae6a4c80cadccbb7f0a');
    for (const len of [1, 16, 32, 33, 64, 100]) {
      const ours = hkdfExpand(hkdfExtract(salt, SAMPLE_DCID), hex('0102'), len);
      expect(toHex(ours)).toBe(Buffer.from(hkdfSync('sha256', SAMPLE_DCID, salt, hex('0102'), len)).toString('hex'));
    }
  });

  it('builds the HkdfLabel of RFC 9001 A.1 ("client in" -> 00200f746c73313320636c69656e7420696e00)', () => {
    const secret = hex('7db5df06e7a69e432496adedb00851923595221596ae2ae9fb8115c1e9ed0a44');
    const viaInfo = hkdfExpand(secret, hex('00200f746c73313320636c69656e7420696e00'), 32);
    expect(toHex(hkdfExpandLabel(secret, 'client in', new Uint8Array(0), 32))).toBe(toHex(viaInfo));
  });
});

describe('Initial keys', () => {
  it('derives the RFC 9001 A.1 client and server keys (v1)', () => {
    expect(toHex(hkdfExtract(version(QUIC_V1).salt, SAMPLE_DCID))).toBe(
      '7db5df06e7a69e432496adedb00851923595221596ae2ae9fb8115c1e9ed0a44',
    );
    const client = deriveInitialKeys(version(QUIC_V1), SAMPLE_DCID);
    expect(toHex(client.key)).toBe('1f369613dd76d5467730efcbe3b1a22d');
    expect(toHex(client.iv)).toBe('fa044b2f42a3fd3b46fb255c');
    expect(toHex(client.hp)).toBe('9f50449e04a0e810283a1e9933adedd2');
    const server = deriveInitialKeys(version(QUIC_V1), SAMPLE_DCID, 'server');
    expect(toHex(server.key)).toBe('cf3a5331653c364c88f0f379b6067e37');
    expect(toHex(server.iv)).toBe('0ac1493ca1905853b0bba03e');
    expect(toHex(server.hp)).toBe('c206b8d9b9f0f37644430b490eeaa314');
  });

  it('derives the RFC 9369 A.1 client and server keys (v2 salt and "quicv2" labels)', () => {
    expect(toHex(hkdfExtract(version(QUIC_V2).salt, SAMPLE_DCID))).toBe(
      '2062e8b3cd8d52092614b8071d0aa1fb7c2e3ac193f78b280e72d8f5751f6aba',
    );
    const client = deriveInitialKeys(version(QUIC_V2), SAMPLE_DCID);
    expect(toHex(client.key)).toBe('8b1a0bc121284290a29e0971b5cd045d');
    expect(toHex(client.iv)).toBe('91f73e2351d8fa91660e909f');
    expect(toHex(client.hp)).toBe('45b95e15235d6f45a6b19cbcb0294ba9');
    const server = deriveInitialKeys(version(QUIC_V2), SAMPLE_DCID, 'server');
    expect(toHex(server.key)).toBe('82db637861d55e1d011f19ea71d5d2a7');
    expect(toHex(server.iv)).toBe('dd13c276499c0249d3310652');
    expect(toHex(server.hp)).toBe('edf6d05c83121201b436e16877593c3a');
  });

  it('derives the draft-ietf-quic-tls-29 A.1 client keys', () => {
    const client = deriveInitialKeys(version(0xff00001d), SAMPLE_DCID);
    expect(toHex(client.key)).toBe('175257a31eb09dea9366d8bb79ad80ba');
    expect(toHex(client.iv)).toBe('6b26114b9cba2b63a9e8dd4f');
    expect(toHex(client.hp)).toBe('9ddd12c994c0698b89374a9c077a3077');
  });

  it('uses the salt each draft defined (drafts 23-28, 29-32, 33-34 = v1)', () => {
    const salt = (v: number) => toHex(version(v).salt);
    expect(salt(0xff000017)).toBe('c3eef712c72ebb5a11a7d2432bb46365bef9f502');
    expect(salt(0xff00001b)).toBe('c3eef712c72ebb5a11a7d2432bb46365bef9f502');
    expect(salt(0xff00001c)).toBe('c3eef712c72ebb5a11a7d2432bb46365bef9f502');
    for (const v of [0xff00001d, 0xff00001e, 0xff00001f, 0xff000020]) {
      expect(salt(v)).toBe('afbfec289993d24c9e9786f19c6111e04390a899');
    }
    expect(salt(0xff000021)).toBe(salt(QUIC_V1));
    expect(salt(0xff000022)).toBe(salt(QUIC_V1));
  });
});
