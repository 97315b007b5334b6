/**
 * Risk of one destination: where the server is (transfer) × how likely personal data beyond the IP address
 * travels (personal data), then adjusted for who operates it. Pure; every reason is a sentence a DPO can read.
 *
 * Base table (rows: transfer; columns: personal data)
 *
 *   transfer \ data         observed  likely  possible  unlikely  unknown
 *   none (local network)    none      none    none      none      none
 *   eea                     low       low     low       low       low
 *   adequate                low       low     low       low       low
 *   adequate-if-certified   → the operator's DPF certification decides:
 *     certified             low       low     low       low       low     (as adequate)
 *     not certified         high      high    medium    low       medium  (as third-country)
 *     not known             high      medium  medium    low       medium
 *   third-country           high      high    medium    low       medium
 *   unknown (no location)   high      medium  medium    low       medium
 *
 * Adjustments, in order:
 *   1. eea/adequate/certified server, operator headquartered outside the EEA and not in an adequate country
 *      (e.g. a US company): observed/likely → medium (Schrems II, C-311/18: US law reaches data held in the
 *      EU; a certified US operator's US server is judged no better than its EU one).
 *   2. An endpoint the catalog does not know, outside the EEA or of unknown location (third-country,
 *      unknown, adequate-if-certified without certification): never below medium.
 * Policy: "ignored" when the rule id or category is in policy.ignored; else "allowed" when the country or
 * operator is on an allow list; "violation" when an allow list exists and neither matches; "n/a" without lists
 * or for local traffic. Policy never changes the risk: an audit sees both.
 */
import type { PersonalData, PolicyOutcome, Risk, Transfer } from '../report/model.js';
import { ADEQUATE_COUNTRIES, countryName, EEA_COUNTRIES } from './countries.js';

export interface RiskOperator {
  name: string;
  hqCountry: string | null;
  dpfCertified?: boolean | null;
  dpfAsOf?: string | null;
  /** What the DPF status rests on (the list, or a company statement): quoted in the reason. */
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
  operator?: RiskOperator | null;
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

function certifiedReason(where: string | null, op: RiskOperator): string {
  const basis =
    op.dpfSource === undefined ? '' : `, as recorded on ${op.dpfAsOf ?? 'an unknown date'} from ${op.dpfSource}`;
  return `Server in ${where ?? 'the United States'}; operator ${op.name} is certified under the EU-US Data Privacy Framework (adequacy decision 2023/1795)${basis}`;
}

export function assessRisk(input: RiskInput): RiskResult {
  const reasons: string[] = [];
  const where = input.country ? countryName(input.country) : null;
  const op = input.operator ?? null;
  let rowKey: keyof typeof RISK_TABLE;
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
      // The US is adequate only through the operator's DPF certification: say so, and on what it rests.
      if (input.country?.toUpperCase() === 'US' && op?.dpfCertified === true) {
        rowKey = 'certified';
        reasons.push(certifiedReason(where, op));
      } else {
        rowKey = 'adequate';
        reasons.push(`Server in ${where ?? 'a country'} (covered by an EU adequacy decision, GDPR Art. 45)`);
      }
      break;
    case 'adequate-if-certified':
      if (op?.dpfCertified === true) {
        rowKey = 'certified';
        reasons.push(certifiedReason(where, op));
      } else if (op?.dpfCertified === false) {
        rowKey = 'not-certified';
        reasons.push(
          `Server in ${where ?? 'the United States'} (third country, no adequacy decision for this operator: ${op.name} is not certified under the EU-US Data Privacy Framework)`,
        );
      } else {
        rowKey = 'certification-unknown';
        reasons.push(
          `Server in ${where ?? 'the United States'} (adequate only for operators certified under the EU-US Data Privacy Framework; certification of ${op?.name ?? 'the operator'} not known)`,
        );
      }
      break;
    case 'third-country':
      rowKey = 'third-country';
      reasons.push(`Server in ${where ?? 'a third country'} (third country, no adequacy decision)`);
      break;
    default:
      rowKey = 'unknown';
      reasons.push('Server location unknown: a transfer outside the EEA cannot be ruled out');
  }
  let risk: Risk = RISK_TABLE[rowKey][input.personalData];

  if (input.transfer !== 'none') {
    reasons.push(personalDataReason(input));
    if (input.rule) {
      reasons.push(
        `Endpoint is ${input.rule.product} of ${input.rule.vendor} (catalog rule ${input.rule.id}, source ${input.rule.source})`,
      );
    } else if (!input.known) {
      reasons.push('Endpoint is not in the catalog: its purpose and data are not known');
    }
  }

  const hq = op?.hqCountry?.toUpperCase() ?? null;
  const foreignHq = hq !== null && !EEA_COUNTRIES.has(hq) && !ADEQUATE_COUNTRIES.has(hq);
  if (op && hq !== null && input.transfer !== 'none' && !EEA_COUNTRIES.has(hq)) {
    reasons.push(
      `Operator ${op.name} is headquartered in ${countryName(hq)}${foreignHq ? ` (${hq} law may reach data held in the EU)` : ''}`,
    );
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
  return 'violation';
}
