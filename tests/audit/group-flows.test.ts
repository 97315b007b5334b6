/** FlowGrouper: flows → destination groups (one per operator + name + country). */
import { beforeAll, describe, expect, it } from 'vitest';
import { type FlowGrouper, groupKey, MAX_GROUP_CLIENTS } from '../../src/audit/group-flows.js';
import { smallValues } from '../../src/audit/small-set.js';
import { Catalog } from '../../src/enrich/catalog/catalog.js';
import type { FlowRecord } from '../../src/flows/flow-record.js';
import { rule } from '../fixtures/catalog-rule.js';
import { type GrouperFactory, grouperFactory } from './grouper-factory.js';

function flow(server: string, over: Partial<FlowRecord> = {}): FlowRecord {
  return {
    proto: 'tcp',
    ipProto: 6,
    client: '192.168.1.10',
    clientPort: 50000,
    server,
    serverPort: 443,
    firstSeen: '2026-03-02T08:00:00.000000Z',
    lastSeen: '2026-03-02T08:00:01.000000Z',
    packetsOut: 3,
    packetsIn: 2,
    bytesOut: 300,
    bytesIn: 200,
    rttMs: null,
    tcpFlags: 'SA',
    endReason: 'fin',
    tunnelDepth: 0,
    names: [],
    source: { file: 'a.pcap', firstFrame: 1 },
    ...over,
  };
}

let grouper: FlowGrouper;
let newGrouper: GrouperFactory;
beforeAll(async () => {
  newGrouper = await grouperFactory();
  grouper = newGrouper();
});

describe('FlowGrouper handshake lists', () => {
  it("keeps the flows' one shared list while every flow brings it, and their union once another comes", () => {
    const g = newGrouper();
    const name = { name: 'lists.example', via: 'sni' as const, frame: 1 };
    const shared = ['h2', 'http/1.1'];
    g.add(flow('8.8.8.8', { names: [name], alpn: shared, tlsVersions: ['1.3'] }));
    g.add(flow('8.8.8.8', { names: [name], alpn: shared, tlsVersions: ['1.2', '1.3'] }));
    const [one] = g.groups;
    expect(one?.alpn).toBe(shared);
    expect([...(one?.tlsVersions ?? [])]).toEqual(['1.3', '1.2']);
    g.add(flow('8.8.8.8', { names: [name], alpn: ['h3', 'h2'] }));
    expect([...(one?.alpn ?? [])]).toEqual(['h2', 'http/1.1', 'h3']);
  });
});

describe('FlowGrouper', () => {
  it('groups flows by operator, name and country, summing counts and keeping lazily made sets', () => {
    const name = { name: 'example.org', via: 'sni' as const, frame: 1 };
    grouper.add(flow('8.8.8.8', { names: [name] }));
    grouper.add(flow('8.8.4.4', { names: [name], alpn: ['h2'], process: { image: 'chrome.exe' } }));
    grouper.add(flow('9.9.9.9'));
    expect(grouper.groups.length).toBe(2);
    const named = [...grouper.groups.values()].find((g) => g.bestName === 'example.org');
    expect(named?.flows).toBe(2);
    expect(named?.outBytes).toBe(600);
    expect(smallValues(named?.ips ?? null)).toEqual(['8.8.8.8', '8.8.4.4']);
    expect([...(named?.alpn ?? [])]).toEqual(['h2']);
    expect([...(named?.processes ?? [])]).toEqual(['chrome.exe']);
    const unnamed = [...grouper.groups.values()].find((g) => g.bestName === null);
    expect(unnamed?.alpn).toBeNull();
    expect(unnamed?.tlsVersions).toBeNull();
    expect(unnamed?.processes).toBeNull();
    expect(unnamed?.firstFrame).toBe(1);
    expect(unnamed?.firstLine).toBeUndefined();
  });
});

describe('FlowGrouper.drain', () => {
  it('hands every group over once, in the order made, and forgets them', async () => {
    const g = newGrouper();
    for (const server of ['8.8.8.8', '9.9.9.9', '1.1.1.1', '8.8.8.8']) g.add(flow(server));
    const made = [...g.groups];
    const handed = g.drain();
    expect(handed).toEqual(made);
    expect(handed.map(groupKey)).toEqual([
      'Alphabet Inc. (Google LLC)|8.8.8.8|US',
      'Quad9 Foundation|9.9.9.9|US',
      'Cloudflare, Inc.|1.1.1.1|AU',
    ]);
    expect(g.groups).toHaveLength(0);
    // A flow after the drain makes a new group: the grouper kept none of the old.
    g.add(flow('8.8.8.8'));
    expect(g.groups).toHaveLength(1);
    expect(g.groups[0]).not.toBe(handed[0]);
  });
});

