import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasShared, runLog, sharedFile } from './log-test-helpers.js';

process.env.TZ = 'America/St_Johns';

const UFW =
  'Mar  1 10:00:00 host kernel: [522434.959192] [UFW BLOCK] IN=eth0 OUT= MAC=00:01 SRC=203.0.113.5 DST=192.0.2.10 LEN=40 TOS=0x00 PREC=0x00 TTL=245 ID=37308 PROTO=TCP SPT=8080 DPT=8123 WINDOW=1024 RES=0x00 SYN URGP=0 ';

describe('netfilter', () => {
  it('reads a BSD syslog UFW line with an assumed year and the zone option', async () => {
    const { records, anomalies, format } = await runLog(`${UFW}\n`, { timezone: 'Europe/Amsterdam' });
    expect(format?.id).toBe('netfilter');
    expect(records[0]).toMatchObject({
      proto: 'tcp',
      client: '203.0.113.5',
      clientPort: 8080,
      server: '192.0.2.10',
      serverPort: 8123,
      packetsOut: 1,
      bytesOut: 40,
      tcpFlags: 'S',
      action: 'drop',
      firstSeen: '2026-03-01T09:00:00.000000Z',
    });
    expect(anomalies.count('syslog-year-assumed')).toBe(1);
  });

  it('counts a line dated on a day that does not exist as a line without a time, with a zone too', async () => {
    // Was a log-parser-internal-error: the zone conversion threw on the invalid date.
    for (const timezone of ['Europe/Amsterdam', null]) {
      const { records, anomalies } = await runLog(`${UFW.replace('Mar  1', 'Feb 30')}\n`, { timezone });
      expect(records).toHaveLength(0);
      expect(anomalies.count('log-parser-internal-error')).toBe(0);
      expect(anomalies.count('netfilter-no-time')).toBe(1);
    }
  });

  it('puts a December line read in March into the year before', async () => {
    const { records } = await runLog(`${UFW.replace('Mar  1', 'Dec 31')}\n`);
    expect(records[0]?.firstSeen).toBe('2025-12-31T10:00:00.000000Z');
  });

  it('reads RFC 3339 stamps, expanded IPv6, and merges an AUDIT line with its decision', async () => {
    const a =
      '2025-11-30T00:15:57.717044-07:00 m1 kernel: [4291932.851448] [UFW AUDIT] IN= OUT=lo SRC=0000:0000:0000:0000:0000:0000:0000:0001 DST=0000:0000:0000:0000:0000:0000:0000:0001 LEN=60 TC=0 HOPLIMIT=64 FLOWLBL=825117 PROTO=UDP SPT=45384 DPT=123 LEN=20 ';
    const b = a.replace('[UFW AUDIT]', '[UFW ALLOW]');
    const { records, ingest } = await runLog(`${a}\n${b}\n`);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      client: '::1',
      server: '::1',
      serverPort: 123,
      action: 'allow',
      firstSeen: '2025-11-30T07:15:57.717044Z',
    });
    expect(ingest.timeAssumptions()).toEqual([{ file: 'test.log', zone: 'UTC-07:00', how: 'stated-in-log' }]);
  });

  it('ignores the packet embedded in ICMP errors and treats SYN-ACK as the reply', async () => {
    const icmp =
      '<4>1 2024-05-01T10:00:00Z gw kernel - - - IN=eth0 OUT= SRC=198.51.100.1 DST=192.0.2.10 LEN=96 PROTO=ICMP TYPE=3 CODE=1 [SRC=192.0.2.10 DST=10.0.0.9 LEN=68 PROTO=UDP SPT=9993 DPT=47042 LEN=48 ]';
    const synack =
      '{"__REALTIME_TIMESTAMP":"1714557601000000","MESSAGE":"IPTABLES IN= OUT=eth0 SRC=192.0.2.10 DST=198.51.100.7 LEN=60 PROTO=TCP SPT=443 DPT=51000 WINDOW=1 RES=0x00 ACK SYN URGP=0"}';
    const { records } = await runLog(`${icmp}\n${synack}\n`);
    expect(records[0]).toMatchObject({ proto: 'icmp', client: '198.51.100.1', server: '192.0.2.10', serverPort: 0 });
    expect(records[1]).toMatchObject({
      client: '198.51.100.7',
      clientPort: 51000,
      server: '192.0.2.10',
      serverPort: 443,
      bytesIn: 60,
      bytesOut: null,
      firstSeen: '2024-05-01T10:00:01.000000Z',
    });
  });

  it('counts non-firewall syslog lines and malformed firewall lines, never throws on garbage', async () => {
    const text = `Mar  1 10:00:00 host systemd[1]: Started.\n${UFW}\nMar  1 10:00:00 host kernel: IN=eth0 OUT= SRC=999.1.1.1 DST=1.1.1.1 PROTO=TCP\n`;
    const { records, anomalies } = await runLog(text);
    expect(records).toHaveLength(1);
    expect(anomalies.count('netfilter-other-line')).toBe(1);
    expect(anomalies.count('netfilter-bad-line')).toBe(1);
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (junk) => {
        await runLog(`${UFW}\n${junk}\n${UFW.slice(0, junk.length % UFW.length)}\n`);
      }),
      { numRuns: 200 },
    );
  });
});

describe.skipIf(!hasShared('netfilter', 'crowdsecurity_hub__proxmox-iptables.log'))('netfilter shared samples', () => {
  it('matches NOTES.md for the Proxmox file (first 5)', async () => {
    const { records } = await runLog(await sharedFile('netfilter', 'crowdsecurity_hub__proxmox-iptables.log'));
    expect(
      records
        .slice(0, 5)
        .map(
          (r) =>
            `${r.firstSeen} ${r.proto} ${r.client}:${r.clientPort}>${r.server}:${r.serverPort} ${r.action} ${r.bytesOut}`,
        ),
    ).toEqual([
      '2022-06-20T11:09:14.000000Z udp 10.3.94.11:49152>10.3.94.12:3784 drop 52',
      '2022-06-20T11:09:14.000000Z tcp 10.3.95.34:56386>10.3.94.12:8006 allow 60',
      '2022-06-20T11:09:25.000000Z tcp 10.3.95.34:36504>10.3.94.12:3306 reject 60',
      '2022-06-20T11:12:46.000000Z tcp 10.3.95.34:51604>10.3.95.200:22 reject 60',
      '2022-06-20T11:13:14.000000Z tcp 10.3.95.34:43506>10.3.95.200:3306 allow 60',
    ]);
  });

  it('reads every shared netfilter file', async () => {
    for (const f of [
      'crowdsecurity_hub__iptables-logs.log',
      'crowdsecurity_hub__iptables-scan-multi-port.log',
      'crowdsecurity_hub__unifi-logs.log',
      'khaefner_cs456_blueteam__ufw.selected-lines.log',
      'teliten_log.plemma__syslog',
    ]) {
      const { records, format } = await runLog(await sharedFile('netfilter', f));
      expect(format?.id, f).toBe('netfilter');
      expect(records.length, f).toBeGreaterThan(0);
    }
  });
});
