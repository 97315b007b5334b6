/**
 * Address → name knowledge from DNS and proxy logs, looked up in time: a flow is named from answers seen at or
 * shortly before its first record (logs have one-second resolution, so a small slack after is allowed), newest
 * first, preferring answers that went to the same client. Memory is bounded per address and overall.
 */
import type { FlowName } from '../../flows/flow-record.js';
import type { AddressName } from './log-format.js';

/** Names kept per address (newest), and addresses kept overall before the oldest half is dropped. */
export const MAX_FACTS_PER_ADDRESS = 16;
export const MAX_NAMED_ADDRESSES = 500_000;
/** A name learnt up to this long after a flow's first record still names it (log timestamps are coarse). */
export const AFTER_SLACK_MICROS = 2_000_000;
/** Answers older than this are not used (clients rarely keep an address longer; TTLs are often absent in logs). */
export const MAX_AGE_MICROS = 24 * 3600 * 1_000_000;
/** Names attached to one flow from DNS at most. */
export const MAX_DNS_NAMES = 4;

/** One (name, client) learnt for an address, over the span of time it was seen (repeated answers widen it). */
interface Span {
  fact: AddressName;
  first: number;
  last: number;
}

export class AddressNames {
  readonly #by = new Map<string, Span[]>();

  /** Addresses with names (0: lookups can be skipped). */
  get size(): number {
    return this.#by.size;
  }

  add(fact: AddressName): void {
    let list = this.#by.get(fact.address);
    if (list === undefined) {
      if (this.#by.size >= MAX_NAMED_ADDRESSES) this.#dropOldestHalf();
      list = [];
      this.#by.set(fact.address, list);
    }
    const same = list.find((s) => s.fact.name.name === fact.name.name && s.fact.client === fact.client);
    if (same !== undefined) {
      // Logs are not always time-ordered (Zeek, Suricata): keep the earliest sighting's details.
      if (fact.tsMicros < same.first) {
        same.first = fact.tsMicros;
        same.fact = fact;
      }
      same.last = Math.max(same.last, fact.tsMicros);
      return;
    }
    list.push({ fact, first: fact.tsMicros, last: fact.tsMicros });
    if (list.length > MAX_FACTS_PER_ADDRESS) {
      list.sort((a, b) => a.last - b.last);
      list.shift();
    }
  }

  /** Names for a flow to `address` from `client` starting at `tsMicros`, best first. */
  lookup(address: string, client: string, tsMicros: number): FlowName[] {
    const list = this.#by.get(address);
    if (list === undefined) return [];
    const usable = list.filter((s) => s.first <= tsMicros + AFTER_SLACK_MICROS && s.last >= tsMicros - MAX_AGE_MICROS);
    usable.sort((a, b) => {
      const ca = a.fact.client === undefined || a.fact.client === client ? 1 : 0;
      const cb = b.fact.client === undefined || b.fact.client === client ? 1 : 0;
      return cb - ca || Math.min(b.last, tsMicros) - Math.min(a.last, tsMicros);
    });
    const out: FlowName[] = [];
    for (const { fact } of usable) {
      if (out.some((n) => n.name === fact.name.name)) continue;
      out.push({ ...fact.name, via: 'dns' });
      if (out.length >= MAX_DNS_NAMES) break;
    }
    return out;
  }

  #dropOldestHalf(): void {
    let drop = this.#by.size >> 1;
    for (const key of this.#by.keys()) {
      if (drop-- <= 0) break;
      this.#by.delete(key);
    }
  }
}
