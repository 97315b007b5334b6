/**
 * Risk of one destination: where the server is (transfer) × how likely personal data beyond the IP address
 * travels (personal data), then adjusted for who receives it (the recipient) and who hosts it (the host, the
 * network operator). Pure; every reason is a sentence a DPO can read.
 *
 * Base table (rows: transfer; columns: personal data)
 *
 *   transfer \ data         observed  likely  possible  unlikely  unknown
 *   none (local network)    none      none    none      none      none
 *   eea                     low       low     low       low       low
 *   adequate                low       low     low       low       low
 *   adequate-if-certified   → the recipient's DPF certification decides (not the host's):
 *     certified             low       low     low       low       low     (as adequate)
 *     not certified         high      high    medium    low       medium  (as third-country)
 *     not known             high      medium  medium    low       medium
 *   third-country           high      high    medium    low       medium
 *   unknown (no location)   high      medium  medium    low       medium
 *
 * Adjustments, in order:
 *   1. eea/adequate/certified server, recipient or host headquartered outside the EEA and not in an adequate
 *      country (e.g. a US company): observed/likely → medium (Schrems II, C-311/18: US law reaches data held in
 *      the EU; a certified US recipient's US server is judged no better than its EU one).
 *   2. An endpoint the catalog does not know, outside the EEA or of unknown location (third-country,
 *      unknown, adequate-if-certified without certification): never below medium.
 *   3. Personal data observed in plaintext (cleartext HTTP or DNS, where the detectors look): high, wherever
 *      it goes; only local destinations (transfer none) stay none. Anyone on the path reads it (GDPR Art. 32).
 *   4. Personal data observed going to an unknown recipient outside the EEA (third-country, unknown,
 *      adequate-if-certified): high. Nobody can say who holds it.
 * EEA membership and adequacy of HQ countries come from the dated legal table (enrich/jurisdiction), as of
 * `asOf`. Without a recipient given, the operator is taken as the recipient (callers from before recipients).
 * Policy: "ignored" when the rule id or category is in policy.ignored; else "allowed" when the country,
 * operator (host) or recipient is on an allow list; "violation" when an allow list exists and none matches;
 * "n/a" without lists or for local traffic. Policy never changes the risk: an audit sees both.
 */

import type { PersonalData, PolicyOutcome, Risk, Transfer } from '../core/assessment-vocabulary.js';
import { adequateCountry, inEea } from '../enrich/jurisdiction/transfer-status.js';
import { recipientName } from '../enrich/recipient/recipient.js';
import { countryName } from './countries.js';

export interface RiskOperator {
  name: string;
  hqCountry: string | null;
  dpfCertified?: boolean | null;
  dpfAsOf?: string | null;
  /** What the DPF status rests on (the list, or a company statement): quoted in the reason. */
  dpfSource?: string;
}

/** The recipient (who runs the service); name null when unknown, with the registrable domain behind it. */
export interface RiskRecipient {
  name: string | null;
  domain?: string | null;
  hqCountry: string | null;
  dpfCertified?: boolean | null;
  dpfAsOf?: string | null;
  dpfSource?: string;
}

export interface RiskPolicy {
  allowedCountries?: string[];
  allowedOperators?: string[];
  /** Catalog rule ids or categories to ignore. */
  ignored?: string[];
}

export interface RiskInput {
  transfer: Transfer;
  personalData: PersonalData;
  category?: string | null;
  /** The host: network operator of the server address (ASN). */
  operator?: RiskOperator | null;
  /** Who receives the data; undefined = the operator (callers from before recipients). */
  recipient?: RiskRecipient | null;
  /** Personal data was observed in cleartext (HTTP, DNS): anyone on the path could read it. */
  personalDataInClear?: boolean;
  /** YYYY-MM-DD for EEA membership and adequacy of HQ countries; default today. */
  asOf?: string;
  /** --dpf ignore: US recipients were judged as third country (said in the reason). */
  dpf?: 'rely' | 'ignore';
  /** True when a catalog rule matched. */
  known: boolean;
  rule?: { id: string; product: string; vendor: string; source: string } | null;
  /** Kinds of personal data the detectors saw, when personalData is "observed". */
  observedKinds?: string[];
  policy: RiskPolicy;
  country?: string | null;
}

export interface RiskResult {
  risk: Risk;
  reasons: string[];
  policy: PolicyOutcome;
}

type Cell = Record<PersonalData, Risk>;
const row = (observed: Risk, likely: Risk, possible: Risk, unlikely: Risk, unknown: Risk): Cell => ({
  observed,
  likely,
  possible,
  unlikely,
  unknown,
});