describe('the group best match', () => {
  it('ranks whose name matched first, as matchFlow does: an asked-name suffix rule over a CNAME-chain exact rule', async () => {
    const catalog = Catalog.fromCatalogs([
      {
        file: 'test.json',
        catalog: {
          catalogVersion: 't',
          updated: '2026-11-29',
          rules: [
            rule('vendor.asked', { suffixes: ['*.vendor.example'] }, { vendor: 'Vendor' }),
            rule('cdn.chain', { names: ['edge.cdn.example'] }, { vendor: 'CDN' }),
          ],
        },
      },
    ]);
    const g = newGrouper(catalog);
    const app = { name: 'app.example', via: 'sni' as const, frame: 1 };
    // Two flows of one group (same best name): one names the vendor's host too, the other only a CNAME chain.
    g.add(flow('8.8.8.8', { names: [app, { name: 'api.vendor.example', via: 'dns', frame: 1 }] }));
    g.add(flow('8.8.8.8', { names: [{ ...app, cnameChain: ['edge.cdn.example'] }] }));
    const [group] = [...g.groups.values()];
    expect(g.groups.length).toBe(1);
    expect(group?.match?.rule.id).toBe('vendor.asked');
    expect(group?.match?.via).toBe('name');
  });
});

describe('the range match of unnamed flows', () => {
  function rangeCatalog(ports?: number[]): Catalog {
    return Catalog.fromCatalogs([
      {
        file: 'test.json',
        catalog: {
          catalogVersion: 't',
          updated: '2026-11-29',
          rules: [rule('range.only', { cidrs: ['8.8.8.0/24'], ...(ports === undefined ? {} : { ports }) })],
        },
      },
    ]);
  }

  it('is matched once per group when no range rule is limited to ports, with the same best match', () => {
    const catalog = rangeCatalog();
    expect(catalog.rangeMatchUsesPort).toBe(false);
    const g = newGrouper(catalog);
    for (const port of [80, 443, 8080]) g.add(flow('8.8.8.8', { serverPort: port }));
    g.add(flow('9.9.9.9'));
    const byIp = new Map(g.groups.map((x) => [x.firstIp, x]));
    expect(byIp.get('8.8.8.8')?.match?.rule.id).toBe('range.only');
    expect(byIp.get('9.9.9.9')?.match).toBeNull();
  });

  it("is matched for every flow when a range rule is limited to ports: a later flow's port can match", () => {
    const catalog = rangeCatalog([443]);
    expect(catalog.rangeMatchUsesPort).toBe(true);
    const g = newGrouper(catalog);
    // The group is made by a flow the port-limited rule does not match; the next flow's port matches it.
    g.add(flow('8.8.8.8', { serverPort: 80 }));
    g.add(flow('8.8.8.8', { serverPort: 443 }));
    expect(g.groups.length).toBe(1);
    expect(g.groups[0]?.match?.rule.id).toBe('range.only');
  });

  it('is matched again for an unnamed flow joining a group made by a named one', () => {
    const catalog = rangeCatalog();
    const g = newGrouper(catalog);
    // A name that spells the address (an HTTP Host given as an address) keys the group as the address does.
    g.add(flow('8.8.8.8', { names: [{ name: '8.8.8.8', via: 'http-host', frame: 1 }] }));
    g.add(flow('8.8.8.8'));
    expect(g.groups.length).toBe(1);
    expect(g.groups[0]?.match?.rule.id).toBe('range.only');
  });
});

describe("the run's clients", () => {
  it('counts every client once, also past the bound of a group and across groups', () => {
    const g = newGrouper();
    const clients = MAX_GROUP_CLIENTS + 40;
    // Twice over: the second round's clients are all known to the run (some held by the group, some not).
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < clients; i++) g.add(flow('8.8.8.8', { client: `10.0.${i >> 8}.${i & 255}` }));
    }
    // A second group seeing some of the same clients and one new one.
    g.add(flow('9.9.9.9', { client: '10.0.0.1' }));
    g.add(flow('9.9.9.9', { client: '10.9.9.9' }));
    g.add(flow('9.9.9.9', { client: '10.0.1.39' }));
    expect(g.clients.size).toBe(clients + 1);
    const first = g.groups.find((x) => x.firstIp === '8.8.8.8');
    expect(smallValues(first?.clients ?? null).length).toBe(MAX_GROUP_CLIENTS);
  });
});

describe('the time the grouper spends (--timings)', () => {
  it('is estimated from a sample of the flows: some time in all, enrichment a part of it', () => {
    const g = newGrouper();
    for (let i = 0; i < 4_000; i++) g.add(flow(`8.8.${(i >> 8) & 255}.${i & 255}`, { serverPort: 1000 + (i % 50) }));
    expect(g.addMs).toBeGreaterThan(0);
    expect(g.enrichMs).toBeGreaterThan(0);
    expect(g.enrichMs).toBeLessThanOrEqual(g.addMs);
  });
});
