import { describe, expect, it } from 'vitest';
import { hasShared, runLog, runLogs, sharedFile } from './log-test-helpers.js';

process.env.TZ = 'America/St_Johns';

const NS = 'http://schemas.microsoft.com/win/2004/08/events/event';
const sysmon3 = (extra = '') =>
  `<Event xmlns="${NS}"><System><Provider Name="Microsoft-Windows-Sysmon"/><EventID>3</EventID><TimeCreated SystemTime="2019-05-23T16:49:08.2087630Z"/></System>` +
  `<EventData><Data Name="UtcTime">2019-05-23 16:49:07.834</Data><Data Name="ProcessId">3872</Data><Data Name="Image">C:\\Windows\\System32\\wbem\\WMIC.exe</Data>` +
  `<Data Name="User">IEWIN7\\IEUser</Data><Data Name="Protocol">tcp</Data><Data Name="Initiated">True</Data><Data Name="SourceIp">10.0.2.15</Data>` +
  `<Data Name="SourcePort">49167</Data><Data Name="DestinationIp">45.76.12.27</Data><Data Name="DestinationHostname">${extra || 'host.example.com'}</Data>` +
  `<Data Name="DestinationPort">443</Data><Data Name="RuleName"/></EventData></Event>`;
const dns22 =
  `<Event xmlns='${NS}'><System><EventID>22</EventID><TimeCreated SystemTime='2019-05-23T16:49:07.0000000Z'/></System><EventData>` +
  `<Data Name='UtcTime'>2019-05-23 16:49:07.000</Data><Data Name='QueryName'>www.example.org</Data>` +
  `<Data Name='QueryResults'>type:  5 edge.example.net;::ffff:45.76.12.27;2001:db8::1;</Data></EventData></Event>`;
const wfp = (dir: string) =>
  `<Event xmlns="${NS}"><System><EventID>5156</EventID><TimeCreated SystemTime="2019-02-13T18:02:04.4266620Z"/></System><EventData>` +
  `<Data Name="ProcessID">600</Data><Data Name="Application">\\device\\harddiskvolume1\\windows\\system32\\lsass.exe</Data><Data Name="Direction">${dir}</Data>` +
  `<Data Name="SourceAddress">10.0.2.17</Data><Data Name="SourcePort">49263</Data><Data Name="DestAddress">10.0.2.15</Data><Data Name="DestPort">88</Data><Data Name="Protocol">6</Data></EventData></Event>`;

describe('windows-events-xml', () => {
  it('reads back-to-back wevtutil events on one line, Sysmon 3 with process, 22 names, 5156 directions', async () => {
    const text = `${dns22}${sysmon3()}${wfp('%%14593')}${wfp('%%14592')}\r\n`;
    const { records, format } = await runLog(text, { chunk: 7 });
    expect(format?.id).toBe('windows-events-xml');
    expect(records).toHaveLength(3);
    // Sorted by time: the two 5156 events (February) come first.
    expect(records[2]).toMatchObject({
      client: '10.0.2.15',
      clientPort: 49167,
      server: '45.76.12.27',
      serverPort: 443,
      firstSeen: '2019-05-23T16:49:07.834000Z',
      process: { image: 'C:\\Windows\\System32\\wbem\\WMIC.exe', pid: 3872, user: 'IEWIN7\\IEUser' },
      action: 'outbound',
    });
    expect(records[2]?.names.map((n) => n.name)).toEqual(['host.example.com', 'www.example.org']);
    expect(records[2]?.names[1]?.cnameChain).toEqual(['www.example.org', 'edge.example.net']);
    expect(records[0]).toMatchObject({
      client: '10.0.2.17',
      clientPort: 49263,
      server: '10.0.2.15',
      serverPort: 88,
      process: { pid: 600 },
    });
    expect(records[1]).toMatchObject({ client: '10.0.2.15', clientPort: 88, server: '10.0.2.17', serverPort: 49263 });
  });

  it('keeps hostile host names escaped and handles Event Viewer bullets and pretty XML', async () => {
    const hostile = '&lt;img src=x onerror=alert(1)&gt;\u001b[2J';
    const pretty = `<?xml version="1.0"?>\n<Events>\n- ${sysmon3(hostile).replace(/></g, '>\n  <')}\n</Events>\n`;
    const { records } = await runLog(pretty);
    expect(records).toHaveLength(1);
    expect(records[0]?.names[0]?.name).toBe('\\x3cimg\\x20src\\x3dx\\x20onerror\\x3dalert\\x281\\x29\\x3e\\x1b\\x5b2j');
    expect(records[0]?.names[0]?.suspicious).toBeDefined();
  });
});