export const RISK_TABLE = {
  none: row('none', 'none', 'none', 'none', 'none'),
  eea: row('low', 'low', 'low', 'low', 'low'),
  adequate: row('low', 'low', 'low', 'low', 'low'),
  certified: row('low', 'low', 'low', 'low', 'low'),
  'not-certified': row('high', 'high', 'medium', 'low', 'medium'),
  'certification-unknown': row('high', 'medium', 'medium', 'low', 'medium'),
  'third-country': row('high', 'high', 'medium', 'low', 'medium'),
  unknown: row('high', 'medium', 'medium', 'low', 'medium'),
} as const satisfies Record<string, Cell>;

const ORDER: Risk[] = ['none', 'low', 'medium', 'high'];
const atLeast = (risk: Risk, floor: Risk): Risk => (ORDER.indexOf(risk) < ORDER.indexOf(floor) ? floor : risk);

function certifiedReason(where: string | null, role: string, who: RiskRecipient): string {
  const basis =
    who.dpfSource === undefined ? '' : `, as recorded on ${who.dpfAsOf ?? 'an unknown date'} from ${who.dpfSource}`;
  return `Server in ${where ?? 'the United States'}; ${role} ${who.name ?? 'unknown'} is certified under the EU-US Data Privacy Framework (adequacy decision 2023/1795)${basis}`;
}

/** "vendor-x.example (owner unknown)" for an unknown recipient, else its name. */
function recipientText(r: RiskRecipient | null): string {
  return r === null ? 'the recipient' : recipientName(r, 'an unknown organisation');
}

function hqReason(role: string, name: string, hq: string, asOf: string | undefined): string | null {
  if (inEea(hq, asOf)) return null;
  const foreign = !adequateCountry(hq, asOf);
  return `${role} ${name} is headquartered in ${countryName(hq)}${foreign ? ` (${hq} law may reach data held in the EU)` : ''}`;
}

