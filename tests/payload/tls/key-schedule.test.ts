/** Known answers computed independently (OpenSSL's `openssl kdf` TLS1-PRF and HKDF EXPAND_ONLY; RFC 8448 §3). */
import { describe, expect, it } from 'vitest';
import { TLS13_SUITES } from '../../../src/payload/tls/cipher-suites.js';
import {
  hkdfExpandLabel,
  tls12Keys,
  tls12Prf,
  tls13NextSecret,
  tls13TrafficKey,
} from '../../../src/payload/tls/key-schedule.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));
// RFC 8448 §3 (simple 1-RTT handshake): the server handshake traffic secret and its write key and iv.
const SERVER_HS_SECRET = bytes('b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38');

describe('TLS key schedule', () => {
  it('HKDF-Expand-Label gives the RFC 8448 handshake key and iv', () => {
    const aes128 = TLS13_SUITES.get(0x1301);
    if (aes128 === undefined) throw new Error('suite table');
    const k = tls13TrafficKey(aes128, SERVER_HS_SECRET);
    expect(hex(k.key)).toBe('3fce516009c21727d0f2e4e86ee403bc');
    expect(hex(k.iv)).toBe('5d313eb2671276ee13000b30');
    expect(hex(hkdfExpandLabel('sha256', SERVER_HS_SECRET, 'key', new Uint8Array(0), 16))).toBe(hex(k.key));
  });

  it('KeyUpdate: the next secret is HKDF-Expand-Label(secret, "traffic upd", "", Hash.length)', () => {
    const aes128 = TLS13_SUITES.get(0x1301);
    if (aes128 === undefined) throw new Error('suite table');
    expect(hex(tls13NextSecret(aes128, SERVER_HS_SECRET))).toBe(
      'c5847ffa1bfea2d5c409eee45d2813181327a78a52ee6d02d8a5e10fbf0fface',
    );
  });

  it('TLS 1.2 PRF with SHA-256 and SHA-384', () => {
    expect(
      hex(
        tls12Prf(
          'sha256',
          bytes('9bbe436ba940f017b17652849a71db35'),
          'test label',
          bytes('a0ba9f936cda311827a6f796ffd5198c'),
          100,
        ),
      ),
    ).toBe(
      'e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66',
    );
    expect(
      hex(
        tls12Prf(
          'sha384',
          bytes('b80b733d6ceefcdc71566ea48e5567df'),
          'test label',
          bytes('cd665cf6a8447dd6ff8b27555edb7465'),
          148,
        ),
      ),
    ).toBe(
      '7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cde9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700884f9dc236f80edd8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d9184259b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee691c8f3a26854308d5eaa3be85e0990703d73e56f',
    );
  });

  it('cuts the key block: MAC keys, cipher keys, then implicit IVs (RFC 5246 §6.3)', () => {
    const master = new Uint8Array(48).fill(1);
    const cr = new Uint8Array(32).fill(2);
    const sr = new Uint8Array(32).fill(3);
    const block = tls12Prf('sha256', master, 'key expansion', new Uint8Array([...sr, ...cr]), 2 * (20 + 16));
    const cbc = tls12Keys(
      { kind: 'cbc', name: 'x', cipher: 'aes-128-cbc', keyLength: 16, mac: 'sha1', hash: 'sha256' },
      master,
      cr,
      sr,
    );
    expect(hex(cbc.client.macKey)).toBe(hex(block.subarray(0, 20)));
    expect(hex(cbc.server.macKey)).toBe(hex(block.subarray(20, 40)));
    expect(hex(cbc.client.key)).toBe(hex(block.subarray(40, 56)));
    expect(hex(cbc.server.key)).toBe(hex(block.subarray(56, 72)));
    expect(cbc.client.iv.length).toBe(0);
    const gcm = tls12Keys(
      { kind: 'aead', name: 'y', cipher: 'aes-128-gcm', keyLength: 16, hash: 'sha256' },
      master,
      cr,
      sr,
    );
    expect([gcm.client.macKey.length, gcm.client.key.length, gcm.client.iv.length]).toEqual([0, 16, 4]);
    const chacha = tls12Keys(
      { kind: 'aead', name: 'z', cipher: 'chacha20-poly1305', keyLength: 32, hash: 'sha256' },
      master,
      cr,
      sr,
    );
    expect(chacha.server.iv.length).toBe(12);
  });
});
