/**
 * Initial packet keys of one connection (RFC 9001 §5.2): both directions derive from the Destination Connection
 * ID of the client's first Initial, or, after a Retry, from the connection ID the Retry chose (RFC 9001 §5.2,
 * RFC 9000 §17.2.5.2). Derivations are cached per version, side and DCID; the cache is small and bounded.
 */
import type { QuicVersionInfo } from '../../decode/names/quic/header.js';
import { deriveInitialKeys, type InitialKeys } from '../../decode/names/quic/keys.js';

/** DCIDs kept as Initial key sources at most (the first Initial's, then one per Retry). */
export const MAX_INITIAL_DCIDS = 4;
const MAX_CACHED_KEYS = 16;

export type InitialSide = 'client' | 'server';

export class InitialKeySource {
  /** Key-source DCIDs, most recent first. */
  readonly #dcids: Uint8Array[] = [];
  readonly #cache = new Map<string, InitialKeys>();

  get known(): boolean {
    return this.#dcids.length > 0;
  }

  /** Adds a DCID the Initial keys may derive from (the client's first, a Retry's); true when it is new. */
  add(dcid: Uint8Array): boolean {
    if (this.#dcids.some((d) => sameBytes(d, dcid))) return false;
    this.#dcids.unshift(Uint8Array.from(dcid));
    if (this.#dcids.length > MAX_INITIAL_DCIDS) this.#dcids.pop();
    return true;
  }

  /** DCIDs to derive keys from for a packet, with the packet's own DCID last when it is another one. */
  dcidsFor(packetDcid: Uint8Array | null): Uint8Array[] {
    const list = [...this.#dcids];
    if (packetDcid !== null && !list.some((d) => sameBytes(d, packetDcid))) list.push(packetDcid);
    return list;
  }

  keys(version: QuicVersionInfo, dcid: Uint8Array, side: InitialSide): InitialKeys {
    const id = `${version.version}:${version.name}:${side}:${Buffer.from(dcid).toString('hex')}`;
    const cached = this.#cache.get(id);
    if (cached !== undefined) return cached;
    const derived = deriveInitialKeys(version, dcid, side);
    if (this.#cache.size >= MAX_CACHED_KEYS) this.#cache.clear();
    this.#cache.set(id, derived);
    return derived;
  }
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
