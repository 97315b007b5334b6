import { describe, expect, it } from 'vitest';
import { splitCsv } from '../../../src/ingest/logs/paloalto-traffic.js';
import { hasShared, runLog, sharedFile } from './log-test-helpers.js';

process.env.TZ = 'America/St_Johns';

/** A TRAFFIC row with the documented positions filled in. */
function row(over: Record<number, string>): string {
  const f = new Array<string>(50).fill('0');
  Object.assign(
    f,
    {
      1: '2024/07/01 12:00:10',
      3: 'TRAFFIC',
      4: 'end',
      6: '2024/07/01 12:00:10',
      7: '10.0.0.5',
      8: '203.0.113.7',
      12: 'corp\\alice',
      14: 'ssl',
      24: '51413',
      25: '443',
      29: 'tcp',
      30: 'allow',
      32: '1974',
      33: '372',
      35: '2024/07/01 12:00:00',
      36: '10',
      44: '6',
      45: '3',
      46: 'tcp-fin',
    },
    over,
  );
  return f.join(',');
}

describe('paloalto-traffic', () => {
  it('reads positional TRAFFIC rows in the zone option, with US short dates and a syslog prefix', async () => {
    const text = [
      `<14>Jul  1 12:00:11 PA ${row({})}`,
      row({ 1: '7/1/24 12:01', 6: '7/1/24 12:01', 35: '7/1/24 12:01', 29: 'icmp', 24: '0', 25: '0', 36: '0', 12: '' }),
      row({ 35: '90' }), // corrupted start time: falls back to the generated time
      row({ 7: 'not-an-ip' }),
      '1,2024/07/01 12:00:10,0001,THREAT,url,1,2024/07/01 12:00:10,10.0.0.5',
    ].join('\n');
    const { records, anomalies, format } = await runLog(text, { timezone: 'Europe/Amsterdam' });
    expect(format?.id).toBe('paloalto-traffic');
    expect(
      records.map(
        (r) =>
          `${r.firstSeen} ${r.lastSeen} ${r.proto} ${r.client}:${r.clientPort}>${r.server}:${r.serverPort} ${r.bytesOut}/${r.bytesIn} ${r.packetsOut} ${r.endReason}`,
      ),
    ).toEqual([
      '2024-07-01T10:00:00.000000Z 2024-07-01T10:00:10.000000Z tcp 10.0.0.5:51413>203.0.113.7:443 1974/372 6 tcp-fin',
      '2024-07-01T10:00:10.000000Z 2024-07-01T10:00:20.000000Z tcp 10.0.0.5:51413>203.0.113.7:443 1974/372 6 tcp-fin',
      '2024-07-01T10:01:00.000000Z 2024-07-01T10:01:00.000000Z icmp 10.0.0.5:0>203.0.113.7:0 1974/372 6 tcp-fin',
    ]);
    expect(records[0]?.process).toEqual({ user: 'corp\\alice' });
    expect(anomalies.count('paloalto-traffic-bad-line')).toBe(1);
    expect(anomalies.count('paloalto-traffic-not-traffic')).toBe(1);
  });

  it('splits quoted CSV fields with commas and doubled quotes', () => {
    expect(splitCsv('a,"b,c","d""e",,f')).toEqual(['a', 'b,c', 'd"e', '', 'f']);
  });
});

describe.skipIf(!hasShared('paloalto-panos', 'SEKOIA-IO_intake-formats__paloalto-ngfw.messages.log'))(
  'paloalto shared samples',
  () => {
    it('matches NOTES.md lines 8, 9 and 15', async () => {
      const { records } = await runLog(
        await sharedFile('paloalto-panos', 'SEKOIA-IO_intake-formats__paloalto-ngfw.messages.log'),
      );
      const at = (n: number) => records.find((r) => r.source.line === n);
      expect(at(9)).toMatchObject({
        client: '1.2.3.4',
        clientPort: 51413,
        server: '5.6.7.8',
        serverPort: 5985,
        bytesOut: 1974,
        bytesIn: 372,
        action: 'allow',
        endReason: 'tcp-fin',
        firstSeen: '2023-06-16T10:41:26.000000Z',
        lastSeen: '2023-06-16T10:41:42.000000Z',
      });
      expect(at(8)).toMatchObject({
        client: '1.2.3.4',
        server: '5.6.7.8',
        bytesOut: 1974,
        firstSeen: '2023-06-16T10:41:44.000000Z',
      });
      expect(at(15)).toMatchObject({
        proto: 'icmp',
        client: '1.2.3.4',
        server: '4.3.2.1',
        bytesOut: 222,
        bytesIn: 0,
        packetsOut: 3,
        firstSeen: '2019-09-16T10:00:00.000000Z',
      });
    });
  },
);
