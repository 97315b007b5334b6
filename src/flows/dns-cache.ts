/**
 * Address → name knowledge learnt from DNS answers in the capture, time-aware (RFC 1035 TTLs). A flow is named
 * from the answers a client received before the flow began; when one address maps to several names (CDNs),
 * all are kept and the one the same client asked for last comes first.
 */

import { parseIPv4 } from '../core/ip-format.js';
import { cnameChainFor } from '../decode/names/dns.js';
import type { DnsMessage } from '../decode/names/types.js';
import { word } from './flow-key.js';

export interface DnsAnswer {
  /** The name the client asked for (the question), normalised. */
  name: string;
  /** Question name → ... → owner of the address record, when CNAMEs were involved. */
  cnameChain: string[];
  /** The client the answer went to (the response's destination address). */
  client: string;
  tsMicros: number;
  ttl: number;
  frame: number;
}

/** How many answers are kept per address, newest first; older ones are dropped (bounded memory). */
export const MAX_ANSWERS_PER_ADDRESS = 16;
/** Addresses remembered at most; when exceeded the oldest half is forgotten. */
export const MAX_ADDRESSES = 200_000;

/**
 * Capture seconds between sweeps of expired answers. Without them the cache kept every address ever answered
 * (up to MAX_ADDRESSES), so memory grew with the length of the capture, not with what can still name a flow.
 */
const SWEEP_INTERVAL_SECONDS = 300;
/**
 * An answer is swept only this long after it expired: a flow whose first packet is stamped a little earlier
 * than packets already read (captures are not always in time order) can still be named by it, as before.
 */
const SWEEP_MARGIN_SECONDS = 300;

const TYPE_A = 1;
const TYPE_CNAME = 5;
const TYPE_AAAA = 28;

/** The empty CNAME chain, shared by the answers without one (callers only read it). */
const NO_CHAIN = Object.freeze([]) as unknown as string[];

/** The owner name of the first A/AAAA record of `msg` with this address (`fallback` if none, which cannot be). */
function firstOwnerOf(msg: DnsMessage, address: string, fallback: string): string {
  for (const a of msg.answers) if ((a.type === TYPE_A || a.type === TYPE_AAAA) && a.data === address) return a.name;
  return fallback;
}

/** The answer list of an address no DNS answer named (shared: callers only read it). */
const NO_ANSWERS: readonly DnsAnswer[] = Object.freeze([]);

export interface DnsCacheOptions {
  /** Seconds an answer stays usable after its TTL ran out (clients and OS caches keep using them). */
  graceSeconds: number;
}

export class DnsCache {
  readonly #byAddress = new Map<string, DnsAnswer[]>();
  /**
   * The IPv4 addresses (as signed words) of #byAddress, and whether it holds any IPv6 one: the flow table asks
   * mayName() for every new flow before it spells the flow's addresses as text, and most servers were never in
   * an answer. Kept exactly in step with #byAddress (#note, #forget).
   */
  readonly #v4 = new Set<number>();
  #v6Count = 0;
  /** Address keys that are neither IPv6 nor dotted IPv4 (never from parseDnsMessage): then look everything up. */
  #otherCount = 0;
  readonly #graceMicros: number;
  /** Capture time of the last sweep; -1 before the first answer. */
  #sweptAt = -1;

  constructor(options: DnsCacheOptions) {
    this.#graceMicros = options.graceSeconds * 1_000_000;
  }

  get size(): number {
    return this.#byAddress.size;
  }

