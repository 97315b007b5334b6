/**
 * Network Monitor and pktmon ETL captures through the real CLI, built by the project's writers: the same traffic
 * as a pcap gives the same flows, and pktmon's several appearances of one packet count once.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TcpConversation } from '../../src/writer/conversation.js';
import { writeEtl } from '../../src/writer/etl-writer.js';
import { writeNetmon } from '../../src/writer/netmon-writer.js';
import { writePcap } from '../../src/writer/pcap-writer.js';
import { runCli, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function frames(): { data: Uint8Array; tsMicros: number }[] {
  const out: { data: Uint8Array; tsMicros: number }[] = [];
  const tcp = new TcpConversation((data, tsMicros) => out.push({ data, tsMicros }), {
    client: { ip: '192.168.10.23', port: 50500 },
    server: { ip: '20.42.65.92', port: 80 },
    startMicros: Date.UTC(2026, 10, 2, 9, 0, 0) * 1000,
    rttMicros: 20_000,
  });
  tcp.handshake();
  tcp.clientSends(new Uint8Array(Buffer.from('GET /x HTTP/1.1\r\nHost: v10.events.data.microsoft.com\r\n\r\n')));
  tcp.serverSends(new Uint8Array(Buffer.from('HTTP/1.1 204 No Content\r\n\r\n')));
  tcp.close();
  return out;
}

function flowsOf(file: string): Record<string, unknown>[] {
  const r = runCli(['flows', file, '-f', 'ndjson', '-q']);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const comparable = (f: Record<string, unknown>) => {
  const { source: _source, ...rest } = f;
  return rest;
};

describe('Windows capture formats end to end', () => {
  const pcap = join(tmp.dir, 'same.pcap');
  writeFileSync(pcap, writePcap({ linkType: 1 }, frames()));
  const expected = flowsOf(pcap).map(comparable);

  it('a Network Monitor 2.3 capture gives the flows the pcap gives', () => {
    const cap = join(tmp.dir, 'capture.cap');
    writeFileSync(cap, writeNetmon({ minor: 3 }, frames()));
    const flows = flowsOf(cap);
    expect(flows.map(comparable)).toEqual(expected);
    expect(flows[0]?.source).toMatchObject({ format: 'netmon' });
  });

  it('a pktmon ETL trace counts each packet once, though pktmon logged it at two components', () => {
    const etl = join(tmp.dir, 'PktMon.etl');
    const events = frames().flatMap((f, i) =>
      [0, 1].map((appearance) => ({
        kind: 'pktmon' as const,
        tsMicros: f.tsMicros + appearance,
        data: f.data,
        groupId: 1000 + i,
        pktNumber: 1,
        appearance,
        componentId: 10 + appearance,
      })),
    );
    writeFileSync(etl, writeEtl(events, { compress: true }));
    const flows = flowsOf(etl);
    expect(flows.map(comparable)).toEqual(expected);
    expect(flows[0]?.source).toMatchObject({ format: 'etl' });
  });
});
