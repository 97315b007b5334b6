/**
 * Record protection for test fixtures: the sending side of src/payload/tls/record-openers.ts. TLS 1.3 AEAD
 * (RFC 8446 §5.2), TLS 1.2 AES-GCM with the sequence number as explicit nonce (as OpenSSL sends it, RFC 5288
 * §3), ChaCha20-Poly1305 (RFC 7905) and AES-CBC with HMAC, MAC-then-encrypt or encrypt-then-MAC (RFC 7366).
 * Key derivation is shared with the decoder; the cipher work is written here again from the RFCs.
 */
import { type CipherGCM, createCipheriv, createHmac } from 'node:crypto';
import { type AeadSuite, CBC_BLOCK_BYTES, type CbcSuite } from '../payload/tls/cipher-suites.js';
import { type Tls12DirectionKeys, tls13NextSecret, tls13TrafficKey } from '../payload/tls/key-schedule.js';
import { recordHeader, seqBytes, tls12Aad, xorNonce } from '../payload/tls/record-openers.js';

const CONTENT_APPLICATION_DATA = 23;
const TLS12 = 0x0303;

function aeadSeal(
  cipher: AeadSuite['cipher'],
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
  plain: Uint8Array,
): Uint8Array {
  const c = createCipheriv(cipher as 'aes-128-gcm', key, nonce, { authTagLength: 16 }) as CipherGCM;
  c.setAAD(aad);
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

/** One direction's TLS 1.3 record protection under one traffic secret. */
export class Tls13Sealer {
  #seq = 0;
  #key: Uint8Array;
  #iv: Uint8Array;
  #secret: Uint8Array;

  constructor(
    readonly suite: AeadSuite,
    secret: Uint8Array,
  ) {
    this.#secret = secret;
    const k = tls13TrafficKey(suite, secret);
    this.#key = k.key;
    this.#iv = k.iv;
  }

  /** A protected record: outer type application_data, inner type `type`, `padding` zero bytes. */
  seal(type: number, content: Uint8Array, padding = 0): Uint8Array {
    const inner = new Uint8Array(content.length + 1 + padding);
    inner.set(content, 0);
    inner[content.length] = type;
    const length = inner.length + 16;
    const header = recordHeader(CONTENT_APPLICATION_DATA, TLS12, length);
    const sealed = aeadSeal(this.suite.cipher, this.#key, xorNonce(this.#iv, this.#seq++), header, inner);
    return Buffer.concat([header, sealed]);
  }

  /** Moves to the next application traffic secret (after sending a KeyUpdate). */
  update(): void {
    this.#secret = tls13NextSecret(this.suite, this.#secret);
    const k = tls13TrafficKey(this.suite, this.#secret);
    this.#key = k.key;
    this.#iv = k.iv;
    this.#seq = 0;
  }
}

/** One direction's TLS 1.2 record protection after ChangeCipherSpec. */
export class Tls12Sealer {
  #seq = 0;

  constructor(
    readonly suite: AeadSuite | CbcSuite,
    private readonly keys: Tls12DirectionKeys,
    private readonly encryptThenMac: boolean,
    /** Source of CBC IVs (a seeded PRNG in fixtures). */
    private readonly randomBytes: (n: number) => Uint8Array,
  ) {}

  seal(type: number, content: Uint8Array): Uint8Array {
    const fragment =
      this.suite.kind === 'aead' ? this.#aead(this.suite, type, content) : this.#cbc(this.suite, type, content);
    this.#seq++;
    return Buffer.concat([recordHeader(type, TLS12, fragment.length), fragment]);
  }

  #aead(suite: AeadSuite, type: number, content: Uint8Array): Uint8Array {
    const aad = tls12Aad(this.#seq, type, TLS12, content.length);
    if (suite.cipher === 'chacha20-poly1305') {
      return aeadSeal(suite.cipher, this.keys.key, xorNonce(this.keys.iv, this.#seq), aad, content);
    }
    const explicit = seqBytes(this.#seq);
    const nonce = Buffer.concat([this.keys.iv, explicit]);
    return Buffer.concat([explicit, aeadSeal(suite.cipher, this.keys.key, nonce, aad, content)]);
  }

  #cbc(suite: CbcSuite, type: number, content: Uint8Array): Uint8Array {
    const iv = this.randomBytes(CBC_BLOCK_BYTES);
    const mac = (data: Uint8Array): Buffer =>
      createHmac(suite.mac, this.keys.macKey)
        .update(tls12Aad(this.#seq, type, TLS12, data.length))
        .update(data)
        .digest();
    const encrypt = (plain: Uint8Array): Buffer => {
      const c = createCipheriv(suite.cipher, this.keys.key, iv).setAutoPadding(false);
      return Buffer.concat([c.update(plain), c.final()]);
    };
    if (this.encryptThenMac) {
      const sealed = Buffer.concat([iv, encrypt(pad(content))]);
      return Buffer.concat([sealed, mac(sealed)]);
    }
    return Buffer.concat([iv, encrypt(pad(Buffer.concat([content, mac(content)])))]);
  }
}

/** TLS CBC padding: n + 1 bytes of value n up to the next block (RFC 5246 §6.2.3.2). */
function pad(data: Uint8Array): Uint8Array {
  const n = CBC_BLOCK_BYTES - 1 - (data.length % CBC_BLOCK_BYTES);
  const out = new Uint8Array(data.length + n + 1);
  out.set(data, 0);
  out.fill(n, data.length);
  return out;
}
