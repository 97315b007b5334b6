/**
 * --pseudonymize: the report itself is personal data. Internal addresses, internal host names and
 * user-identifying evidence are replaced by stable keyed hashes (HMAC-SHA-256), so the same client keeps the same
 * pseudonym across reports made with the same key, and nobody without the key can reverse or confirm one.
 */
import { createHmac } from 'node:crypto';
import type { DestinationGroup, Evidence, ReportView } from './model.js';
import { mapList } from './report-list.js';

/** Environment variable the key is read from when the config does not name another source. */
export const PSEUDONYM_KEY_ENV = 'OUTFLOW_PSEUDONYM_KEY';
/** Keys shorter than this are refused: a short key makes the hashes guessable by brute force over addresses. */
export const MIN_KEY_LENGTH = 16;

export function pseudonym(key: string, kind: string, value: string): string {
  const mac = createHmac('sha256', key).update(`${kind}\0${value}`).digest('hex');
  return `${kind}-${mac.slice(0, 12)}`;
}

/**
 * Returns a pseudonymized copy; the input report is left untouched. The lists are mapped as they are walked
 * (report-list.ts): each destination and evidence item is copied where it changes, the rest of it is shared (the
 * model is never changed in place).
 */
export function pseudonymizeReport(report: ReportView, key: string): ReportView {
  const copy = structuredClone({ ...report, destinations: [], evidence: [] });
  const ip = (v: string): string => pseudonym(key, 'host', v);
  const destination = (g: DestinationGroup): DestinationGroup => {
    const d = { ...g, clients: g.clients.map(ip) };
    if (d.scope !== 'public') {
      d.ips = d.ips.map(ip);
      d.names = d.names.map((n) => ({ ...n, name: pseudonym(key, 'name', n.name) }));
      // The group key (operator|name|country) would otherwise still carry the internal name or address; it is
      // rebuilt from the pseudonyms, so baselines made with the same key still match.
      d.key = `${d.operator?.name ?? '-'}|${d.names[0]?.name ?? d.ips[0] ?? ''}|${d.country ?? d.scope}`;
    }
    return d;
  };
  // Every personal-data finding's value is replaced, whatever found it (a detector on cleartext, a decoder on
  // decrypted content): a list of detector ids fell behind them before (user names, device ids, cards).
  const evidence = (e: Evidence): Evidence =>
    e.kind === 'pii' && e.excerpt !== undefined ? { ...e, excerpt: pseudonym(key, 'value', e.excerpt) } : e;
  copy.metadata.pseudonymized = true;
  return {
    ...copy,
    destinations: mapList(report.destinations, destination),
    evidence: mapList(report.evidence, evidence),
  };
}
