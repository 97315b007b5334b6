/**
 * Per destination group: what its names say about the endpoint (decideEndpoint), who receives the data (the
 * recipient) and the transfer status judged on that recipient. The per-address facts (destination-facts.ts)
 * stay those of the host; this is per group and cheap (one decision, one table look-up per group).
 */
import type { Catalog } from '../enrich/catalog/catalog.js';
import {
  type DecideOptions,
  decideEndpoint,
  type EndpointDecision,
  type EndpointName,
} from '../enrich/catalog/endpoint-decision.js';
import { type DpfMode, recipientTransfer } from '../enrich/jurisdiction/recipient-transfer.js';
import { DomainOwners } from '../enrich/owners/domain-owners.js';
import { type RecipientInput, resolveRecipient } from '../enrich/recipient/resolve-recipient.js';
import type { Recipient, Transfer } from '../report/model.js';
import type { DestinationFacts } from './destination-facts.js';
import type { GroupAccumulator } from './group-flows.js';

export interface RecipientContext {
  owners: DomainOwners;
  /**
   * The run's catalog, for the category all catalogued sibling names share when no rule matched (as `rules test`
   * and the validation decide it); absent: no sibling categories.
   */
  catalog?: Pick<Catalog, 'siblingCategory'>;
  /** YYYY-MM-DD the DPF facts and adequacy decisions are judged on. */
  asOf: string;
  dpf: DpfMode;
}

/** No owner table, today, relying on the DPF: for callers (tests, tools) that give no context. */
export function defaultRecipientContext(): RecipientContext {
  return {
    owners: new DomainOwners({ updated: '', owners: [] }),
    asOf: new Date().toISOString().slice(0, 10),
    dpf: 'rely',
  };
}

export interface GroupRecipient {
  decision: EndpointDecision;
  recipient: Recipient;
  transfer: Transfer;
  transferReason: string;
}

/** A group's endpoint decision and the registrable domain of its best name, when the caller has them already. */
export interface NamesDecided {
  decision: EndpointDecision;
  domain: string | null;
}

export function groupRecipient(g: GroupAccumulator, ctx: RecipientContext, known?: NamesDecided): GroupRecipient {
  const decision = known?.decision ?? decideEndpoint(g.match, endpointNames(g), ctx.owners, decideOptions(ctx));
  const recipient = recipientOf(g, ctx, decision, known?.domain);
  const t = transferTo(g.facts, recipient, ctx);
  return { decision, recipient, transfer: t.status, transferReason: t.reason };
}

/**
 * Who receives the group's data. `domain`: registrableDomain of the best name, when the caller has it already.
 * Local and special addresses have no recipient outside the site, and no domain either: an internal name must
 * not reach the report through it (--pseudonymize replaces only names and addresses).
 */
export function recipientOf(
  g: GroupAccumulator,
  ctx: RecipientContext,
  decision: EndpointDecision,
  domain?: string | null,
): Recipient {
  const f = g.facts;
  if (f.scope !== 'public') {
    return {
      name: null,
      domain: null,
      basis: 'unknown',
      strength: 'weak',
      evidence: `${f.scopeLabel}: the traffic does not leave the site, so there is no recipient outside it`,
      hqCountry: null,
      dpfCertified: null,
      dpfAsOf: null,
    };
  }
  const input: RecipientInput = {
    decision,
    bestName: g.bestName,
    certificate: g.certificate,
    host: f.operator,
    asOf: ctx.asOf,
  };
  if (domain !== undefined) input.domain = domain;
  return resolveRecipient(input);
}

/**
 * The transfer judged on the recipient; local and special addresses keep their facts' (nothing is transferred to
 * anyone). Reads the facts' scope, country and host, and for local and special ones their transfer.
 */
export function transferTo(f: DestinationFacts, recipient: Recipient, ctx: RecipientContext): TransferAssessmentLike {
  if (f.scope !== 'public') return { status: f.transfer, reason: f.transferReason };
  return recipientTransfer({ country: f.country, recipient, host: f.operator, asOf: ctx.asOf, dpf: ctx.dpf });
}

export interface TransferAssessmentLike {
  status: Transfer;
  reason: string;
}

/** The group's names as decideEndpoint reads them, in the order seen. */
export function endpointNames(g: GroupAccumulator): EndpointName[] {
  const names: EndpointName[] = [];
  for (const n of g.names.values())
    names.push(n.cnameChain === undefined ? { name: n.name } : { name: n.name, cnameChain: n.cnameChain });
  return names;
}

export function decideOptions(ctx: RecipientContext): DecideOptions {
  return ctx.catalog === undefined ? {} : { catalog: ctx.catalog };
}