export function assessRisk(input: RiskInput): RiskResult {
  const reasons: string[] = [];
  const where = input.country ? countryName(input.country) : null;
  const op = input.operator ?? null;
  // Without a recipient given, the operator stands for it (and is named "operator" in the reasons).
  const given = input.recipient !== undefined;
  const rcp: RiskRecipient | null = given ? (input.recipient ?? null) : op;
  const role = given ? 'recipient' : 'operator';
  const who = recipientText(rcp);
  const us = input.country?.toUpperCase() === 'US';
  let rowKey: keyof typeof RISK_TABLE;
  let hostNote: string | null = null;
  switch (input.transfer) {
    case 'none':
      rowKey = 'none';
      reasons.push('Destination is on the local network: no transfer');
      break;
    case 'eea':
      rowKey = 'eea';
      reasons.push(`Server in ${where ?? 'the EEA'} (EEA: no transfer to a third country)`);
      break;
    case 'adequate':
      // The US is adequate only through the recipient's DPF certification: say so, and on what it rests.
      if (us && rcp?.dpfCertified === true) {
        rowKey = 'certified';
        reasons.push(certifiedReason(where, role, rcp));
      } else {
        rowKey = 'adequate';
        reasons.push(`Server in ${where ?? 'a country'} (covered by an EU adequacy decision, GDPR Art. 45)`);
      }
      break;
    case 'adequate-if-certified':
      if (rcp?.dpfCertified === true) {
        rowKey = 'certified';
        reasons.push(certifiedReason(where, role, rcp));
      } else if (rcp?.dpfCertified === false) {
        rowKey = 'not-certified';
        reasons.push(
          `Server in ${where ?? 'the United States'} (third country, no adequacy decision for this ${role}: ${who} is not certified under the EU-US Data Privacy Framework)`,
        );
      } else {
        rowKey = 'certification-unknown';
        reasons.push(
          `Server in ${where ?? 'the United States'} (adequate only for ${role}s certified under the EU-US Data Privacy Framework; certification of ${who} not known)`,
        );
        // The host's certification covers the host's own processing, not what its tenants receive (said after
        // the personal-data reasons, so a short list still shows those).
        if (given && op?.dpfCertified === true && rcp?.name !== op.name)
          hostNote = `The host ${op.name} is certified under the EU-US Data Privacy Framework, which covers its own processing, not its tenants': it does not make the transfer to ${who} adequate`;
      }
      break;
    case 'third-country':
      rowKey = 'third-country';
      reasons.push(
        us && input.dpf === 'ignore'
          ? `Server in ${where ?? 'the United States'} (judged as a third country: the EU-US Data Privacy Framework is not relied on, --dpf ignore)`
          : `Server in ${where ?? 'a third country'} (third country, no adequacy decision)`,
      );
      break;
    default:
      rowKey = 'unknown';
      reasons.push('Server location unknown: a transfer outside the EEA cannot be ruled out');
  }
  let risk: Risk = RISK_TABLE[rowKey][input.personalData];

  // Set before the catalog and HQ reasons, so a short list of reasons (the terminal's) still shows why.
  const observed = input.personalData === 'observed' && input.transfer !== 'none';
  const inClear = observed && input.personalDataInClear === true;
  const outside =
    input.transfer === 'third-country' || input.transfer === 'unknown' || input.transfer === 'adequate-if-certified';
  const nobody = observed && given && outside && rcp?.name == null;
  if (input.transfer !== 'none') {
    reasons.push(personalDataReason(input));
    if (inClear)
      reasons.push(
        'Personal data was sent in plaintext (no TLS): anyone on the path can read it, wherever it goes (GDPR Art. 32)',
      );
    if (nobody) reasons.push(`Personal data observed going to ${who}, outside the EEA: nobody can say who holds it`);
    if (hostNote !== null) reasons.push(hostNote);
    if (input.rule) {
      reasons.push(
        `Endpoint is ${input.rule.product} of ${input.rule.vendor} (catalog rule ${input.rule.id}, source ${input.rule.source})`,
      );
    } else if (!input.known) {
      reasons.push('Endpoint is not in the catalog: its purpose and data are not known');
    }
  }

  // Whose laws reach the data: the recipient's HQ and the host's, each a reason of its own.
  let foreignHq = false;
  if (input.transfer !== 'none') {
    const parties: [string, string, string | null][] = [];
    if (given && rcp !== null && rcp.name !== null) parties.push(['Recipient', rcp.name, rcp.hqCountry]);
    if (op !== null) parties.push([given ? 'Host' : 'Operator', op.name, op.hqCountry]);
    for (const [label, name, country] of parties) {
      const hq = country?.toUpperCase() ?? null;
      if (hq === null) continue;
      const reason = hqReason(label, name, hq, input.asOf);
      if (reason !== null) reasons.push(reason);
      if (!inEea(hq, input.asOf) && !adequateCountry(hq, input.asOf)) foreignHq = true;
    }
  }
  if ((rowKey === 'eea' || rowKey === 'adequate' || rowKey === 'certified') && foreignHq) {
    if (input.personalData === 'observed' || input.personalData === 'likely') risk = atLeast(risk, 'medium');
  }
  const outsideOrUnknown =
    rowKey === 'third-country' ||
    rowKey === 'unknown' ||
    rowKey === 'not-certified' ||
    rowKey === 'certification-unknown';
  if (!input.known && outsideOrUnknown && ORDER.indexOf(risk) < ORDER.indexOf('medium')) {
    risk = 'medium';
    reasons.push('Unknown endpoint outside the EEA: rated at least medium until its purpose is known');
  }
  // Adjustments 3 and 4 (their reasons were given with the personal data above).
  if (inClear || nobody) risk = 'high';
  return { risk, reasons, policy: policyOutcome(input) };
}

function personalDataReason(input: RiskInput): string {
  switch (input.personalData) {
    case 'observed':
      return `Personal data observed in the traffic${input.observedKinds?.length ? ` (${input.observedKinds.join(', ')})` : ''}`;
    case 'likely':
      return 'The catalog rates personal data beyond the IP address as likely for this endpoint';
    case 'possible':
      return 'The catalog rates personal data beyond the IP address as possible for this endpoint';
    case 'unlikely':
      return 'The client IP address alone is personal data (CJEU C-582/14 Breyer); nothing more is expected';
    default:
      return 'The client IP address alone is personal data (CJEU C-582/14 Breyer); what else is sent is not known';
  }
}

function policyOutcome(input: RiskInput): PolicyOutcome {
  const { policy } = input;
  const ignored = policy.ignored ?? [];
  if ((input.rule && ignored.includes(input.rule.id)) || (input.category && ignored.includes(input.category)))
    return 'ignored';
  if (input.transfer === 'none') return 'n/a';
  const countries = policy.allowedCountries?.map((c) => c.toUpperCase());
  const operators = policy.allowedOperators?.map((o) => o.toLowerCase());
  if (countries === undefined && operators === undefined) return 'n/a';
  if (input.country && countries?.includes(input.country.toUpperCase())) return 'allowed';
  if (input.operator && operators?.includes(input.operator.name.toLowerCase())) return 'allowed';
  const recipient = input.recipient?.name;
  if (recipient != null && operators?.includes(recipient.toLowerCase())) return 'allowed';
  return 'violation';
}
