/**
 * Reports written by an earlier minor version of the schema, brought into the current model before they are
 * checked: each step adds what its version added, from what the old report says, and invents nothing.
 *   1.0 → 1.1: a recipient per destination ("not recorded"), whether its location is fixed (from the anycast
 *              host, all 1.0 knew), and the summary's destinations and flows leaving
 *              the EEA and flows without bytes, counted from the report's own destinations.
 *   1.1 → 1.2: nothing to add: 1.2 added only the optional destinationGroup.content (runs that read content).
 *   1.2 → 1.3: each input's compression, from its gzip flag (1.2 recognised zstd and lz4 too, but its reports
 *              named only gzip: such an input reads as not compressed, as the old report said).
 */
import { LEAVING_EEA } from '../core/assessment-vocabulary.js';
import type { Recipient } from '../report/model.js';

/** What a report from before schema 1.1.0 says of a recipient: nothing. */
export const RECIPIENT_NOT_RECORDED: Readonly<Recipient> = {
  name: null,
  domain: null,
  basis: 'unknown',
  strength: 'weak',
  evidence: 'not recorded: the report was written with schema 1.0 (before recipients were told from hosts)',
  hqCountry: null,
  dpfCertified: null,
  dpfAsOf: null,
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
const share = (part: number, whole: number): number => (whole > 0 ? Math.min(1, part / whole) : 0);

/** Upgrades a parsed report of minor version `minor` (of the current major) in place, up to the current one. */
export function upgradeReport(doc: Obj, minor: number): void {
  if (minor < 1) upgrade10to11(doc);
  if (minor < 3) upgrade12to13(doc);
}

function upgrade12to13(doc: Obj): void {
  const inputs = isObj(doc.metadata) && Array.isArray(doc.metadata.inputs) ? doc.metadata.inputs.filter(isObj) : [];
  for (const i of inputs) if (!('compression' in i)) i.compression = i.gzip === true ? 'gzip' : null;
}

function upgrade10to11(doc: Obj): void {
  const groups = Array.isArray(doc.destinations) ? doc.destinations.filter(isObj) : [];
  for (const g of groups) {
    if (!('recipient' in g)) g.recipient = { ...RECIPIENT_NOT_RECORDED };
    // 1.0 knew only the anycast host as a place that is not fixed.
    if (!('locationNotFixed' in g)) g.locationNotFixed = isObj(g.operator) && g.operator.anycast === true;
  }
  const s = doc.summary;
  if (!isObj(s)) return;
  let leavingGroups = 0;
  let leavingFlows = 0;
  let flowsWithoutBytes = 0;
  for (const g of groups) {
    const flows = count(g.flows);
    if (typeof g.transfer === 'string' && LEAVING_EEA.has(g.transfer as never)) {
      leavingGroups++;
      leavingFlows += flows;
    }
    const out = isObj(g.out) ? g.out.bytes : null;
    const inn = isObj(g.in) ? g.in.bytes : null;
    if (out === null && inn === null) flowsWithoutBytes += flows;
  }
  const flows = count(s.flows);
  const fill = (key: string, value: number): void => {
    if (!(key in s)) s[key] = value;
  };
  fill('destinationsLeavingEea', leavingGroups);
  fill('destinationsLeavingEeaShare', share(leavingGroups, groups.length));
  fill('flowsLeavingEea', leavingFlows);
  fill('flowsLeavingEeaShare', share(leavingFlows, flows));
  fill('flowsWithoutBytes', Math.min(flows, flowsWithoutBytes));
  fill('flowsWithoutBytesShare', share(Math.min(flows, flowsWithoutBytes), flows));
}
