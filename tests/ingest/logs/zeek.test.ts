import { describe, expect, it } from 'vitest';
import { hasShared, runLog, runLogs, sharedFile } from './log-test-helpers.js';

process.env.TZ = 'America/St_Johns';

const HEAD = (path: string, fields: string) =>
  `#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\t${path}\n#fields\t${fields.split(' ').join('\t')}\n`;
const CONN_FIELDS =
  'ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto service duration orig_bytes resp_bytes conn_state local_orig missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes tunnel_parents';
const row = (...v: string[]) => `${v.join('\t')}\n`;

const CONN =
  HEAD('conn', CONN_FIELDS) +
  row(
    '1268758221.420447',
    'C1',
    '192.168.23.129',
    '1062',
    '65.55.195.250',
    '443',
    'tcp',
    'ssl',
    '2.5',
    '1318',
    '5387',
    'SF',
    '-',
    '0',
    'ShADadfF',
    '12',
    '1800',
    '10',
    '5800',
    '(empty)',
  ) +
  row(
    '1268758214.788023',
    'C2',
    '2001:0db8:0000:0000:0000:0000:0000:0001',
    '64291',
    '2001:db8::53',
    '53',
    'udp',
    'dns',
    '0.01',
    '78',
    '360',
    'SF',
    '-',
    '0',
    'Dd',
    '1',
    '106',
    '1',
    '388',
    '(empty)',
  ) +
  row(
    'XXXXXXXXXX.XXXXXX',
    'C3',
    '1.2.3.4',
    '1',
    '5.6.7.8',
    '2',
    'tcp',
    '-',
    '-',
    '-',
    '-',
    'S0',
    '-',
    '0',
    'S',
    '1',
    '60',
    '0',
    '0',
    '(empty)',
  ) +
  '#close\t2018-05-24-09-12-49\n';
const SSL =
  HEAD('ssl', 'ts uid id.orig_h id.orig_p id.resp_h id.resp_p version cipher server_name established') +
  row('1268758221.5', 'C1', '192.168.23.129', '1062', '65.55.195.250', '443', 'TLSv12', 'X', 'Login.Live.COM.', 'T') +
  row('1268758300.0', 'C9', '192.168.23.129', '1070', '65.55.195.251', '443', 'TLSv12', 'X', '<script>\\x1b', 'T');
const DNS = [
  '{"ts":1268758200.5,"uid":"D1","id.orig_h":"192.168.23.129","id.orig_p":5000,"id.resp_h":"192.168.23.2","id.resp_p":53,"proto":"udp","query":"www.example.com","answers":["cdn.example.net","65.55.195.250"],"TTLs":[60,60]}',
  '{"ts":"2010-03-16T16:50:00.000000Z","uid":"D2","id.orig_h":"192.168.23.129","id.orig_p":5001,"id.resp_h":"192.168.23.2","id.resp_p":53,"proto":"udp","query":"late.example.org","answers":["65.55.195.250"]}',
].join('\n');

describe('zeek', () => {
  it('reads conn.log by field name, sorts by ts, uses *_ip_bytes and rejects placeholder ts', async () => {
    const { records, anomalies, format } = await runLog(CONN);
    expect(format?.id).toBe('zeek');
    expect(records.map((r) => r.source.line)).toEqual([8, 7]);
    expect(records[1]).toMatchObject({
      client: '192.168.23.129',
      server: '65.55.195.250',
      serverPort: 443,
      firstSeen: '2010-03-16T16:50:21.420447Z',
      lastSeen: '2010-03-16T16:50:23.920447Z',
      packetsOut: 12,
      bytesOut: 1800,
      bytesIn: 5800,
      tcpFlags: 'FSA',
      endReason: 'fin',
      source: { format: 'zeek-conn' },
    });
    expect(records[0]?.client).toBe('2001:db8::1');
    expect(anomalies.count('zeek-bad-line')).toBe(1);
  });

  it('joins ssl server_name by uid, names from dns.log in time, escapes hostile names', async () => {
    const { records } = await runLogs([
      { name: 'conn.log', data: CONN },
      { name: 'ssl.log', data: SSL },
      { name: 'dns.json', data: DNS },
    ]);
    const c1 = records.find((r) => r.clientPort === 1062);
    expect(c1?.names.map((n) => [n.name, n.via])).toEqual([
      ['login.live.com', 'sni'],
      ['www.example.com', 'dns'],
      ['late.example.org', 'dns'],
    ]);
    expect(c1?.names[1]?.cnameChain).toEqual(['www.example.com', 'cdn.example.net']);
    // ssl.log row without a conn.log row stands on its own, its name escaped and flagged.
    const c9 = records.find((r) => r.clientPort === 1070);
    expect(c9?.names[0]?.name).toBe('\\x3cscript\\x3e\\x1b');
    expect(c9?.names[0]?.suspicious).toBeDefined();
    expect(c9?.bytesOut).toBeNull();
  });

  it('reads zeek-cut headers without # and a comma separator', async () => {
    const text = `${CONN_FIELDS.split(' ').join('\t')}\n${row('1329843175.736107', 'CH', '141.142.220.235', '37604', '199.233.217.249', '56666', 'tcp', 'ftp-data', '0.112432', '0', '342', 'SF', '-', '0', 'ShAdfFa', '4', '216', '4', '562', '(empty)')}`;
    expect((await runLog(text)).records[0]?.bytesIn).toBe(562);
    const comma = `#separator ,\n#set_separator,;\n#fields,${CONN_FIELDS.split(' ').join(',')}\n1329843175.736107,CH,141.142.220.235,37604,199.233.217.249,56666,tcp,-,-,-,-,S0,-,0,S,1,60,0,0,(empty)\n`;
    expect((await runLog(comma)).records[0]?.endReason).toBe('S0');
  });
});

