import { describe, expect, it } from 'vitest';
import { runLog, runLogs } from './log-test-helpers.js';

process.env.TZ = 'America/St_Johns';

const FIREWALL =
  '#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path\n' +
  '2026-01-05 12:00:03 ALLOW TCP 192.168.1.10 93.184.216.34 50000 443 0 - 0 0 0 - - - SEND\n' +
  '2026-01-05 12:00:04 ALLOW TCP 192.168.1.10 198.51.100.99 50001 443 0 - 0 0 0 - - - SEND\n';

describe('dnsmasq', () => {
  it('names flows of another file in time, following CNAME replies', async () => {
    const dns = [
      'Jan  5 12:00:01 pi dnsmasq[812]: query[A] www.example.com from 192.168.1.10',
      'Jan  5 12:00:01 pi dnsmasq[812]: forwarded www.example.com to 1.1.1.1',
      'Jan  5 12:00:02 pi dnsmasq[812]: reply www.example.com is <CNAME>',
      'Jan  5 12:00:02 pi dnsmasq[812]: reply edge.example.net is 93.184.216.34',
      'Jan  5 12:00:09 pi dnsmasq[812]: reply late.example.org is 198.51.100.99',
      'Jan  5 12:00:02 pi dnsmasq[812]: reply nx.example is NXDOMAIN',
    ].join('\n');
    const { records } = await runLogs([
      { name: 'pfirewall.log', data: FIREWALL },
      { name: 'pihole.log', data: dns },
    ]);
    expect(records[0]?.names).toEqual([
      { name: 'www.example.com', via: 'dns', frame: 4, cnameChain: ['www.example.com', 'edge.example.net'] },
    ]);
    // Answered 5 s after the flow began: too late to be its name.
    expect(records[1]?.names).toEqual([]);
  });
});

describe('squid', () => {
  it('turns requests into upstream flows named by the CONNECT authority or URL host, query kept aside', async () => {
    const log = [
      '1767614400.250    250 10.0.0.5 TCP_TUNNEL/200 5120 CONNECT www.example.com:443 alice HIER_DIRECT/93.184.216.34 -',
      '1767614401.000    100 10.0.0.6 TCP_MISS/200 1024 GET http://news.example.org/a/b?user=jan@example.com - HIER_DIRECT/198.51.100.7 text/html',
      '1767614402.000      0 10.0.0.6 TCP_MEM_HIT/200 99 GET http://news.example.org/c - HIER_NONE/- text/html',
      '1767614403.000      5 10.0.0.7 TCP_MISS/200 10 GET http://[2001:db8::1]:8080/x - HIER_DIRECT/2001:db8::1 -',
      'garbage',
    ].join('\n');
    const { records, anomalies, ingest, format } = await runLog(log);
    expect(format?.id).toBe('squid');
    expect(
      records.map(
        (r) =>
          `${r.firstSeen} ${r.client}>${r.server}:${r.serverPort} ${r.bytesIn} ${r.names.map((n) => `${n.via}:${n.name}`).join(',')}`,
      ),
    ).toEqual([
      '2026-01-05T12:00:00.000000Z 10.0.0.5>93.184.216.34:443 5120 http-connect:www.example.com',
      '2026-01-05T12:00:00.900000Z 10.0.0.6>198.51.100.7:80 1024 http-host:news.example.org',
      '2026-01-05T12:00:02.995000Z 10.0.0.7>2001:db8::1:8080 10 ',
    ]);
    expect(records[1]?.http).toEqual({ method: 'GET', path: '/a/b' });
    expect(records[0]?.process).toEqual({ user: 'alice' });
    expect(ingest.httpQueries()).toEqual([
      { file: 'test.log', line: 2, host: 'news.example.org', path: '/a/b', query: 'user=jan@example.com' },
    ]);
    expect(anomalies.count('squid-no-upstream')).toBe(1);
    expect(anomalies.count('squid-bad-line')).toBe(1);
  });
});

describe('windows-dns-debug', () => {
  it('maps answer DATA of responses to the question name, in the zone option', async () => {
    const dns = [
      'DNS Server log file creation at 1/5/2026 11:00:00 AM',
      '1/5/2026 1:00:01 PM 0E4C PACKET  00000221A56F7A70 UDP Rcv 192.168.1.10    d3f5   Q [0001   D   NOERROR] A      (3)www(7)example(3)com(0)',
      '1/5/2026 1:00:02 PM 0E4C PACKET  00000221A56F7A70 UDP Snd 192.168.1.10    d3f5 R Q [8081   DR  NOERROR] A      (3)www(7)example(3)com(0)',
      'UDP response info at 00000221A56F7A70',
      '    ANSWER SECTION:',
      '    Name      "[C00C](3)www(7)example(3)com(0)"',
      '      TYPE   A  (1)',
      '      CLASS  1',
      '      TTL    3600',
      '      DATA   93.184.216.34',
    ].join('\r\n');
    const { records, anomalies } = await runLogs(
      [
        { name: 'pfirewall.log', data: FIREWALL },
        { name: 'dns.log', data: dns },
      ],
      { timezone: 'Europe/Amsterdam' },
    );
    // Firewall 12:00:03 Amsterdam = 11:00:03Z; DNS answer 1:00:02 PM Amsterdam = 12:00:02Z: an hour too late.
    expect(records[0]?.names).toEqual([]);
    const utc = await runLogs([
      { name: 'pfirewall.log', data: FIREWALL },
      { name: 'dns.log', data: dns.replaceAll(' 1:00:0', ' 12:00:0') },
    ]);
    expect(utc.records[0]?.names).toEqual([{ name: 'www.example.com', via: 'dns', frame: 3 }]);
    expect(anomalies.count('windows-dns-debug-date-order-assumed')).toBe(1);
  });
});
