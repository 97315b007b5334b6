/**
 * 1-RTT keys of one direction across key updates (RFC 9001 §6). The Key Phase bit of a short header flips at
 * each update; each new secret is derived from the one before, the header protection key never changes.
 *
 * The bit only tells even generations from odd ones, so an observer that sees packets out of order (a capture's
 * datagrams can be shuffled) picks the generation by packet number: a sender switches keys for all its later
 * packets (§6.1), so each generation covers a run of packet numbers after the previous one's. The generation
 * whose run the packet number falls in comes first, then its neighbours of the right parity, up to
 * GENERATION_REACH away; the AEAD tag decides.
 */
import type { QuicCipherSuite } from './cipher-suites.js';
import { type AeadKeys, deriveAeadKeys, derivePacketKeys, nextTrafficSecret, type QuicLabels } from './packet-keys.js';

/** Generations tried on either side of the likeliest one. */
export const GENERATION_REACH = 3;
/** Generations kept at most (the oldest are dropped): real connections update keys rarely. */
export const MAX_GENERATIONS = 64;

/** One key phase: the n-th secret since the handshake and the keys derived from it. */
export interface KeyGeneration {
  readonly number: number;
  readonly secret: Uint8Array;
  readonly keys: AeadKeys;
  /** Smallest and largest packet numbers decrypted with these keys; -1 before any. */
  minPn: number;
  maxPn: number;
}

export class KeyPhases {
  readonly suite: QuicCipherSuite;
  /** Header protection key: derived from the first secret and kept across updates (RFC 9001 §6). */
  readonly hp: Uint8Array;
  readonly #labels: QuicLabels;
  /** Derived generations by number. */
  readonly #generations = new Map<number, KeyGeneration>();
  #newest = 0;
  #oldest = 0;
  /** Newest generation that decrypted a packet. */
  #current = 0;

  constructor(suite: QuicCipherSuite, secret: Uint8Array, labels: QuicLabels) {
    this.suite = suite;
    this.#labels = labels;
    const first = derivePacketKeys(suite, secret, labels);
    this.hp = first.hp;
    this.#generations.set(0, { number: 0, secret, keys: { key: first.key, iv: first.iv }, minPn: -1, maxPn: -1 });
  }

  /** Number of key updates seen so far (the newest generation that decrypted a packet). */
  get updates(): number {
    return this.#current;
  }

  /** Key generations to try for a packet with this Key Phase bit and packet number, likeliest first. */
  candidates(keyPhase: number, packetNumber: number): KeyGeneration[] {
    const home = this.#home(packetNumber);
    const newer = packetNumber > (this.#generations.get(home)?.maxPn ?? -1);
    const out: KeyGeneration[] = [];
    for (let distance = 0; distance <= GENERATION_REACH; distance++) {
      const pair =
        distance === 0 ? [home] : newer ? [home + distance, home - distance] : [home - distance, home + distance];
      for (const n of pair) {
        if ((n & 1) !== keyPhase) continue;
        const generation = this.#generation(n);
        if (generation !== undefined) out.push(generation);
      }
    }
    return out;
  }

  /** A packet decrypted with `generation`: its packet number extends that generation's run. */
  confirm(generation: KeyGeneration, packetNumber: number): void {
    generation.minPn = generation.minPn < 0 ? packetNumber : Math.min(generation.minPn, packetNumber);
    generation.maxPn = Math.max(generation.maxPn, packetNumber);
    this.#current = Math.max(this.#current, generation.number);
  }

  /** The generation whose run of packet numbers this one falls in: the newest that began at or before it. */
  #home(packetNumber: number): number {
    let home = -1;
    let oldestUsed = -1;
    for (const g of this.#generations.values()) {
      if (g.minPn < 0) continue;
      if (oldestUsed < 0 || g.number < oldestUsed) oldestUsed = g.number;
      if (g.minPn <= packetNumber && g.number > home) home = g.number;
    }
    if (home >= 0) return home;
    return oldestUsed >= 0 ? oldestUsed : this.#oldest;
  }

  /** Generation n, derived in order when needed; undefined when dropped or too far ahead. */
  #generation(n: number): KeyGeneration | undefined {
    if (n < this.#oldest || n > this.#current + GENERATION_REACH + 1) return undefined;
    while (this.#newest < n) {
      const last = this.#generations.get(this.#newest);
      if (last === undefined) return undefined;
      const secret = nextTrafficSecret(this.suite, last.secret, this.#labels);
      this.#newest++;
      const keys = deriveAeadKeys(this.suite, secret, this.#labels);
      this.#generations.set(this.#newest, { number: this.#newest, secret, keys, minPn: -1, maxPn: -1 });
      if (this.#generations.size > MAX_GENERATIONS) this.#generations.delete(this.#oldest++);
    }
    return this.#generations.get(n);
  }
}
