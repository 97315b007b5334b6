/**
 * DNS over UDP through the whole capture path (pcap → decoder → flow table → namer): query names searched for
 * personal data (each name's findings remembered, every query's frame its own), and queries checked without
 * being read when nobody searches them.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from '../../src/assess/pii/registry.js';
import type { PiiOptions } from '../../src/assess/pii/types.js';
import {
  type FlowNamingState,
  MAX_REMEMBERED_QUERY_NAMES,
  NAMING_START,
  restartNaming,
} from '../../src/flows/flow-namer.js';
import { udpFrame } from '../../src/writer/conversation.js';
import { dnsQuery } from '../../src/writer/dns-message-builder.js';
import { captureFlowsOf, pcapOf } from './capture-helpers.js';

const T0 = Date.UTC(2026, 0, 5, 9) * 1000;
const RESOLVER = { ip: '10.0.0.53', port: 53 };

/** One query per flow (a new client port each), one packet per frame: frame k + 1 carries payloads[k]. */
function run(payloads: Uint8Array[], pii: PiiOptions | null): ReturnType<typeof captureFlowsOf> {
  return captureFlowsOf(
    pcapOf(
      payloads.map((p, k) => [udpFrame({ ip: '10.0.0.5', port: 20000 + (k % 40000) }, RESOLVER, p), T0 + k * 1000]),
    ),
    { pii },
  );
}

describe('DNS query names and personal data', () => {
  const names = ['printer01.local', 'www.example.com', 'dc01.corp', 'fs.gemeente-intern.nl', 'laptop-jan.local'];
  const pii: PiiOptions = { internalSuffixes: ['gemeente-intern.nl'] };

  it('finds in every query what detectPii finds in its name, with that query’s frame, however often it repeats', async () => {
    const asked = Array.from({ length: 30 }, (_, k) => names[k % names.length] as string);
    const { flows } = await run(
      asked.map((n, k) => dnsQuery(k, n)),
      pii,
    );
    expect(flows).toHaveLength(asked.length);
    let found = 0;
    for (const flow of flows) {
      const frame = flow.source.firstFrame ?? 0;
      const expected = detectPii(asked[frame - 1] as string, { field: 'dns.qname', frame }, pii);
      found += expected.length;
      if (expected.length === 0) expect(flow.pii).toBeUndefined();
      else expect(flow.pii).toEqual(expected);
    }
    // The names above hold findings (internal hosts), so the comparison is not vacuous.
    expect(found).toBeGreaterThanOrEqual(12);
  });

  it('stays right past the bound on remembered names (forgotten and found again)', async () => {
    const count = MAX_REMEMBERED_QUERY_NAMES + 50;
    const asked = Array.from({ length: count }, (_, k) => (k % 7 === 0 ? `dc${k}.corp` : `www${k}.example.com`));
    // The first names again, after the memo was cleared.
    for (let k = 0; k < 20; k++) asked.push(asked[k] as string);
    const { flows } = await run(
      asked.map((n, k) => dnsQuery(k & 0xffff, n)),
      pii,
    );
    expect(flows).toHaveLength(asked.length);
    for (const flow of flows) {
      const frame = flow.source.firstFrame ?? 0;
      const expected = detectPii(asked[frame - 1] as string, { field: 'dns.qname', frame }, pii);
      expect(flow.pii ?? []).toEqual(expected);
    }
  });
});

describe('DNS queries nobody searches', () => {
  it('are still checked: a damaged query counts the anomaly the parser names, with and without a search', async () => {
    const damaged = dnsQuery(7, 'www.example.com');
    damaged[12] = 63; // the first label claims 63 bytes: it runs past the message's end
    for (const pii of [null, {}] as const) {
      const { flows, anomalies } = await run([dnsQuery(1, 'www.example.com'), damaged], pii);
      expect(flows).toHaveLength(2);
      expect(anomalies.entries().map((e) => e.reason)).toEqual(['dns-truncated']);
      expect(anomalies.total).toBe(1);
    }
  });
});

describe('naming states', () => {
  it('restarts a used state to exactly the starting state, every field', () => {
    const used: FlowNamingState = {
      ...NAMING_START,
      mode: 'done',
      quicDatagrams: 3,
      httpRequests: 2,
      scanLeft: 5,
      needed: 99,
      waitForLineFeed: true,
      dnsTcpNext: 7,
      serverIsn: 8,
      serverNeeded: 9,
      serverSegmentsLeft: 10,
    };
    for (const key of Object.keys(NAMING_START)) {
      // Every field differs from its start before the restart (so none is left out unseen).
      if (NAMING_START[key as keyof FlowNamingState] === null) (used as unknown as Record<string, unknown>)[key] = {};
      expect(used[key as keyof FlowNamingState]).not.toEqual(NAMING_START[key as keyof FlowNamingState]);
    }
    expect(restartNaming(used)).toEqual(NAMING_START);
    expect(Object.keys(used)).toEqual(Object.keys(NAMING_START));
  });
});
