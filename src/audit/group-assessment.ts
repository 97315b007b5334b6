/**
 * Per destination group: what its names say (the endpoint decision and the region hints), who receives the data,
 * the transfer judged on that recipient, and the risk with its reasons. Each step is remembered on exactly what
 * it reads, so a report of many groups computes it once per distinct answer, and groups with the same answer
 * share its objects and strings: 65,799 groups of the benchmark have 769 distinct lists of reasons and 8,845
 * distinct recipients. Shared values are read-only (the report model is never changed in place: --pseudonymize
 * and --baseline work on copies).
 */

import { observedInClear, personalDataKinds, personalDataLevel } from '../assess/personal-data.js';
import { assessRisk, type RiskPolicy } from '../assess/risk.js';
import type { PersonalData, PolicyOutcome, Risk } from '../core/assessment-vocabulary.js';
import { flatString } from '../core/flat-string.js';
import { decideEndpoint, type EndpointDecision } from '../enrich/catalog/endpoint-decision.js';
import type { CatalogMatch, CatalogRule } from '../enrich/catalog/types.js';
import { registrableDomain } from '../enrich/owners/domain-owners.js';
import { recipientName } from '../enrich/recipient/recipient.js';
import type { Operator, Recipient, Transfer } from '../report/model.js';
import type { DestinationFacts } from './destination-facts.js';
import {
  decideOptions,
  endpointNames,
  type RecipientContext,
  recipientOf,
  transferTo,
} from './destination-recipient.js';
import type { GroupAccumulator } from './group-flows.js';
import type { LocationEvidence } from './location-evidence.js';

/** What a group's names (and its best match) decide, whatever the address: shared by groups with the same names. */
export interface NamesVerdict {
  decision: EndpointDecision;
  /** The registrable domain of the best name (null without one). */
  domain: string | null;
  /** Region hints in the names and their CNAME chains (location-evidence.ts). */
  regionHints: readonly string[];
}

/**
 * The assessment of one group (its endpoint decision is in its NamesVerdict). Arrays are shared between groups:
 * copy before changing.
 */
export interface GroupVerdict {
  recipient: Recipient;
  transfer: Transfer;
  personalData: PersonalData;
  personalDataKinds: readonly string[];
  risk: Risk;
  reasons: readonly string[];
  policy: PolicyOutcome;
  /** The summary of the recipient evidence item (who, on what basis, hosted by whom and where). */
  recipientSummary: string;
}

/**
 * A group's names as one string that tells apart every different list: each name and CNAME chain entry is
 * written with its length before it, so no content can imitate a boundary. The flag says whether the group has
 * a best name (a group started by an unnamed flow has none, even if a later flow of it named the address).
 */
function namesSignature(g: GroupAccumulator): string {
  let sig = g.bestName === null ? '0' : '1';
  for (const n of g.names.values()) {
    sig += `${n.name.length}:${n.name}`;
    if (n.cnameChain !== undefined) {
      sig += `>${n.cnameChain.length}`;
      for (const c of n.cnameChain) sig += `${c.length}:${c}`;
    }
    sig += ';';
  }
  return sig;
}

/** A text or null, written so that no two values give the same text. */
function part(s: string | null): string {
  return s === null ? '-' : `${s.length}:${s}`;
}

/** The value under `a` then `b`, made by `make` the first time. */
function memo2<A, B, V>(memo: Map<A, Map<B, V>>, a: A, b: B, make: () => V): V {
  let inner = memo.get(a);
  if (inner === undefined) {
    inner = new Map();
    memo.set(a, inner);
  }
  let v = inner.get(b);
  if (v === undefined) {
    v = make();
    inner.set(b, v);
  }
  return v;
}

