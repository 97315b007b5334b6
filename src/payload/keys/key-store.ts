/**
 * All TLS/QUIC secrets a run knows, by ClientHello.random and label: from key log files (--keylog) and from
 * pcapng Decryption Secrets Blocks met while reading a capture. Deduplicated (the same key log is often given
 * twice, or also embedded in the capture) and bounded.
 */
import type { SecretLabel, SecretLookup } from '../types.js';
import { toHex } from './hex.js';
import { CLIENT_RANDOM_BYTES, type KeyLogParse, parseKeyLog } from './key-log.js';

/** Secrets kept at most (one per client random and label); further ones are counted in `stats.dropped`. */
export const MAX_KEY_STORE_ENTRIES = 1_000_000;

/** pcapng DSB secrets type for an NSS key log (draft-ietf-opsawg-pcapng §4.7: 'TLSK'). */
export const DSB_TLS_KEY_LOG = 0x544c534b;

export interface KeyStoreStats {
  /** The same secret given again for the same client random and label. */
  duplicates: number;
  /** A different secret for a client random and label already known: the first one is kept. */
  conflicts: number;
  /** Secrets not kept because the store was full. */
  dropped: number;
  /** Decryption Secrets Blocks read as key logs. */
  dsbKeyLogs: number;
  /** Decryption Secrets Blocks of other types (SSH, WireGuard, ZigBee, ...), not used. */
  dsbIgnored: number;
}

type Slots = Partial<Record<SecretLabel, Uint8Array>>;

export class KeyStore implements SecretLookup {
  readonly #byRandom = new Map<string, Slots>();
  #size = 0;
  readonly stats: KeyStoreStats = { duplicates: 0, conflicts: 0, dropped: 0, dsbKeyLogs: 0, dsbIgnored: 0 };

  get size(): number {
    return this.#size;
  }

  secret(clientRandom: Uint8Array, label: SecretLabel): Uint8Array | undefined {
    if (this.#size === 0 || clientRandom.length !== CLIENT_RANDOM_BYTES) return undefined;
    return this.#byRandom.get(toHex(clientRandom))?.[label];
  }

  /** Adds one secret; returns true when it was new. The secret is copied. */
  add(label: SecretLabel, clientRandom: Uint8Array, secret: Uint8Array): boolean {
    if (clientRandom.length !== CLIENT_RANDOM_BYTES) return false;
    const key = toHex(clientRandom);
    let slots = this.#byRandom.get(key);
    const known = slots?.[label];
    if (known !== undefined) {
      if (Buffer.compare(known, secret) === 0) this.stats.duplicates++;
      else this.stats.conflicts++;
      return false;
    }
    if (this.#size >= MAX_KEY_STORE_ENTRIES) {
      this.stats.dropped++;
      return false;
    }
    if (slots === undefined) {
      slots = {};
      this.#byRandom.set(key, slots);
    }
    slots[label] = Uint8Array.from(secret);
    this.#size++;
    return true;
  }

  addKeyLog(parse: KeyLogParse): void {
    for (const e of parse.entries) this.add(e.label, e.clientRandom, e.secret);
  }

  /**
   * Adds the secrets of a pcapng Decryption Secrets Block. Returns the key log parse (bad lines to report) for
   * an NSS key log block, null for other secrets types (counted in stats.dsbIgnored).
   */
  addDsb(secretsType: number, data: Uint8Array): KeyLogParse | null {
    if (secretsType !== DSB_TLS_KEY_LOG) {
      this.stats.dsbIgnored++;
      return null;
    }
    this.stats.dsbKeyLogs++;
    const parse = parseKeyLog(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
    this.addKeyLog(parse);
    return parse;
  }
}
