import { describe, expect, it } from 'vitest';
import { generateWindowsFirewallLog } from '../../../src/ingest/logs/testing/generate-windows-firewall.js';
import { hasShared, runLog, sharedFile } from './log-test-helpers.js';

process.env.TZ = 'America/St_Johns';

const HEADER = `#Version: 1.5\n#Software: Microsoft Windows Firewall\n#Time Format: Local\n#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path\n\n`;

describe('windows-firewall', () => {
  it('reads a headered file with local time in the given zone', async () => {
    const text = `${HEADER}2024-07-01 12:00:00 ALLOW TCP 192.168.1.10 93.184.216.34 50000 443 0 - 0 0 0 - - - SEND\n`;
    const { records, ingest, format } = await runLog(text, { timezone: 'Europe/Amsterdam' });
    expect(format?.id).toBe('windows-firewall');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      proto: 'tcp',
      ipProto: 6,
      client: '192.168.1.10',
      clientPort: 50000,
      server: '93.184.216.34',
      serverPort: 443,
      firstSeen: '2024-07-01T10:00:00.000000Z',
      bytesOut: null,
      packetsOut: null,
      action: 'allow',
      source: { file: 'test.log', line: 6, format: 'windows-firewall' },
    });
    expect(ingest.timeAssumptions()).toEqual([{ file: 'test.log', zone: 'Europe/Amsterdam', how: 'option' }]);
  });

  it('assumes UTC without a zone and says so; machine TZ has no effect', async () => {
    const text = `${HEADER}2024-01-01 00:30:00 DROP UDP 10.0.0.1 10.0.0.255 137 137 78 - - - - - - - RECEIVE\n`;
    const { records, ingest } = await runLog(text);
    expect(records[0]?.firstSeen).toBe('2024-01-01T00:30:00.000000Z');
    expect(records[0]?.bytesOut).toBe(78);
    expect(records[0]?.packetsOut).toBe(1);
    expect(ingest.timeAssumptions()).toEqual([{ file: 'test.log', zone: 'UTC', how: 'assumed-utc' }]);
  });

  it('reads header-less, collapsed, CRLF lines with pid, and numeric protocols', async () => {
    const text =
      '\ufeff2025-06-16 17:26:13 ALLOW TCP 192.168.188.166 6.6.3.183 49159 6543 SEND 1320\r\n' +
      '2025-06-16 17:26:23 DROP UDP 192.168.188.119 192.168.188.255 137 137 128 RECEIVE 4\r\n' +
      '2025-06-16 17:26:24 ALLOW 2 192.168.188.166 224.0.0.22 - - 0 SEND 4\r\n' +
      '2025-06-16 18:01:06 ALLOW ICMP fe80::1 FF02::0:1 - - 0 - - - - 143 0 - SEND 4\r\n';
    const { records } = await runLog(text);
    expect(
      records.map((r) => [r.proto, r.client, r.clientPort, r.server, r.serverPort, r.bytesOut, r.process?.pid]),
    ).toEqual([
      ['tcp', '192.168.188.166', 49159, '6.6.3.183', 6543, null, 1320],
      ['udp', '192.168.188.119', 137, '192.168.188.255', 137, 128, 4],
      ['other', '192.168.188.166', 0, '224.0.0.22', 0, null, 4],
      ['icmpv6', 'fe80::1', 0, 'ff02::1', 0, null, 4],
    ]);
  });

  it('keeps duplicates, skips garbage with escaped examples, counts lost events', async () => {
    const line = '2020-10-14 06:19:17 ALLOW TCP 192.168.6.9 192.168.6.81 56800 2022 0 - 0 0 0 - - - RECEIVE';
    const text = `${HEADER}${line}\n${line}\n2020-10-14 06:19:18 ALLOW TCP 999.1.1.1 1.1.1.1 1 2 0 - 0 0 0 - - - SEND\nhello \x1b[31mworld\n2020-10-14 06:19:18 INFO-EVENTS-LOST - - - - - - - - - - - - 4 -\n`;
    const { records, anomalies } = await runLog(text);
    expect(records).toHaveLength(2);
    expect(anomalies.count('windows-firewall-bad-line')).toBe(2);
    expect(anomalies.count('windows-firewall-events-lost')).toBe(1);
    const detail = anomalies.entries().find((e) => e.reason === 'windows-firewall-bad-line')?.examples[1]?.detail;
    expect(detail).toContain('\\x1b[31m');
    expect(detail).not.toContain('\x1b');
  });

  it('gives the same records under hostile chunk patterns', async () => {
    const text = generateWindowsFirewallLog(300, 7);
    const whole = await runLog(text);
    for (const chunk of [1, 2, 3, 5, 8, 13, 4096]) {
      const { records } = await runLog(text, { chunk });
      expect(records).toEqual(whole.records);
    }
    expect(whole.records.length).toBe(300);
  });

  it('uses the #Fields order including pid', async () => {
    const text =
      '#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid\n' +
      '2022-01-31 12:24:51 DROP TCP 192.168.9.163 192.168.9.212 63619 445 64 S 1031365855 0 65535 - - - RECEIVE 4\n';
    const { records } = await runLog(text);
    expect(records[0]).toMatchObject({ tcpFlags: 'S', bytesOut: 64, process: { pid: 4 }, action: 'drop' });
  });
});

