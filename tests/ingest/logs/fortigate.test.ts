import { describe, expect, it } from 'vitest';
import { parseKeyValues } from '../../../src/ingest/logs/key-value.js';
import { hasShared, runLog, sharedFile } from './log-test-helpers.js';

process.env.TZ = 'America/St_Johns';

describe('fortigate', () => {
  it('reads traffic lines: eventtime in ns, tz offsets, local dates with the zone option, session totals', async () => {
    const text = [
      '<189>date=2024-12-26 time=09:35:30 devname="fw" devid="FG100" eventtime=1735202130361752831 tz="+0100" logid="0000000013" type="traffic" subtype="forward" srcip=10.0.0.4 srcport=10000 dstip=5.6.7.8 dstport=443 proto=6 action="close" duration=6 sentbyte=100 rcvdbyte=52 sentpkt=2 rcvdpkt=1 hostname="www.Example.com" user="alice"',
      'date=2024-07-01 time=12:00:00 devid="FG100" tz="+0200" logid="1" type="traffic" srcip=10.0.0.5 srcport=1 dstip=192.0.2.9 dstport=80 proto=17 action="accept"',
      'date=2024-07-01 time=12:00:00 devid="FG100" logid="1" type="traffic" srcip=10.0.0.6 dstip=192.0.2.9 proto=1 action="deny"',
      'date=2024-07-01 time=12:00:00 devid="FG100" logid="1" type="event" subtype="system" msg="admin login"',
      'date=2024-07-01 time=12:00:00 devid="FG100" logid="1" type="traffic" srcip=00192.0.2.100:00:00:00 dstip=12192.0.2.116 proto=58 action="accept"',
    ].join('\n');
    const { records, anomalies, format } = await runLog(text, { timezone: 'Europe/Amsterdam' });
    expect(format?.id).toBe('fortigate');
    expect(
      records.map(
        (r) =>
          `${r.firstSeen} ${r.lastSeen} ${r.proto} ${r.client}:${r.clientPort}>${r.server}:${r.serverPort} ${r.action} ${r.bytesOut}/${r.bytesIn}`,
      ),
    ).toEqual([
      '2024-07-01T10:00:00.000000Z 2024-07-01T10:00:00.000000Z udp 10.0.0.5:1>192.0.2.9:80 accept null/null',
      '2024-07-01T10:00:00.000000Z 2024-07-01T10:00:00.000000Z icmp 10.0.0.6:0>192.0.2.9:0 deny null/null',
      '2024-12-26T08:35:24.361752Z 2024-12-26T08:35:30.361752Z tcp 10.0.0.4:10000>5.6.7.8:443 close 100/52',
    ]);
    expect(records[2]?.names[0]).toMatchObject({ name: 'www.example.com', via: 'sni' });
    expect(records[2]?.process).toEqual({ user: 'alice' });
    expect(anomalies.count('fortigate-not-traffic')).toBe(1);
    expect(anomalies.count('fortigate-bad-line')).toBe(1);
  });

  it('parses quoted values with escapes and keeps the first of repeated keys', () => {
    const kv = parseKeyValues('a=1 b="x \\"y\\" z" a=2 bare c=');
    expect([...kv]).toEqual([
      ['a', '1'],
      ['b', 'x "y" z'],
      ['c', ''],
    ]);
  });
});

describe.skipIf(!hasShared('fortigate', 'SEKOIA-IO_intake-formats__fortigate.messages.log'))(
  'fortigate shared samples',
  () => {
    it('matches NOTES.md lines 38, 39 (rejected), 42 and 62', async () => {
      const { records, anomalies } = await runLog(
        await sharedFile('fortigate', 'SEKOIA-IO_intake-formats__fortigate.messages.log'),
      );
      const at = (n: number) => records.find((r) => r.source.line === n);
      expect(at(38)).toMatchObject({
        proto: 'icmp',
        client: '1.1.1.1',
        server: '192.0.2.1',
        action: 'ip-conn',
        bytesOut: null,
        lastSeen: '2020-10-13T12:22:43.587868Z',
      });
      expect(at(39)).toBeUndefined();
      expect(at(42)).toMatchObject({
        client: '1.1.1.1',
        server: '192.0.2.1',
        action: 'accept',
        bytesOut: 420,
        bytesIn: 420,
        packetsOut: 5,
      });
      expect(at(62)).toMatchObject({
        client: '1.2.3.4',
        clientPort: 10000,
        server: '5.6.7.8',
        serverPort: 443,
        action: 'client-rst',
        bytesOut: 100,
        bytesIn: 52,
        lastSeen: '2024-12-26T08:35:30.361752Z',
      });
      expect(anomalies.count('fortigate-bad-line')).toBeGreaterThanOrEqual(1);
    });
  },
);