  /** Records every A/AAAA answer of a response that went to `client`. */
  addResponse(msg: DnsMessage, client: string, tsMicros: number, frame: number): void {
    if (!msg.isResponse) return;
    const hasCname = msg.answers.some((a) => a.type === TYPE_CNAME);
    for (const rr of msg.answers) {
      if (rr.type !== TYPE_A && rr.type !== TYPE_AAAA) continue;
      // Without CNAME records the chain is the owner of the first record with this address (cnameChainFor's
      // answer, without its arrays and sets: most answers have no CNAME).
      const chain = hasCname ? cnameChainFor(msg, rr.data) : NO_CHAIN;
      const question = hasCname ? (chain[0] ?? msg.questions[0]?.name ?? rr.name) : firstOwnerOf(msg, rr.data, rr.name);
      this.#add(rr.data, {
        name: question,
        cnameChain: chain.length > 1 ? chain : NO_CHAIN,
        client,
        tsMicros,
        ttl: rr.ttl,
        frame,
      });
    }
  }

  #add(address: string, answer: DnsAnswer): void {
    if (this.#sweptAt < 0) this.#sweptAt = answer.tsMicros;
    else if (answer.tsMicros - this.#sweptAt >= SWEEP_INTERVAL_SECONDS * 1_000_000) this.#sweep(answer.tsMicros);
    const list = this.#byAddress.get(address);
    if (list === undefined) {
      if (this.#byAddress.size >= MAX_ADDRESSES) this.#forgetOldestHalf();
      // A list of one (most addresses get one answer): an empty list unshifted to reserves 16 slots.
      this.#byAddress.set(address, [answer]);
      this.#note(address);
      return;
    }
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      if (a !== undefined && a.name === answer.name && a.client === answer.client) {
        list.splice(i, 1);
        break;
      }
    }
    list.unshift(answer);
    if (list.length > MAX_ANSWERS_PER_ADDRESS) list.length = MAX_ANSWERS_PER_ADDRESS;
  }

  /** Drops the answers that expired (TTL + grace) well before `nowMicros`, and addresses left without any. */
  #sweep(nowMicros: number): void {
    this.#sweptAt = nowMicros;
    const before = nowMicros - SWEEP_MARGIN_SECONDS * 1_000_000 - this.#graceMicros;
    for (const [address, list] of this.#byAddress) {
      let kept = 0;
      for (const a of list) if (a.tsMicros + a.ttl * 1_000_000 >= before) list[kept++] = a;
      if (kept === 0) {
        this.#byAddress.delete(address);
        this.#forget(address);
      } else list.length = kept;
    }
  }

  #forgetOldestHalf(): void {
    let drop = this.#byAddress.size >> 1;
    for (const key of this.#byAddress.keys()) {
      if (drop-- <= 0) break;
      this.#byAddress.delete(key);
      this.#forget(key);
    }
  }

  #note(address: string): void {
    if (address.includes(':')) {
      this.#v6Count++;
      return;
    }
    const bytes = parseIPv4(address);
    if (bytes === null) this.#otherCount++;
    else this.#v4.add(word(bytes, 0));
  }

  #forget(address: string): void {
    if (address.includes(':')) {
      this.#v6Count--;
      return;
    }
    const bytes = parseIPv4(address);
    if (bytes === null) this.#otherCount--;
    else this.#v4.delete(word(bytes, 0));
  }

  /**
   * False when no answer can name a flow to this server: an IPv4 server (first word `word0`, signed) never
   * answered, or an IPv6 server while no IPv6 address was. True means: look it up.
   */
  mayName(v6: boolean, word0: number): boolean {
    if (this.#otherCount > 0) return true;
    return v6 ? this.#v6Count > 0 : this.#v4.has(word0);
  }

  /**
   * Answers usable for a flow from `client` to `server` that began at `tsMicros` (frame `frame`): given before
   * the flow, not expired (TTL + grace). The same client's answers come first, newest first; then other clients'.
   */
  lookup(server: string, client: string, tsMicros: number, frame: number): readonly DnsAnswer[] {
    const list = this.#byAddress.get(server);
    // Most flows' servers were never in a DNS answer: no arrays for them (this runs once per flow).
    if (list === undefined) return NO_ANSWERS;
    const mine: DnsAnswer[] = [];
    let others: DnsAnswer[] | null = null;
    for (const a of list) {
      if (a.frame >= frame) continue;
      if (a.tsMicros + a.ttl * 1_000_000 + this.#graceMicros < tsMicros) continue;
      if (a.client === client) mine.push(a);
      else if (others === null) others = [a];
      else others.push(a);
    }
    if (others !== null) for (const a of others) mine.push(a);
    return mine;
  }
}
