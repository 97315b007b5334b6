/**
 * How sure we are that a flow carries personal data beyond the client IP address (which always is personal
 * data: CJEU C-582/14 Breyer; GDPR Recital 30). A detector finding beats any catalog rating; without a
 * catalog match we say "unknown", never "unlikely".
 */

import type { Rating } from '../enrich/catalog/types.js';
import type { PersonalData } from '../report/model.js';
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