export class GroupAssessor {
  /** Per best match: groups of one name without a CNAME chain by that name, the others by namesSignature. */
  readonly #singleNames = new Map<CatalogMatch | null, Map<string, NamesVerdict>>();
  readonly #names = new Map<CatalogMatch | null, Map<string, NamesVerdict>>();
  /** Recipients by value: groups that resolve to equal recipients share one object. */
  readonly #recipients = new Map<string, Recipient>();
  /** Recipients of local and special addresses, by scope label; of unnamed public groups, by decision and host. */
  readonly #localRecipients = new Map<string, Recipient>();
  readonly #unnamedRecipients = new Map<EndpointDecision, Map<Operator | null, Recipient>>();
  /** Recipients of named public groups whose names give no vendor, without a certificate: by host and domain. */
  readonly #plainRecipients = new Map<Operator | null, Map<string | null, Recipient>>();
  readonly #verdicts = new Map<string, GroupVerdict>();
  readonly #transfers = new Map<string, Transfer>();
  /** Small numbers standing for objects in memo keys (recipients, hosts, rules). */
  readonly #ids = new Map<object, number>();

  constructor(
    readonly recipients: RecipientContext,
    readonly policy: RiskPolicy,
    readonly location: LocationEvidence,
  ) {}

  #id(o: object | null): number {
    if (o === null) return 0;
    let id = this.#ids.get(o);
    if (id === undefined) {
      id = this.#ids.size + 1;
      this.#ids.set(o, id);
    }
    return id;
  }

  /** The endpoint decision and region hints of the group's names, computed once per distinct names and match. */
  names(g: GroupAccumulator): NamesVerdict {
    // Most groups have one name and no chain: keyed by the name itself (whose hash the grouper's map already
    // computed), apart from the signatures of the others.
    const [only, more] = g.names.values();
    const single = g.bestName !== null && only !== undefined && more === undefined && only.cnameChain === undefined;
    const memo = single ? this.#singleNames : this.#names;
    let byNames = memo.get(g.match);
    if (byNames === undefined) {
      byNames = new Map();
      memo.set(g.match, byNames);
    }
    const key = single ? only.name : namesSignature(g);
    let verdict = byNames.get(key);
    if (verdict === undefined) {
      const chainNames: string[] = [];
      for (const n of g.names.values()) {
        chainNames.push(n.name);
        if (n.cnameChain !== undefined) for (const c of n.cnameChain) chainNames.push(c);
      }
      const ctx = this.recipients;
      verdict = {
        decision: decideEndpoint(g.match, endpointNames(g), ctx.owners, decideOptions(ctx)),
        domain: g.bestName === null ? null : registrableDomain(g.bestName),
        regionHints: this.location.regionHints(chainNames),
      };
      // Kept for the run: a signature spelt by concatenation is kept flat (core/flat-string.ts).
      byNames.set(single ? key : flatString(key), verdict);
    }
    return verdict;
  }

  /** The recipient, transfer and risk of the group. */
  assess(g: GroupAccumulator, names: NamesVerdict): GroupVerdict {
    const f = g.facts;
    const decision = names.decision;
    const rule = g.match?.rule ?? null;
    const recipient = this.#recipient(g, names);
    const transfer = this.#transfer(f, recipient);
    // Findings make the assessment the group's own (their kinds and fields are in the reasons): not remembered.
    if (g.pii.length > 0) return this.#verdict(g, decision, rule, recipient, transfer);
    const key = `${this.#id(recipient)},${this.#id(f.operator)},${this.#id(rule)},${transfer},${f.scope},${part(f.country)}${part(decision.category)}`;
    let verdict = this.#verdicts.get(key);
    if (verdict === undefined) {
      verdict = this.#verdict(g, decision, rule, recipient, transfer);
      this.#verdicts.set(flatString(key), verdict);
    }
    return verdict;
  }

  /** transferTo, remembered per recipient, host and country (what it reads of a public address's facts). */
  #transfer(f: DestinationFacts, recipient: Recipient): Transfer {
    if (f.scope !== 'public') return transferTo(f, recipient, this.recipients).status;
    const key = `${this.#id(recipient)},${this.#id(f.operator)},${part(f.country)}`;
    let t = this.#transfers.get(key);
    if (t === undefined) {
      t = transferTo(f, recipient, this.recipients).status;
      this.#transfers.set(flatString(key), t);
    }
    return t;
  }

  /**
   * recipientOf, remembered where it reads little: a local or special address's recipient follows from its scope
   * label alone, and a public one's without a name or certificate from the endpoint decision and the host alone
   * (resolveRecipient). Most groups of a perimeter log are the latter: one look-up instead of a recipient, its
   * evidence text and its key per group.
   */
  #recipient(g: GroupAccumulator, names: NamesVerdict): Recipient {
    const f = g.facts;
    const resolve = (): Recipient =>
      this.#sharedRecipient(recipientOf(g, this.recipients, names.decision, names.domain));
    if (f.scope !== 'public') {
      let r = this.#localRecipients.get(f.scopeLabel);
      if (r === undefined) {
        r = resolve();
        this.#localRecipients.set(f.scopeLabel, r);
      }
      return r;
    }
    // Named, but no rule or owner names a vendor and no certificate was seen: resolveRecipient then reads only the
    // host (a first-party network, or "unknown" with the host in its evidence) and the domain.
    if (g.certificate === null && g.bestName !== null && names.decision.vendor === null)
      return memo2(this.#plainRecipients, f.operator, names.domain, resolve);
    if (g.bestName !== null || g.certificate !== null) return resolve();
    return memo2(this.#unnamedRecipients, names.decision, f.operator, resolve);
  }

  #sharedRecipient(r: Recipient): Recipient {
    // Every field, each told apart from the next (a JSON text of the object cost twice as much).
    const key = `${part(r.name)}${part(r.domain)}${r.basis},${r.strength},${part(r.evidence)}${part(r.hqCountry)}${r.dpfCertified},${part(r.dpfAsOf)}${r.dpfSource === undefined ? '!' : part(r.dpfSource)}`;
    const known = this.#recipients.get(key);
    if (known !== undefined) return known;
    // Kept for the run and shared by many groups: its key and its evidence text flat (core/flat-string.ts).
    const kept = { ...r, evidence: flatString(r.evidence) };
    this.#recipients.set(flatString(key), kept);
    return kept;
  }

  /** Reads only what the memo key of `assess` holds when the group has no findings. */
  #verdict(
    g: GroupAccumulator,
    decision: EndpointDecision,
    rule: CatalogRule | null,
    recipient: Recipient,
    transfer: Transfer,
  ): GroupVerdict {
    const f = g.facts;
    const ctx = this.recipients;
    const personalData = personalDataLevel(g.pii, rule?.personalData.rating ?? null);
    const assessment = assessRisk({
      transfer,
      personalData,
      category: decision.category,
      recipient,
      personalDataInClear: observedInClear(g.pii),
      asOf: ctx.asOf,
      dpf: ctx.dpf,
      operator:
        f.operator === null
          ? null
          : {
              name: f.operator.name,
              hqCountry: f.operator.hqCountry,
              dpfCertified: f.operator.dpfCertified,
              dpfAsOf: f.operator.dpfAsOf,
              ...(f.operator.dpfSource === undefined ? {} : { dpfSource: f.operator.dpfSource }),
            },
      known: rule !== null,
      rule: rule === null ? null : { id: rule.id, product: rule.product, vendor: rule.vendor, source: rule.source },
      observedKinds: [...new Set(g.pii.map((p) => p.kind))],
      policy: this.policy,
      country: f.country,
    });
    return {
      recipient,
      transfer,
      personalData,
      personalDataKinds: personalDataKinds(g.pii, rule?.personalData.kinds ?? []),
      risk: assessment.risk,
      // Remembered for the run (assess): flat, not the ropes their templates made (core/flat-string.ts).
      reasons: assessment.reasons.map(flatString),
      policy: assessment.policy,
      recipientSummary: flatString(recipientSummary(recipient, f.operator, f.country)),
    };
  }
}

/** The recipient evidence item's words: who, on what basis and how strong, beside the host. */
function recipientSummary(r: Recipient, host: Operator | null, country: string | null): string {
  const hostText =
    host === null
      ? 'host unknown'
      : `hosted by ${host.name}${host.asn === null ? '' : ` (AS${host.asn})`}${country === null ? '' : `, server in ${country}`}`;
  return `Recipient ${recipientName(r)} (${r.basis}, ${r.strength}): ${r.evidence}; ${hostText}`;
}
