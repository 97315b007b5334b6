/** The per-group decision in the audit is the one `rules test` shows: sibling categories included. */
import { describe, expect, it } from 'vitest';
import { groupRecipient } from '../../src/audit/destination-recipient.js';
import { Catalog } from '../../src/enrich/catalog/catalog.js';
import { DomainOwners } from '../../src/enrich/owners/domain-owners.js';
import type { FlowRecord } from '../../src/flows/flow-record.js';
import { rule } from '../fixtures/catalog-rule.js';
import { grouperFactory } from './grouper-factory.js';

describe('groupRecipient', () => {
  it('gives a name no rule matches the category its catalogued siblings share, as rules test does', async () => {
    const siblings = ['p01', 'p02', 'p03', 'p04'].map((p) =>
      rule(`upd.${p}`, { names: [`${p}.upd.vendor.example`] }, { vendor: 'Vendor', category: 'update' }),
    );
    const catalog = Catalog.fromCatalogs([
      { file: 't.json', catalog: { catalogVersion: 't', updated: '2026-11-29', rules: siblings } },
    ]);
    const grouper = (await grouperFactory())(catalog);
    const flow: FlowRecord = {
      proto: 'tcp',
      ipProto: 6,
      client: '192.168.1.10',
      clientPort: 50000,
      server: '8.8.8.8',
      serverPort: 443,
      firstSeen: '2026-03-02T08:00:00.000000Z',
      lastSeen: '2026-03-02T08:00:01.000000Z',
      packetsOut: 1,
      packetsIn: 1,
      bytesOut: 1,
      bytesIn: 1,
      rttMs: null,
      tcpFlags: 'S',
      endReason: 'fin',
      tunnelDepth: 0,
      names: [{ name: 'p17.upd.vendor.example', via: 'sni', frame: 1 }],
      source: { file: 'a.pcap', firstFrame: 1 },
    };
    grouper.add(flow);
    const [g] = [...grouper.groups.values()];
    if (g === undefined) throw new Error('one group');
    const ctx = { owners: new DomainOwners({ updated: '', owners: [] }), asOf: '2026-11-29', dpf: 'rely' as const };
    expect(groupRecipient(g, { ...ctx, catalog }).decision).toMatchObject({
      category: 'update',
      categoryBasis: 'sibling-rules',
    });
    expect(groupRecipient(g, ctx).decision.categoryBasis).not.toBe('sibling-rules');
  });
});
