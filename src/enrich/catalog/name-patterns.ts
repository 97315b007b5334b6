/**
 * Category by name pattern: what a host name's own labels say it is for ("ocsp.", "telemetry.", "login."), used
 * only when no catalog rule decided the category, and reported as such (categoryBasis "name-pattern", with the
 * pattern as evidence). The table is short and general on purpose; `npm run catalog:validate` measures each
 * pattern's precision on held-out names, and patterns that measured poorly were removed (data/catalog/README.md).
 *
 * Only the labels left of the registrable domain are read (tldts, private section honoured): the domain itself is
 * a brand ("time.com", "update.com") and says nothing about one host's purpose.
 */
import { parse } from 'tldts';
import type { Category } from './types.js';

export interface NamePattern {
  /** The pattern as shown in evidence: a label token ("ocsp") or a dotted label pair ("events.data"). */
  pattern: string;
  category: Category;
}

/**
 * Label tokens (a label split at "-" and "_", trailing digits dropped: "ocsp2" → "ocsp") and dotted label pairs.
 * Order matters only when one name holds tokens of two categories: the first entry wins.
 */
export const NAME_PATTERNS: readonly NamePattern[] = [
  { pattern: 'ocsp', category: 'certificate' },
  { pattern: 'crl', category: 'certificate' },
  // Windows Error Reporting's hosts (watson.telemetry..., watson.ppe.telemetry...): before the telemetry labels.
  { pattern: 'watson', category: 'crash-reporting' },
  { pattern: 'events.data', category: 'telemetry' },
  { pattern: 'telemetry', category: 'telemetry' },
  { pattern: 'vortex', category: 'telemetry' },
  { pattern: 'collector', category: 'telemetry' },
  { pattern: 'crash', category: 'crash-reporting' },
  { pattern: 'login', category: 'identity' },
  { pattern: 'auth', category: 'identity' },
  { pattern: 'accounts', category: 'identity' },
  { pattern: 'update', category: 'update' },
  { pattern: 'updates', category: 'update' },
  { pattern: 'ntp', category: 'time' },
  { pattern: 'time', category: 'time' },
  { pattern: 'activation', category: 'licensing' },
];
/*
 * Added 2026-12-07 and measured on every labelled exact name (right/fired): "watson" 12/12 (Windows Error
 * Reporting, Online Crash Analysis), "activation" 9/9 (Windows, Office and vendors' activation hosts), "collector"
 * 3/3 (ingest collectors). Measured and not added: "metrics" 18/22, "intake" 63/70 (Datadog's RUM intake
 * is analytics), "rum" 8/8 and "upd" 42/42 (one vendor's naming each: Datadog, Kaspersky), "ads" 4/13.
 *
 * Measured and removed (npm run catalog:validate, 2026-12-07): "download" (3 of 7 right: content delivery and
 * download statistics), "stats" (0 of 2: advertising), "metrics" (4 of 6: device telemetry); never seen on a
 * labelled name, so unmeasured and left out: "signin", "sso", "crashes", "sentry" (a registrable domain, which is
 * not read).
 */

const TOKENS = new Map<string, NamePattern>();
const PAIRS: NamePattern[] = [];
for (const p of NAME_PATTERNS) {
  if (p.pattern.includes('.')) PAIRS.push(p);
  else if (!TOKENS.has(p.pattern)) TOKENS.set(p.pattern, p);
}
const ORDER = new Map(NAME_PATTERNS.map((p, i) => [p.pattern, i]));
const MAX_NAME = 253;

/** The first pattern (table order) the name's host labels show, or null. Never throws. */
export function categoryByName(name: string, table: readonly NamePattern[] = NAME_PATTERNS): NamePattern | null {
  const host = name.trim().toLowerCase().replace(/\.$/, '');
  if (host.length === 0 || host.length > MAX_NAME) return null;
  const parsed = parse(host, { allowPrivateDomains: true });
  if (parsed.isIp === true || parsed.domain === null || parsed.subdomain === null || parsed.subdomain === '')
    return null;
  const labels = parsed.subdomain.split('.');
  const tokens =
    table === NAME_PATTERNS
      ? TOKENS
      : new Map(table.filter((p) => !p.pattern.includes('.')).map((p) => [p.pattern, p]));
  const pairs = table === NAME_PATTERNS ? PAIRS : table.filter((p) => p.pattern.includes('.'));
  const order = table === NAME_PATTERNS ? ORDER : new Map(table.map((p, i) => [p.pattern, i]));
  let best: NamePattern | null = null;
  const consider = (p: NamePattern | undefined): void => {
    if (p !== undefined && (best === null || (order.get(p.pattern) ?? 0) < (order.get(best.pattern) ?? 0))) best = p;
  };
  for (const label of labels) {
    for (const part of label.split(/[-_]/)) consider(tokens.get(part.replace(/\d+$/, '')));
  }
  const dotted = `.${parsed.subdomain}.`;
  for (const p of pairs) if (dotted.includes(`.${p.pattern}.`)) consider(p);
  return best;
}
