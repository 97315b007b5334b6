/**
 * Per destination group: what its names say about the endpoint (decideEndpoint), who receives the data (the
 * recipient) and the transfer status judged on that recipient. The per-address facts (destination-facts.ts)
 * stay those of the host; this is per group and cheap (one decision, one table look-up per group).
 */
import type { Catalog } from '../enrich/catalog/catalog.js';
import { decideEndpoint, type EndpointDecision } from '../enrich/catalog/endpoint-decision.js';
import { type DpfMode, recipientTransfer } from '../enrich/jurisdiction/recipient-transfer.js';
import { DomainOwners } from '../enrich/owners/domain-owners.js';
import { resolveRecipient } from '../enrich/recipient/resolve-recipient.js';
import type { Recipient, Transfer } from '../report/model.js';
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

export function groupRecipient(g: GroupAccumulator, ctx: RecipientContext): GroupRecipient {
  const names = [...g.names.values()].map((n) =>
    n.cnameChain === undefined ? { name: n.name } : { name: n.name, cnameChain: n.cnameChain },
  );
  const decision = decideEndpoint(
    g.match,
    names,
    ctx.owners,
    ctx.catalog === undefined ? {} : { catalog: ctx.catalog },
  );
  const f = g.facts;
  // Local and special addresses keep their facts: nothing is transferred to anyone. No domain either: an
  // internal name must not reach the report through it (--pseudonymize replaces only names and addresses).
  if (f.scope !== 'public') {
    const recipient: Recipient = {
      name: null,
      domain: null,
      basis: 'unknown',
      strength: 'weak',
      evidence: `${f.scopeLabel}: the traffic does not leave the site, so there is no recipient outside it`,
      hqCountry: null,
      dpfCertified: null,
      dpfAsOf: null,
    };
    return { decision, recipient, transfer: f.transfer, transferReason: f.transferReason };
  }
  const recipient = resolveRecipient({
    decision,
    bestName: g.bestName,
    certificate: g.certificate,
    host: f.operator,
    asOf: ctx.asOf,
  });
  const t = recipientTransfer({ country: f.country, recipient, host: f.operator, asOf: ctx.asOf, dpf: ctx.dpf });
  return { decision, recipient, transfer: t.status, transferReason: t.reason };
}