describe.skipIf(!hasShared('zeek', 'chad314159_infectedPCAP__conn.log'))('zeek shared samples', () => {
  it('matches NOTES.md for chad314159 conn.log (first 5 rows, sorted)', async () => {
    const { records } = await runLog(await sharedFile('zeek', 'chad314159_infectedPCAP__conn.log'));
    const byLine = new Map(records.map((r) => [r.source.line ?? 0, r]));
    const lines = [...byLine.keys()].sort((a, b) => a - b).slice(0, 5);
    expect(
      lines.map((l) => {
        const r = byLine.get(l);
        return `${r?.firstSeen} ${r?.proto} ${r?.client}:${r?.clientPort}>${r?.server}:${r?.serverPort} ${r?.endReason}`;
      }),
    ).toEqual([
      '2010-03-16T16:50:14.788023Z udp 192.168.23.129:64291>192.168.23.2:53 fin',
      '2010-03-16T16:50:21.420447Z tcp 192.168.23.129:1062>65.55.195.250:443 fin',
      '2010-03-16T16:50:17.701672Z tcp 192.168.23.129:1061>59.53.91.102:80 rst',
      '2010-03-16T16:50:34.688275Z udp 192.168.23.129:59820>192.168.23.2:53 fin',
      '2010-03-16T16:50:34.546057Z tcp 192.168.23.129:1063>59.53.91.102:80 rst',
    ]);
  });

  it('names chad314159 flows from its ssl.log and dns.log', async () => {
    const files = ['conn.log', 'ssl.log', 'dns.log'].map((n) => `chad314159_infectedPCAP__${n}`);
    const inputs = await Promise.all(files.map(async (name) => ({ name, data: await sharedFile('zeek', name) })));
    const { records } = await runLogs(inputs);
    expect(records.filter((r) => r.names.length > 0).length).toBeGreaterThan(0);
    // This 2010 ssl.log has no server_name column values ('-'): names come from dns.log only.
    const http = records.find((r) => r.server === '59.53.91.102');
    expect(http?.names[0]).toMatchObject({ name: 'nrtjo.eu', via: 'dns' });
  });

  it('reads every shared zeek log without internal errors', async () => {
    for (const f of [
      'brimdata_zed-sample-data__zeek-json__dns.json',
      'brimdata_zed-sample-data__zeek-json__ssl.json',
      'zeek_zeek__btest-baseline__json-non-printable-escaping__http.log.json',
      'zeek_zeek__zeek-cut-logs__conncomma.log',
      'zeek_zeek__zeek-cut-logs__invalid-time.log',
      'EvansWJ-dev_ZeekLogs__dns.log',
      'zeek_zeek__btest-baseline__core.tunnels.gre__conn.log',
    ]) {
      const { anomalies, format } = await runLog(await sharedFile('zeek', f)).catch((e: unknown) => {
        throw new Error(`${f}: ${String(e)}`);
      });
      expect(format?.id, f).toBe('zeek');
      expect(anomalies.count('log-parser-internal-error'), f).toBe(0);
    }
  });
});
