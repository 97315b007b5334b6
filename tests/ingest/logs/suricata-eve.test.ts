import { describe, expect, it } from 'vitest';
import { hasShared, runLog, sharedFile } from './log-test-helpers.js';

process.env.TZ = 'America/St_Johns';

const ev = (o: object) => JSON.stringify(o);
const EVE = [
  // flow_id beyond 2^53: two ids that collide as doubles must stay apart.
  '{"timestamp":"2024-12-18T19:40:00.000000-0500","flow_id":1234567890123456789,"event_type":"tls","src_ip":"192.168.1.5","src_port":50000,"dest_ip":"93.184.216.34","dest_port":443,"proto":"TCP","tls":{"sni":"Example.COM"}}',
  '{"timestamp":"2024-12-18T19:40:05.000000-0500","flow_id":1234567890123456788,"event_type":"http","src_ip":"192.168.1.5","src_port":50001,"dest_ip":"93.184.216.35","dest_port":80,"proto":"TCP","http":{"hostname":"a.example","url":"\\/p?q=secret","http_method":"GET"}}',
  ev({ timestamp: '2024-12-18T19:35:27.039938-0500', flow_id: 1, event_type: 'stats', stats: {} }),
  '{"timestamp":"2024-12-18T19:41:00.000000-0500","flow_id":1234567890123456789,"event_type":"flow","src_ip":"192.168.1.5","src_port":50000,"dest_ip":"93.184.216.34","dest_port":443,"proto":"TCP","flow":{"pkts_toserver":10,"pkts_toclient":12,"bytes_toserver":1500,"bytes_toclient":9000,"start":"2024-12-18T19:39:59.500000-0500","end":"2024-12-18T19:40:30.000000-0500","state":"closed","reason":"timeout"}}',
  ev({
    timestamp: '2024-12-18T19:39:00.000000+0000',
    event_type: 'dns',
    src_ip: '192.168.1.1',
    src_port: 53,
    dest_ip: '192.168.1.5',
    dest_port: 40000,
    proto: 'UDP',
    dns: {
      version: 2,
      type: 'answer',
      rrname: 'www.example.com',
      answers: [
        { rrname: 'www.example.com', rrtype: 'CNAME', rdata: 'edge.example.net' },
        { rrname: 'edge.example.net', rrtype: 'A', rdata: '93.184.216.34' },
      ],
    },
  }),
  ev({
    timestamp: '2024-12-18T19:42:00.000000-0500',
    flow_id: 7,
    event_type: 'netflow',
    src_ip: 'fe80:0000:0000:0000:ed83:3917:1c6a:b113',
    src_port: 546,
    dest_ip: 'ff02:0000:0000:0000:0000:0000:0001:0002',
    dest_port: 547,
    proto: 'UDP',
    netflow: { pkts: 2, bytes: 200, start: '2024-12-18T19:42:00.000000-0500', end: '2024-12-18T19:42:01.000000-0500' },
  }),
  ev({
    timestamp: '2024-12-18T19:42:00.000000-0500',
    flow_id: 7,
    event_type: 'netflow',
    src_ip: 'ff02::1:2',
    src_port: 547,
    dest_ip: 'fe80::ed83:3917:1c6a:b113',
    dest_port: 546,
    proto: 'UDP',
    netflow: { pkts: 1, bytes: 90, start: '2024-12-18T19:42:00.000000-0500', end: '2024-12-18T19:42:02.000000-0500' },
  }),
  ' {"not":"suricata"}',
  '{broken',
].join('\n');

describe('suricata-eve', () => {
  it('joins by exact flow_id, takes counts from flow events and names from tls/http/dns', async () => {
    const { records, anomalies, format } = await runLog(EVE);
    expect(format?.id).toBe('suricata-eve');
    const tls = records.find((r) => r.serverPort === 443);
    expect(tls).toMatchObject({
      firstSeen: '2024-12-19T00:39:59.500000Z',
      lastSeen: '2024-12-19T00:40:30.000000Z',
      packetsOut: 10,
      bytesIn: 9000,
      endReason: 'timeout',
    });
    expect(tls?.names.map((n) => `${n.via}:${n.name}`)).toEqual(['sni:example.com', 'dns:www.example.com']);
    const http = records.find((r) => r.serverPort === 80);
    expect(http?.http).toEqual({ method: 'GET', path: '/p' });
    expect(http?.names[0]).toMatchObject({ name: 'a.example', via: 'http-host' });
    const dns = records.find((r) => r.serverPort === 53);
    expect(dns).toMatchObject({ client: '192.168.1.5', clientPort: 40000, server: '192.168.1.1' });
    const nf = records.find((r) => r.serverPort === 547);
    expect(nf).toMatchObject({
      client: 'fe80::ed83:3917:1c6a:b113',
      server: 'ff02::1:2',
      bytesOut: 200,
      bytesIn: 90,
      packetsIn: 1,
    });
    expect(anomalies.count('suricata-eve-bad-line')).toBe(1);
    expect(anomalies.count('suricata-eve-event-without-flow')).toBe(2);
  });
});

describe.skipIf(!hasShared('suricata-eve', 'elastic_beats__eve-small.log'))('suricata-eve shared samples', () => {
  it('matches NOTES.md for elastic eve-small', async () => {
    const { records } = await runLog(await sharedFile('suricata-eve', 'elastic_beats__eve-small.log'));
    const byLine = (n: number) => records.find((r) => r.source.line === n);
    expect(byLine(1)).toMatchObject({
      client: '192.168.86.85',
      clientPort: 55406,
      server: '192.168.253.112',
      serverPort: 22,
      firstSeen: '2018-07-05T19:01:09.820360Z',
    });
    expect(byLine(2)).toMatchObject({
      client: '192.168.86.85',
      server: '192.168.156.70',
      serverPort: 443,
      action: 'allowed',
    });
    expect(byLine(5)).toMatchObject({
      client: '192.168.86.85',
      clientPort: 39464,
      server: '192.168.86.1',
      serverPort: 53,
    });
    expect(byLine(7)?.names[0]).toMatchObject({ name: 'p33-btmmdns.icloud.com', via: 'sni' });
    expect(byLine(8)).toMatchObject({ client: 'fe80::fada:cff:fedc:87f1', serverPort: 547, bytesOut: 110 });
  });

  it('matches NOTES.md for the Zeus flows (first 5 flow events)', async () => {
    const { records } = await runLog(await sharedFile('suricata-eve', 'zeyadosamaa_Zeus_Analysis__eve.json'));
    const lines = [14, 77, 131, 153, 174].map((n) => records.find((r) => r.source.line === n));
    expect(lines.map((r) => `${r?.firstSeen} ${r?.client} ${r?.server} ${r?.bytesOut}/${r?.bytesIn}`)).toEqual([
      '2024-12-19T00:35:54.312357Z fe80::ed83:3917:1c6a:b113 ff02::1:2 942/0',
      '2024-12-19T00:36:40.530459Z fe80::870a:159e:acca:1b3 ff02::1:ff00:1 86/0',
      '2024-12-19T00:37:41.531085Z fe80::870a:159e:acca:1b3 ff02::1:ff00:1 86/0',
      '2024-12-19T00:38:46.032633Z fe80::870a:159e:acca:1b3 ff02::1:ff00:1 86/0',
      '2024-12-19T00:36:16.921738Z 192.168.230.133 239.255.255.250 2625/0',
    ]);
  });
});
