/**
 * Builders for QUIC test packets: the inverse of src/decode/names/quic (frames, ClientHello, and Initial packet
 * protection per RFC 9001 §5.3-5.4). Written independently of the decoder (own nonce and mask code) and checked
 * against the RFC 9001 A.2 protected packet byte for byte in decrypt.test.ts.
 */
import { createCipheriv } from 'node:crypto';
import { type QuicVersionInfo, quicVersionInfo } from '../../../../src/decode/names/quic/header.js';
import { deriveInitialKeys } from '../../../../src/decode/names/quic/keys.js';
import { cryptoFrame, padFrames, varint } from '../../../../src/writer/quic-initial-builder.js';

export { cryptoFrame, padFrames, varint };

export const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** Google QUIC T050/T051 CRYPTO frame: gQUIC type 0x08, then the IETF varint offset and length. */
export const gquicCryptoFrame = (offset: number, data: Uint8Array): Buffer =>
  Buffer.concat([Buffer.of(0x08), varint(offset), varint(data.length), data]);
export const padding = (n: number): Buffer => Buffer.alloc(n);
export const ping = (): Buffer => Buffer.of(0x01);
/** ACK frame: largest 5, delay 0, one extra range; ECN counts when `ecn`. */
export const ackFrame = (ecn = false): Buffer =>
  Buffer.concat([Buffer.of(ecn ? 0x03 : 0x02, 5, 0, 1, 0, 1, 1), ecn ? Buffer.of(1, 2, 3) : Buffer.alloc(0)]);

function ext(type: number, body: Uint8Array): Buffer {
  return Buffer.concat([Buffer.of(type >> 8, type & 0xff, body.length >> 8, body.length & 0xff), body]);
}
const u16 = (n: number): Buffer => Buffer.of(n >> 8, n & 0xff);

/** A TLS 1.3 ClientHello handshake message (RFC 8446 §4.1.2) with SNI, ALPN h3 and optional padding. */
export function buildClientHello(sni: string, paddingLen = 0): Buffer {
  const name = Buffer.from(sni, 'ascii');
  const sniBody = Buffer.concat([u16(name.length + 3), Buffer.of(0), u16(name.length), name]);
  const alpn = Buffer.from('h3', 'ascii');
  const exts = Buffer.concat([
    ext(0x0000, sniBody),
    ext(0x0010, Buffer.concat([u16(alpn.length + 1), Buffer.of(alpn.length), alpn])),
    ext(0x002b, Buffer.of(2, 0x03, 0x04)),
    ext(0x0039, Buffer.of(0x04, 0x04, 0x80, 0x00, 0xff, 0xff)),
    paddingLen > 0 ? ext(0x0015, Buffer.alloc(paddingLen)) : Buffer.alloc(0),
  ]);
  const body = Buffer.concat([
    Buffer.of(0x03, 0x03),
    Buffer.alloc(32, 0x5a),
    Buffer.of(0),
    Buffer.of(0, 2, 0x13, 0x01),
    Buffer.of(1, 0),
    u16(exts.length),
    exts,
  ]);
  return Buffer.concat([Buffer.of(1, body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff), body]);
}

export interface InitialSpec {
  version?: number;
  dcid: Uint8Array;
  scid?: Uint8Array;
  token?: Uint8Array;
  pn: number;
  pnLen?: 1 | 2 | 3 | 4;
  /** Plaintext frames. */
  payload: Uint8Array;
  /** DCID whose keys protect the packet (default: `dcid`), to build packets with wrong keys. */
  keyDcid?: Uint8Array;
  /**
   * Key set (salt, labels, type bits) protecting the packet when it is not `version`'s own: a table version
   * number, or explicit constants (a made-up salt for wrong-key tests). Needed for versions outside the table.
   */
  keys?: number | QuicVersionInfo;
}

