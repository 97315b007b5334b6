/**
 * The TLS decoder on real captures with published keys (../shared/payload, absent from a user's clone): the
 * application data plaintext per direction must match what tshark 4.0 decrypts (truth/NAME.json tls_plaintext,
 * the undissected plaintext bytes per direction).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseKeyLog } from '../../../src/payload/keys/key-log.js';
import { KeyStore } from '../../../src/payload/keys/key-store.js';
import { TlsConnectionDecoder } from '../../../src/payload/tls/tls-connection-decoder.js';
import { captureStreams } from './capture-streams.js';

const PAYLOAD = new URL('../../../../shared/payload/', import.meta.url);
const at = (rel: string): string => new URL(rel, PAYLOAD).pathname;

interface TruthPlaintext {
  src: string;
  sport: number;
  dst: string;
  dport: number;
  bytes: number;
}

async function decrypt(capture: string, keyLog: string | null) {
  const streams = await captureStreams(at(`captures/${capture}`));
  const keys = new KeyStore();
  if (keyLog !== null) keys.addKeyLog(parseKeyLog(keyLog));
  for (const text of streams.secrets) keys.addKeyLog(parseKeyLog(text));
  const plain = { out: [] as Buffer[], in: [] as Buffer[] };
  const decoder = new TlsConnectionDecoder(keys, (dir, data) => plain[dir].push(Buffer.from(data)));
  for (const c of streams.chunks) decoder.push(c.dir, c.data, c.frame);
  return { decoder, streams, out: Buffer.concat(plain.out), in: Buffer.concat(plain.in) };
}

const CASES: { name: string; file: string; version: '1.2' | '1.3'; suite: number }[] = [
  { name: 'illustrated-tls12', file: 'illustrated-tls12.pcap', version: '1.2', suite: 0xc013 },
  { name: 'illustrated-tls13', file: 'illustrated-tls13.pcap', version: '1.3', suite: 0x1302 },
  {
    name: 'snet-TLS1_2_ECDHE-ECDSA-CHACHA20-POLY1305_auth',
    file: 'snet-TLS1_2_ECDHE-ECDSA-CHACHA20-POLY1305_auth.pcap',
    version: '1.2',
    suite: 0xcca9,
  },
  {
    name: 'snet-TLS1_2_ECDHE-RSA-AES128-GCM-SHA256_auth',
    file: 'snet-TLS1_2_ECDHE-RSA-AES128-GCM-SHA256_auth.pcap',
    version: '1.2',
    suite: 0xc02f,
  },
  {
    name: 'snet-TLS1_3_TLS_AES_128_GCM_SHA256',
    file: 'snet-TLS1_3_TLS_AES_128_GCM_SHA256.pcap',
    version: '1.3',
    suite: 0x1301,
  },
  {
    name: 'snet-TLS1_3_TLS_AES_256_GCM_SHA384',
    file: 'snet-TLS1_3_TLS_AES_256_GCM_SHA384.pcap',
    version: '1.3',
    suite: 0x1302,
  },
  {
    name: 'snet-TLS1_3_TLS_CHACHA20_POLY1305_SHA256',
    file: 'snet-TLS1_3_TLS_CHACHA20_POLY1305_SHA256.pcap',
    version: '1.3',
    suite: 0x1303,
  },
];

describe.skipIf(!existsSync(at('captures')))('TLS decoder on the real captures', () => {
  for (const c of CASES) {
    it(`${c.name}: plaintext bytes per direction match tshark`, async () => {
      const keyLog = readFileSync(at(`captures/${c.name}.keys`), 'utf8');
      const truth = JSON.parse(readFileSync(at(`truth/${c.name}.json`), 'utf8')) as { tls_plaintext: TruthPlaintext[] };
      const { decoder, streams } = await decrypt(c.file, keyLog);
      const expected = { out: 0, in: 0 };
      for (const t of truth.tls_plaintext) {
        if (t.sport === streams.client.port && t.src === streams.client.ip) expected.out += t.bytes;
        else expected.in += t.bytes;
      }
      expect(decoder.status).toBe('decrypted');
      expect(decoder.version).toBe(c.version);
      expect(decoder.cipherSuite).toBe(c.suite);
      expect(decoder.plaintextBytes).toEqual(expected);
    });
  }

  for (const file of ['cryptohack-h2.pcapng', 'cryptohack-h2-dsb.pcapng']) {
    it(`${file}: the client's plaintext is an HTTP/2 connection preface`, async () => {
      const keyLog = file.includes('dsb') ? null : readFileSync(at('captures/cryptohack-h2.keys'), 'utf8');
      const { decoder, out, in: back, streams } = await decrypt(file, keyLog);
      if (keyLog === null) expect(streams.secrets.length).toBeGreaterThan(0);
      expect(decoder.status).toBe('decrypted');
      expect(decoder.version).toBe('1.3');
      expect(out.subarray(0, 14).toString('latin1')).toBe('PRI * HTTP/2.0');
      // The server's HTTP/2 frames: SETTINGS first (type 4 at byte 3 of the first frame header).
      expect(back[3]).toBe(4);
    });
  }

  it('without keys: no-key', async () => {
    const { decoder } = await decrypt('illustrated-tls13.pcap', null);
    expect(decoder.status).toBe('no-key');
    expect(decoder.reason).toMatch(/^no key for client random [0-9a-f]{16}…$/);
  });
});
