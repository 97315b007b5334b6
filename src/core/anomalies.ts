/**
 * Named anomaly counters ("weirds", after Zeek): every record that is skipped or only partly decoded is counted
 * under a stable reason name, and the first few occurrences keep where they were found, so a report can say
 * what it did not read instead of crashing or silently dropping data.
 */
import { compareText } from './text-order.js';

/** Where an anomaly was seen: a file and a byte offset, a frame number or a line number. */
export interface AnomalyLocation {
  file: string;
  offset?: number;
  frame?: number;
  line?: number;
  detail?: string;
}

export interface AnomalyEntry {
  reason: string;
  count: number;
  examples: AnomalyLocation[];
}

export const MAX_EXAMPLES_PER_REASON = 5;

export class Anomalies {
  readonly #entries = new Map<string, AnomalyEntry>();

  /** Count one occurrence; keeps the location only for the first few of each reason. */
  add(reason: string, where?: AnomalyLocation): void {
    let entry = this.#entries.get(reason);
    if (entry === undefined) {
      entry = { reason, count: 0, examples: [] };
      this.#entries.set(reason, entry);
    }
    entry.count++;
    if (where !== undefined && entry.examples.length < MAX_EXAMPLES_PER_REASON) entry.examples.push(where);
  }

  count(reason: string): number {
    return this.#entries.get(reason)?.count ?? 0;
  }

  get total(): number {
    let sum = 0;
    for (const entry of this.#entries.values()) sum += entry.count;
    return sum;
  }

  /** Entries sorted by reason, for stable output. */
  entries(): AnomalyEntry[] {
    return [...this.#entries.values()].sort((a, b) => compareText(a.reason, b.reason));
  }

  /**
   * Adds counts gathered elsewhere (another Anomalies' entries(), a worker thread). Merged in input order, the kept
   * examples are the same as if every occurrence had been added here.
   */
  mergeEntries(entries: readonly AnomalyEntry[]): void {
    for (const other of entries) {
      let entry = this.#entries.get(other.reason);
      if (entry === undefined) {
        entry = { reason: other.reason, count: 0, examples: [] };
        this.#entries.set(other.reason, entry);
      }
      entry.count += other.count;
      for (const where of other.examples) {
        if (entry.examples.length >= MAX_EXAMPLES_PER_REASON) break;
        entry.examples.push(where);
      }
    }
  }
}
