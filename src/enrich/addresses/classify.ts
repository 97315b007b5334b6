/**
 * What kind of destination an address is, before any geolocation: public, local (private, loopback, link-local,
 * CGNAT, unique-local, user-declared internal networks: never geolocated) or special (documentation, multicast,
 * reserved: not a real destination). IPv6 addresses that carry an IPv4 address (IPv4-mapped, NAT64 64:ff9b::/96,
 * 6to4, Teredo) are unwrapped and classified by the IPv4 address inside; `unwrapped` then names it so the
 * geolocation uses it.
 */

import type { Scope } from '../../core/assessment-vocabulary.js';
import { formatIPv4, parseIp } from '../../core/ip-format.js';
import { CidrMatcher } from './cidr-matcher.js';
import { type Embedding, SPECIAL_PURPOSE_BLOCKS, type SpecialBlock } from './special-purpose.js';

export type { Scope } from '../../core/assessment-vocabulary.js';

export interface AddressClass {
  scope: Scope;
  label: string;
  /** The registry entry's reference (RFC), when one applied. */
  rfc?: string;
  /** The IPv4 address carried inside an IPv6 address, which was classified instead. */
  unwrapped?: string;
}

/** The class of nearly every destination, one shared object (callers may compare against it). */
export const PUBLIC_UNICAST: AddressClass = Object.freeze({ scope: 'public', label: 'global unicast' });

const REGISTRY = new CidrMatcher<SpecialBlock>();
for (const block of SPECIAL_PURPOSE_BLOCKS) REGISTRY.add(block.network, block);

/**
 * The IPv4 address inside an IPv6 address.
 *   last-32: ::ffff:a.b.c.d and 64:ff9b::a.b.c.d (RFC 6052 §2.2, /96: bits 96-127)
 *   6to4:    2002:AABB:CCDD::/48, the IPv4 address in bits 16-47 (RFC 3056 §2)
 *   teredo:  2001:0:SSSS:SSSS:flags:port:CCCC:CCCC, the client address in bits 96-127 with every bit inverted
 *            (RFC 4380 §4); bits 32-63 are the Teredo server, which is not the peer.
 */
function embeddedIPv4(bytes: Uint8Array, how: Embedding): Uint8Array {
  if (how === '6to4') return bytes.slice(2, 6);
  const last = bytes.slice(12, 16);
  if (how === 'teredo') for (let i = 0; i < 4; i++) last[i] = (last[i] ?? 0) ^ 0xff;
  return last;
}

export class AddressClassifier {
  readonly #internal = new CidrMatcher<true>();
  readonly #cache = new Map<string, AddressClass>();
  static readonly CACHE_LIMIT = 50_000;

  /** `internalCidrs`: networks the user declares internal; throws TypeError naming the first bad one. */
  constructor(internalCidrs: readonly string[] = []) {
    for (const c of internalCidrs) {
      if (!this.#internal.add(c, true)) throw new TypeError(`not a network: ${c}`);
    }
  }

  classify(ip: string): AddressClass {
    const hit = this.#cache.get(ip);
    if (hit !== undefined) return hit;
    const result = this.classifyOnce(ip);
    if (this.#cache.size >= AddressClassifier.CACHE_LIMIT) this.#cache.clear();
    this.#cache.set(ip, result);
    return result;
  }

  /** Without the cache: for callers that keep their own per-address cache (audit/destination-facts.ts). */
  classifyOnce(ip: string): AddressClass {
    const bytes = parseIp(ip);
    return bytes === null ? { scope: 'special', label: 'not an IP address' } : this.classifyBytes(bytes);
  }

  classifyBytes(bytes: Uint8Array, depth = 0): AddressClass {
    const internal = this.#internal.matchBytes(bytes);
    if (internal !== null) return { scope: 'local', label: `internal network ${internal.network}` };
    const block = REGISTRY.matchBytes(bytes)?.item;
    if (block?.embedded !== undefined && depth === 0) {
      const inner = embeddedIPv4(bytes, block.embedded);
      const innerText = formatIPv4(inner, 0);
      const innerClass = this.classifyBytes(inner, 1);
      const label =
        innerClass.scope === 'public' && innerClass.rfc === undefined
          ? `${block.label} of ${innerText}`
          : `${block.label} of ${innerText} (${innerClass.label})`;
      return { scope: innerClass.scope, label, rfc: block.rfc, unwrapped: innerText };
    }
    if (block !== undefined) return { scope: block.scope, label: block.label, rfc: block.rfc };
    // RFC 4291 §2.4 / IANA IPv6 address space: only 2000::/3 is allocated global unicast; the rest is reserved.
    if (bytes.length === 16 && ((bytes[0] ?? 0) & 0xe0) !== 0x20) {
      return { scope: 'special', label: 'reserved (outside 2000::/3)', rfc: 'RFC 4291 §2.4' };
    }
    return PUBLIC_UNICAST;
  }
}

const shared = new WeakMap<readonly string[], AddressClassifier>();
const noInternal = new AddressClassifier();

/** Classifies one address; the internal networks list is parsed once per array (keep the same array). */
export function classifyAddress(ip: string, internalCidrs?: readonly string[]): AddressClass {
  if (internalCidrs === undefined || internalCidrs.length === 0) return noInternal.classify(ip);
  let c = shared.get(internalCidrs);
  if (c === undefined) {
    c = new AddressClassifier(internalCidrs);
    shared.set(internalCidrs, c);
  }
  return c.classify(ip);
}