describe('windows-events-json', () => {
  it('reads Winlogbeat, evtx_dump (pretty) and flat NXLog shapes; 5158 is not a flow', async () => {
    const winlogbeat = JSON.stringify({
      '@timestamp': '2020-01-01T10:00:00.000Z',
      winlog: {
        event_id: 3,
        provider_name: 'Microsoft-Windows-Sysmon',
        event_data: {
          UtcTime: '2020-01-01 10:00:00.500',
          Protocol: 'udp',
          Initiated: 'true',
          SourceIp: '10.0.0.5',
          SourcePort: '5353',
          DestinationIp: 'fe80::1',
          DestinationPort: '53',
          Image: 'C:\\x.exe',
        },
      },
    });
    const evtxDump = JSON.stringify(
      {
        Event: {
          System: { EventID: 5157, TimeCreated: { '#attributes': { SystemTime: '2020-01-01T10:00:01.000000Z' } } },
          EventData: {
            Application: 'a.exe',
            Direction: '%%14593',
            SourceAddress: '10.0.0.5',
            SourcePort: 50000,
            DestAddress: '203.0.113.9',
            DestPort: 443,
            Protocol: 6,
          },
        },
      },
      null,
      2,
    );
    const flat = JSON.stringify({
      EventID: 5158,
      TimeCreated: '2020-01-01T10:00:02Z',
      SourceAddress: '0.0.0.0',
      SourcePort: '52092',
      Protocol: '6',
    });
    const { records, anomalies, format } = await runLog(`[${winlogbeat},\n${evtxDump},\n${flat}]\n`);
    expect(format?.id).toBe('windows-events-json');
    expect(
      records.map((r) => `${r.proto} ${r.client}:${r.clientPort}>${r.server}:${r.serverPort} ${r.action}`),
    ).toEqual(['udp 10.0.0.5:5353>fe80::1:53 outbound', 'tcp 10.0.0.5:50000>203.0.113.9:443 drop']);
    expect(anomalies.count('windows-events-json-not-a-flow-event')).toBe(1);
  });
});

describe.skipIf(!hasShared('windows-events', 'derived'))('windows events shared samples', () => {
  it('matches NOTES.md for the WMIC Sysmon 3 events', async () => {
    const name =
      'derived/sbousseaden_EVTX-ATTACK-SAMPLES__exec_wmic_xsl_internet_sysmon_3_1_11.network-events.DERIVED.xml';
    const { records } = await runLog(await sharedFile('windows-events', name));
    expect(
      records.map((r) => `${r.firstSeen} ${r.client}:${r.clientPort}>${r.server}:${r.serverPort} ${r.process?.pid}`),
    ).toEqual([
      '2019-05-23T16:49:07.834000Z 10.0.2.15:49167>45.76.12.27:443 3872',
      '2019-05-23T16:49:08.482000Z 10.0.2.15:49168>105.73.6.105:80 3872',
    ]);
    expect(records[0]?.names[0]?.name).toBe('45-76-12-27.static.afterburst.com');
  });

  it('matches NOTES.md for the 5156 RDP tunnel events (first 5)', async () => {
    const name = 'derived/sbousseaden_EVTX-ATTACK-SAMPLES__DE_RDP_Tunnel_5156.network-events.DERIVED.xml';
    const { records } = await runLog(await sharedFile('windows-events', name));
    expect(
      records
        .slice(0, 5)
        .map((r) => `${r.firstSeen} ${r.ipProto} ${r.client}:${r.clientPort}>${r.server}:${r.serverPort}`),
    ).toEqual([
      '2019-02-13T18:01:47.512341Z 17 fe80::80ac:4126:fa58:1b81:546>ff02::1:2:547',
      '2019-02-13T18:02:04.426662Z 6 10.0.2.17:49263>10.0.2.15:88',
      '2019-02-13T18:02:04.466719Z 6 10.0.2.17:49264>10.0.2.15:88',
      '2019-02-13T18:02:04.476734Z 6 10.0.2.17:49265>10.0.2.15:88',
      '2019-02-13T18:02:04.476734Z 6 10.0.2.17:49266>10.0.2.15:88',
    ]);
  });

  it('reads the OTRF JSON exports and skips 5158', async () => {
    const inputs = [
      'OTRF_Security-Datasets__psh_cmstp_execution_bypassuac.network-events.json',
      'OTRF_Security-Datasets__empire_dllinjection_LoadLibrary_CreateRemoteThread.network-events.json',
      'elastic_beats__sysmon-10.2-dns.golden.first-event.json',
    ];
    for (const name of inputs) {
      const { anomalies, format } = await runLogs([{ name, data: await sharedFile('windows-events', name) }]);
      expect(format?.id, name).toBe('windows-events-json');
      expect(anomalies.count('log-parser-internal-error'), name).toBe(0);
    }
  });
});
