/**
 * Collects one exchange's findings: masked unless the run asked for values, bounded, and deduplicated by kind,
 * field and value. Array positions do not make a finding new ("body[0].ext.device.localId" and
 * "body[7].ext.device.localId" with the same id are one finding, kept with its first path): a batch of fifty
 * events carrying one device id is one fact. Where an identifier was recognised, the name-based PII detectors'
 * reading of the same value (device-id, user-name) is not repeated.
 */
import { maskValue } from '../../assess/pii/text.js';
import type { PiiConfidence, PiiKind } from '../../assess/pii/types.js';
import type { ContentFinding } from '../types.js';

/** Findings kept per exchange at most; a hostile body cannot grow the report past this. */
export const MAX_FINDINGS_PER_EXCHANGE = 128;

/** PII kinds that only restate what an identifier finding for the same field and value already says. */
const RESTATED_BY_IDENTIFIER: ReadonlySet<PiiKind> = new Set(['device-id', 'user-name']);

export class FindingSink {
  readonly findings: ContentFinding[] = [];
  readonly #showValues: boolean;
  readonly #seen = new Set<string>();
  readonly #identified = new Set<string>();

  constructor(showValues: boolean) {
    this.#showValues = showValues;
  }

  get full(): boolean {
    return this.findings.length >= MAX_FINDINGS_PER_EXCHANGE;
  }

  identifier(field: string, detector: string, value: string, confidence: PiiConfidence): void {
    this.#identified.add(`${sameField(field)}\u0000${value}`);
    this.#add('identifier', detector, field, value, confidence);
  }

  pii(field: string, kind: PiiKind, detector: string, value: string, confidence: PiiConfidence): void {
    if (RESTATED_BY_IDENTIFIER.has(kind) && this.#identified.has(`${sameField(field)}\u0000${value}`)) return;
    this.#add(kind, detector, field, value, confidence);
  }

  #add(kind: ContentFinding['kind'], detector: string, field: string, value: string, confidence: PiiConfidence) {
    if (this.full || value === '') return;
    const key = `${kind}\u0000${sameField(field)}\u0000${value}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    const excerpt = this.#showValues ? value : maskValue(value);
    this.findings.push({ kind, detector, field, excerpt, confidence });
  }
}

/** The field without array positions: "body[3].events[0].name" → "body[].events[].name". */
function sameField(field: string): string {
  return field.replace(/\[\d+\]/g, '[]');
}
