import { describe, expect, it } from 'vitest';
import { QUIC_V1, quicVersionInfo } from '../../../src/decode/names/quic/versions.js';
import { quicCipherSuite } from '../../../src/payload/quic/cipher-suites.js';
import { KeyPhases, MAX_GENERATIONS } from '../../../src/payload/quic/key-phases.js';
import { deriveAeadKeys, nextTrafficSecret, quicLabels } from '../../../src/payload/quic/packet-keys.js';

const v1 = quicVersionInfo(QUIC_V1);
const suite = quicCipherSuite(0x1301);
if (v1 === undefined || suite === undefined) throw new Error('tables');
const labels = quicLabels(v1);
const secrets: Uint8Array[] = [new Uint8Array(32).fill(1)];
for (let i = 1; i < 8; i++) secrets.push(nextTrafficSecret(suite, secrets[i - 1] as Uint8Array, labels));
const keyOf = (n: number): string =>
  Buffer.from(deriveAeadKeys(suite, secrets[n] as Uint8Array, labels).key).toString('hex');
const numbers = (p: KeyPhases, phase: number, pn: number): number[] => p.candidates(phase, pn).map((g) => g.number);

describe('KeyPhases', () => {
  it('derives each generation from the one before, keeping the hp key', () => {
    const p = new KeyPhases(suite, secrets[0] as Uint8Array, labels);
    const hp = Buffer.from(p.hp).toString('hex');
    const [g1] = p.candidates(1, 10);
    expect(g1?.number).toBe(1);
    expect(Buffer.from(g1?.keys.key ?? []).toString('hex')).toBe(keyOf(1));
    if (g1 !== undefined) p.confirm(g1, 10);
    expect(p.updates).toBe(1);
    expect(Buffer.from(p.hp).toString('hex')).toBe(hp);
  });

  it('picks the generation by packet number, then its neighbours of the right parity', () => {
    const p = new KeyPhases(suite, secrets[0] as Uint8Array, labels);
    expect(numbers(p, 0, 5)).toEqual([0, 2]);
    expect(numbers(p, 1, 5)).toEqual([1, 3]);
    const confirm = (phase: number, pn: number, n: number): void => {
      const g = p.candidates(phase, pn).find((c) => c.number === n);
      expect(g, `generation ${n}`).toBeDefined();
      if (g !== undefined) p.confirm(g, pn);
    };
    confirm(0, 5, 0);
    confirm(1, 9, 1);
    expect(p.updates).toBe(1);
    // Before generation 1 began (pn 9): generation 0 first; after it: generation 2 first.
    expect(numbers(p, 0, 3)).toEqual([0, 2]);
    expect(numbers(p, 0, 20)).toEqual([2, 0, 4]);
    expect(numbers(p, 1, 20)).toEqual([1, 3]);
    confirm(1, 30, 3);
    expect(p.updates).toBe(3);
    expect(numbers(p, 1, 31)).toEqual([3, 5, 1]);
    expect(Buffer.from(p.candidates(1, 31)[0]?.keys.key ?? []).toString('hex')).toBe(keyOf(3));
    // A late packet of generation 0 (pn 6, between 0's and 1's runs) is still found.
    expect(numbers(p, 0, 6)[0]).toBe(0);
  });

  it('keeps at most MAX_GENERATIONS generations', () => {
    const p = new KeyPhases(suite, secrets[0] as Uint8Array, labels);
    for (let n = 0; n <= MAX_GENERATIONS + 10; n++) {
      const g = p.candidates(n & 1, 100 * n).find((c) => c.number === n);
      expect(g, `generation ${n}`).toBeDefined();
      if (g !== undefined) p.confirm(g, 100 * n);
    }
    expect(p.updates).toBe(MAX_GENERATIONS + 10);
    expect(Math.min(...p.candidates(0, 0).map((g) => g.number))).toBeGreaterThan(10);
  });
});