describe('windows-firewall stamps (read by arithmetic, remembered as a number)', () => {
  const line = (stamp: string, port: number) =>
    `${stamp} ALLOW TCP 192.168.1.10 93.184.216.34 ${port} 443 0 - 0 0 0 - - - SEND\n`;

  it('reads a stamp again after #Time Format changes, even when it repeats the last one', async () => {
    const text =
      `${HEADER}${line('2024-07-01 12:00:00', 1)}#Time Format: UTC\n${line('2024-07-01 12:00:00', 2)}` +
      `#Time Format: Local\n${line('2024-07-01 12:00:00', 3)}`;
    const { records } = await runLog(text, { timezone: 'Europe/Amsterdam' });
    // Handed out in time order (ties in line order).
    expect(records.map((r) => [r.clientPort, r.firstSeen])).toEqual([
      [1, '2024-07-01T10:00:00.000000Z'],
      [3, '2024-07-01T10:00:00.000000Z'],
      [2, '2024-07-01T12:00:00.000000Z'],
    ]);
  });

  it('gives the time the general parser gives for every kind of stamp, in any order', async () => {
    // Second 60 counts as 59; 2023-02-29, 24:00 and a one-digit hour are refused (bad line); a fraction is read
    // by the general parser; the DST gap hour is read with the offset before it.
    const stamps = [
      '2024-03-31 02:30:00',
      '2024-03-31 01:59:59',
      '2024-02-29 23:59:60',
      '2024-02-29 23:59:59',
      '2023-02-29 10:00:00',
      '2024-07-01 24:00:00',
      '2024-07-01 9:00:00',
      '2024-07-01 12:00:00.5',
      '2024-10-27 02:30:00',
    ];
    const text = HEADER + stamps.map((s, i) => line(s, i + 1)).join('');
    const viaFast = await runLog(text, { timezone: 'Europe/Amsterdam' });
    // A trailing blank sends a line to the general parser.
    const viaGeneral = await runLog(text.replaceAll(' SEND\n', ' SEND \n'), { timezone: 'Europe/Amsterdam' });
    expect(viaFast.records.map((r) => [r.clientPort, r.firstSeen])).toEqual(
      viaGeneral.records.map((r) => [r.clientPort, r.firstSeen]),
    );
    expect(viaFast.records.map((r) => [r.clientPort, r.firstSeen])).toEqual([
      [3, '2024-02-29T22:59:59.000000Z'],
      [4, '2024-02-29T22:59:59.000000Z'],
      [2, '2024-03-31T00:59:59.000000Z'],
      [1, '2024-03-31T01:30:00.000000Z'],
      [8, '2024-07-01T10:00:00.500000Z'],
      [9, '2024-10-27T00:30:00.000000Z'],
    ]);
    expect(viaFast.anomalies.count('windows-firewall-bad-line')).toBe(3);
  });
});

describe.skipIf(!hasShared('windows-firewall', 'TesterOneZeus_appctrl__pfirewall.log'))(
  'windows-firewall shared samples',
  () => {
    it('matches the NOTES.md expectations for TesterOneZeus (first 5 flows + line 6)', async () => {
      const data = await sharedFile('windows-firewall', 'TesterOneZeus_appctrl__pfirewall.log');
      const { records } = await runLog(data);
      const first = records
        .slice(0, 6)
        .map(
          (r) => `${r.client}:${r.clientPort}>${r.server}:${r.serverPort} ${r.action} ${r.bytesOut} ${r.process?.pid}`,
        );
      expect(first).toEqual([
        '192.168.188.166:49159>6.6.3.183:6543 allow null 1320',
        '192.168.188.166:49160>6.6.3.181:6543 allow null 1320',
        '192.168.188.166:49161>6.6.3.182:443 allow null 1320',
        '192.168.188.166:49164>6.6.3.183:6543 allow null 1320',
        '192.168.188.166:49163>6.6.3.181:6543 allow null 1320',
        '192.168.188.119:137>192.168.188.255:137 drop 128 4',
      ]);
      expect(records[0]?.firstSeen).toBe('2025-06-16T17:26:13.000000Z');
    });

    it('reads every shared pfirewall sample; only real invalid addresses are skipped', async () => {
      // rafaelnett has 17 lines with the impossible address 192.168.1.10055: skipped and counted.
      for (const [f, bad] of [
        ['pmbibe_AnalystLogFirewallWindows__pfirewall.log', 0],
        ['pmbibe_AnalystLogFirewallWindows__pfirewall.selected-lines.log', 0],
        ['rafaelnett_CYBER-DEFENSE-OPERATIONS__pfirewall.log', 17],
        ['TesterOneZeus_appctrl__pfirewall.selected-lines.log', 0],
        ['log2timeline_plaso__windows_firewall.log', 0],
        ['MicrosoftDocs_azure-docs__azure-stack-edge-gpu-troubleshoot.doc-sample.pfirewall.log', 0],
        ['crowdsecurity_hub__windows-firewall-logs.md.doc-sample.pfirewall.log', 0],
      ] as const) {
        const { records, anomalies, format } = await runLog(await sharedFile('windows-firewall', f));
        expect(format?.id, f).toBe('windows-firewall');
        expect(records.length, f).toBeGreaterThan(0);
        expect(anomalies.count('windows-firewall-bad-line'), f).toBe(bad);
      }
    });
  },
);
