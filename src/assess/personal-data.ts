/**
 * How sure we are that a flow carries personal data beyond the client IP address (which always is personal
 * data: CJEU C-582/14 Breyer; GDPR Recital 30). A detector finding beats any catalog rating; without a
 * catalog match we say "unknown", never "unlikely".
 */

import type { PersonalData } from '../core/assessment-vocabulary.js';
import type { Rating } from '../enrich/catalog/types.js';
import type { PiiFinding } from './pii/types.js';

export function personalDataLevel(
  findings: readonly Pick<PiiFinding, 'kind'>[],
  catalogRating: Rating | null | undefined,
): PersonalData {
  if (findings.length > 0) return 'observed';
  return catalogRating ?? 'unknown';
}

/** The distinct kinds seen, for "personalDataKinds" in the report (catalog kinds plus observed ones). */
export function personalDataKinds(
  findings: readonly Pick<PiiFinding, 'kind'>[],
  catalogKinds: readonly string[] = [],
): string[] {
  return [...new Set([...catalogKinds, ...findings.map((f) => f.kind)])].sort();
}

/**
 * Field prefixes of findings read off cleartext protocols on the wire (flow-namer.ts: HTTP request heads and
 * bodies, DNS query names). Every finding so far comes from one of them; a future source (a decrypted payload, a
 * proxy log's URL) would not count as sent in plaintext unless it is added here.
 */
const CLEARTEXT_FIELDS = ['http.', 'dns.'];

/** True when some finding was seen in plaintext on the wire: anyone on the path could read it. */
export function observedInClear(findings: readonly Pick<PiiFinding, 'field'>[]): boolean {
  return findings.some((f) => CLEARTEXT_FIELDS.some((p) => f.field.startsWith(p)));
}