function versionOf(v: number): QuicVersionInfo {
  const info = quicVersionInfo(v);
  if (info === undefined) throw new Error(`no test support for version ${v}`);
  return info;
}

/** The key set of a spec, carrying the version number written on the wire. */
function keySetOf(spec: InitialSpec): QuicVersionInfo {
  const wire = spec.version ?? 1;
  const keys =
    spec.keys === undefined ? versionOf(wire) : typeof spec.keys === 'number' ? versionOf(spec.keys) : spec.keys;
  return { ...keys, version: wire };
}

/** Long header up to and including the Length field (2-byte varint, as real stacks write it). */
function longHeader(v: QuicVersionInfo, typeBits: number, low: number, spec: InitialSpec, length: number): Buffer {
  const version = Buffer.alloc(4);
  version.writeUInt32BE(v.version);
  const scid = spec.scid ?? Buffer.alloc(0);
  const tokenBytes = spec.token ?? Buffer.alloc(0);
  const token = typeBits === v.types.initial ? Buffer.concat([varint(tokenBytes.length), tokenBytes]) : Buffer.alloc(0);
  return Buffer.concat([
    Buffer.of(0xc0 | (typeBits << 4) | low),
    version,
    Buffer.of(spec.dcid.length),
    spec.dcid,
    Buffer.of(scid.length),
    scid,
    token,
    varint(length, 2),
  ]);
}

/** A protected Initial packet (RFC 9001 §5): AES-128-GCM payload, then header protection. */
export function protectInitial(spec: InitialSpec): Buffer {
  const v = keySetOf(spec);
  const pnLen = spec.pnLen ?? 4;
  const keys = deriveInitialKeys(v, spec.keyDcid ?? spec.dcid);
  const head = longHeader(v, v.types.initial, pnLen - 1, spec, pnLen + spec.payload.length + 16);
  const pnBytes = Buffer.alloc(pnLen);
  for (let i = 0; i < pnLen; i++) pnBytes[pnLen - 1 - i] = Math.floor(spec.pn / 256 ** i) % 256;
  const header = Buffer.concat([head, pnBytes]);
  const nonce = Buffer.from(keys.iv);
  for (let i = 0; i < 8; i++) nonce[11 - i] = (nonce[11 - i] ?? 0) ^ (Math.floor(spec.pn / 256 ** i) % 256);
  const gcm = createCipheriv('aes-128-gcm', keys.key, nonce);
  gcm.setAAD(header);
  const sealed = Buffer.concat([gcm.update(spec.payload), gcm.final(), gcm.getAuthTag()]);
  const sample = sealed.subarray(4 - pnLen, 4 - pnLen + 16);
  const ecb = createCipheriv('aes-128-ecb', keys.hp, null);
  const mask = ecb.update(sample);
  const out = Buffer.concat([header, sealed]);
  out[0] = (out[0] ?? 0) ^ ((mask[0] ?? 0) & 0x0f);
  for (let i = 0; i < pnLen; i++) out[head.length + i] = (out[head.length + i] ?? 0) ^ (mask[1 + i] ?? 0);
  return out;
}

/** A Handshake or 0-RTT packet with an opaque (random-looking) protected body, for coalescing tests. */
export function opaqueLongPacket(
  kind: 'handshake' | 'zero-rtt',
  dcid: Uint8Array,
  bodyLen: number,
  version = 1,
): Buffer {
  const v = versionOf(version);
  const bits = kind === 'handshake' ? v.types.handshake : v.types.zeroRtt;
  const body = Buffer.alloc(bodyLen);
  for (let i = 0; i < bodyLen; i++) body[i] = (i * 37 + 11) & 0xff;
  return Buffer.concat([longHeader(v, bits, 3, { dcid, pn: 0, payload: body }, bodyLen), body]);
}

/** DCID of the RFC sample packets (RFC 9001 A, RFC 9369 A). */
export const SAMPLE_DCID = hex('8394c8f03e515708');
