/**
 * Longest-prefix matching over IPv4 and IPv6 networks: networks are parsed once into a binary trie per family,
 * so a lookup costs at most 32 or 128 steps whatever the number of networks.
 */
import { parseIp } from '../../core/ip-format.js';

interface TrieNode<T> {
  zero?: TrieNode<T>;
  one?: TrieNode<T>;
  value?: { network: string; item: T };
}

export interface CidrMatch<T> {
  network: string;
  item: T;
}

/** Parses "a.b.c.d/n", "x::/n" or a bare address (a host network); null when it is neither. */
export function parseNetwork(text: string): { bytes: Uint8Array; prefix: number } | null {
  const t = text.trim();
  const slash = t.indexOf('/');
  const bytes = parseIp(slash < 0 ? t : t.slice(0, slash));
  if (bytes === null) return null;
  const bits = bytes.length * 8;
  if (slash < 0) return { bytes, prefix: bits };
  const p = t.slice(slash + 1);
  if (!/^\d{1,3}$/.test(p) || Number(p) > bits) return null;
  return { bytes, prefix: Number(p) };
}

const bitAt = (bytes: Uint8Array, i: number): number => ((bytes[i >> 3] ?? 0) >> (7 - (i & 7))) & 1;

export class CidrMatcher<T> {
  readonly #v4: TrieNode<T> = {};
  readonly #v6: TrieNode<T> = {};
  #size = 0;

  /** Adds a network; returns false (and adds nothing) when the text is not a network. A later add replaces. */
  add(network: string, item: T): boolean {
    const parsed = parseNetwork(network);
    if (parsed === null) return false;
    let node = parsed.bytes.length === 4 ? this.#v4 : this.#v6;
    for (let i = 0; i < parsed.prefix; i++) {
      const key = bitAt(parsed.bytes, i) === 0 ? 'zero' : 'one';
      let next = node[key];
      if (next === undefined) {
        next = {};
        node[key] = next;
      }
      node = next;
    }
    if (node.value === undefined) this.#size++;
    node.value = { network: network.trim(), item };
    return true;
  }

  get size(): number {
    return this.#size;
  }

  /** The most specific network containing the address (4 or 16 bytes), or null. */
  matchBytes(address: Uint8Array): CidrMatch<T> | null {
    let node: TrieNode<T> | undefined = address.length === 4 ? this.#v4 : this.#v6;
    let best: CidrMatch<T> | null = null;
    const bits = address.length * 8;
    for (let i = 0; node !== undefined; i++) {
      if (node.value !== undefined) best = node.value;
      if (i >= bits) break;
      node = bitAt(address, i) === 0 ? node.zero : node.one;
    }
    return best;
  }

  match(ip: string): CidrMatch<T> | null {
    const bytes = parseIp(ip);
    return bytes === null ? null : this.matchBytes(bytes);
  }
}
