import { describe, expect, it } from 'vitest';
import { parseKeyLog } from '../../../src/payload/keys/key-log.js';
import { DSB_TLS_KEY_LOG, KeyStore } from '../../../src/payload/keys/key-store.js';

const cr = (n: number): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => (i === 31 ? n : 0));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('KeyStore', () => {
  it('looks secrets up by client random and label', () => {
    const keys = new KeyStore();
    expect(keys.size).toBe(0);
    expect(keys.secret(cr(1), 'CLIENT_RANDOM')).toBeUndefined();
    expect(keys.add('CLIENT_RANDOM', cr(1), new Uint8Array(48).fill(7))).toBe(true);
    expect(keys.add('CLIENT_TRAFFIC_SECRET_0', cr(2), new Uint8Array(32).fill(8))).toBe(true);
    expect(keys.size).toBe(2);
    expect(keys.secret(cr(1), 'CLIENT_RANDOM')).toEqual(new Uint8Array(48).fill(7));
    expect(keys.secret(cr(2), 'CLIENT_RANDOM')).toBeUndefined();
    expect(keys.secret(cr(2), 'CLIENT_TRAFFIC_SECRET_0')).toEqual(new Uint8Array(32).fill(8));
    expect(keys.secret(new Uint8Array(5), 'CLIENT_RANDOM')).toBeUndefined();
  });

  it('dedupes, keeps the first of conflicting secrets, and copies what it keeps', () => {
    const keys = new KeyStore();
    const secret = new Uint8Array(48).fill(1);
    keys.add('CLIENT_RANDOM', cr(1), secret);
    secret.fill(9);
    expect(keys.add('CLIENT_RANDOM', cr(1), new Uint8Array(48).fill(1))).toBe(false);
    expect(keys.add('CLIENT_RANDOM', cr(1), new Uint8Array(48).fill(2))).toBe(false);
    expect(keys.size).toBe(1);
    expect(keys.secret(cr(1), 'CLIENT_RANDOM')).toEqual(new Uint8Array(48).fill(1));
    expect(keys.stats).toMatchObject({ duplicates: 1, conflicts: 1 });
  });

  it('adds a parsed key log and a TLSK Decryption Secrets Block; ignores other DSB types', () => {
    const text = `CLIENT_RANDOM ${hex(cr(3))} ${'aa'.repeat(48)}\nCLIENT_RANDOM zz\n`;
    const keys = new KeyStore();
    keys.addKeyLog(parseKeyLog(text));
    expect(keys.size).toBe(1);
    const dsb = keys.addDsb(
      DSB_TLS_KEY_LOG,
      Buffer.from(`SERVER_TRAFFIC_SECRET_0 ${hex(cr(4))} ${'bb'.repeat(32)}\n${text}`),
    );
    expect(dsb?.badCount).toBe(1);
    expect(keys.size).toBe(2);
    expect(keys.addDsb(0x5353484b, Buffer.from('SSH key'))).toBeNull();
    expect(keys.stats).toMatchObject({ dsbKeyLogs: 1, dsbIgnored: 1, duplicates: 1 });
  });
});
