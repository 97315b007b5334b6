/**
 * Builds protected QUIC Initial packets (RFC 9001 §5: AES-128-GCM payload protection, then header protection)
 * carrying a ClientHello in CRYPTO frames, for samples and end-to-end tests. The inverse of
 * src/decode/names/quic; its output is checked against the RFC 9001 A.2 packet in the tests.
 */
import { createCipheriv } from 'node:crypto';
import { type QuicVersionInfo, quicVersionInfo } from '../decode/names/quic/header.js';
import { deriveInitialKeys } from '../decode/names/quic/keys.js';

/** Minimal-length QUIC varint (RFC 9000 §16), or a forced length. */
export function varint(value: number, forceLen?: 1 | 2 | 4 | 8): Buffer {
  const len = forceLen ?? (value < 0x40 ? 1 : value < 0x4000 ? 2 : value < 0x40000000 ? 4 : 8);
  const out = Buffer.alloc(len);
  let v = value;
  for (let i = len - 1; i >= 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  out[0] = (out[0] ?? 0) | ([0, 0x40, 0, 0x80, 0, 0, 0, 0xc0][len - 1] ?? 0);
  return out;
}

/** CRYPTO frame (RFC 9000 §19.6). */
export function cryptoFrame(offset: number, data: Uint8Array): Buffer {
  return Buffer.concat([Buffer.of(0x06), varint(offset), varint(data.length), data]);
}

/** Frames padded with PADDING so the Initial is about `size` bytes (clients pad to 1200, RFC 9000 §14.1). */
export function padFrames(frames: Uint8Array[], size = 1200, overhead = 60): Buffer {
  const body = Buffer.concat(frames);
  return Buffer.concat([body, Buffer.alloc(Math.max(4, size - overhead - body.length))]);
}

export interface InitialPacketSpec {
  /** QUIC version on the wire (default 1). */
  version?: number;
  dcid: Uint8Array;
  scid?: Uint8Array;
  token?: Uint8Array;
  packetNumber: number;
  packetNumberLength?: 1 | 2 | 3 | 4;
  /** Plaintext frames. */
  payload: Uint8Array;
}

/** One protected client Initial packet. */
export function protectInitial(spec: InitialPacketSpec): Buffer {
  const v: QuicVersionInfo | undefined = quicVersionInfo(spec.version ?? 1);
  if (v === undefined) throw new Error(`unsupported QUIC version ${spec.version}`);
  const pnLen = spec.packetNumberLength ?? 4;
  const keys = deriveInitialKeys(v, spec.dcid);
  const version = Buffer.alloc(4);
  version.writeUInt32BE(v.version);
  const scid = spec.scid ?? Buffer.alloc(0);
  const token = spec.token ?? Buffer.alloc(0);
  const head = Buffer.concat([
    Buffer.of(0xc0 | (v.types.initial << 4) | (pnLen - 1)),
    version,
    Buffer.of(spec.dcid.length),
    spec.dcid,
    Buffer.of(scid.length),
    scid,
    varint(token.length),
    token,
    varint(pnLen + spec.payload.length + 16, 2),
  ]);
  const pn = Buffer.alloc(pnLen);
  for (let i = 0; i < pnLen; i++) pn[pnLen - 1 - i] = Math.floor(spec.packetNumber / 256 ** i) % 256;
  const header = Buffer.concat([head, pn]);
  const nonce = Buffer.from(keys.iv);
  for (let i = 0; i < 8; i++) nonce[11 - i] = (nonce[11 - i] ?? 0) ^ (Math.floor(spec.packetNumber / 256 ** i) % 256);
  const gcm = createCipheriv('aes-128-gcm', keys.key, nonce);
  gcm.setAAD(header);
  const sealed = Buffer.concat([gcm.update(spec.payload), gcm.final(), gcm.getAuthTag()]);
  // Header protection (RFC 9001 §5.4): the sample starts 4 bytes after the packet number's first byte.
  const sample = sealed.subarray(4 - pnLen, 4 - pnLen + 16);
  const mask = createCipheriv('aes-128-ecb', keys.hp, null).update(sample);
  const out = Buffer.concat([header, sealed]);
  out[0] = (out[0] ?? 0) ^ ((mask[0] ?? 0) & 0x0f);
  for (let i = 0; i < pnLen; i++) out[head.length + i] = (out[head.length + i] ?? 0) ^ (mask[1 + i] ?? 0);
  return out;
}

/**
 * A client's first flight: the ClientHello handshake message cut into `parts` CRYPTO frames spread over as many
 * Initial packets (Chrome splits big hellos and shuffles frame order; `reverse` sends the later part first).
 */
export function initialFlight(
  clientHello: Uint8Array,
  dcid: Uint8Array,
  opts: { parts?: number; reverse?: boolean; version?: number } = {},
): Buffer[] {
  const parts = Math.max(1, opts.parts ?? 1);
  const size = Math.ceil(clientHello.length / parts);
  const packets: Buffer[] = [];
  for (let i = 0; i < parts; i++) {
    const off = i * size;
    const frame = cryptoFrame(off, clientHello.subarray(off, Math.min(clientHello.length, off + size)));
    const scid = Buffer.from('c11e4701', 'hex');
    // Long header (flags, version, both connection IDs, empty token, 2-byte length), 4-byte packet number, tag.
    const overhead = 1 + 4 + 1 + dcid.length + 1 + scid.length + 1 + 2 + 4 + 16;
    packets.push(
      protectInitial({
        ...(opts.version !== undefined ? { version: opts.version } : {}),
        dcid,
        scid,
        packetNumber: i,
        payload: padFrames([frame], 1200, overhead),
      }),
    );
  }
  return opts.reverse === true ? packets.reverse() : packets;
}
