/**
 * Seed logs for the fuzzer, one set per registered log format (ingest/logs/registry.ts): the project's log
 * generators where there is one (src/ingest/logs/testing/), otherwise a few synthetic lines in the format's
 * documented shape, covering its event kinds (connections, teardowns, DNS answers, proxy requests). A test of
 * the fuzzer checks that every registered format has seeds and that each seed sniffs as its format.
 */
import { generateFortigatePieces } from '../../ingest/logs/testing/generate-fortigate.js';
import { generateNetfilterPieces } from '../../ingest/logs/testing/generate-netfilter.js';
import { generateWindowsFirewallLog } from '../../ingest/logs/testing/generate-windows-firewall.js';
import { generateZeekConnPieces } from '../../ingest/logs/testing/generate-zeek-conn.js';

const NS = 'http://schemas.microsoft.com/win/2004/08/events/event';

function first(pieces: Generator<string>): string {
  return pieces.next().value ?? '';
}

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

/** A Palo Alto TRAFFIC row with the documented positions filled in. */
function paloRow(over: Record<number, string>): string {
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

const sysmon = (id: number, data: string) =>
  `<Event xmlns="${NS}"><System><Provider Name="Microsoft-Windows-Sysmon"/><EventID>${id}</EventID><TimeCreated SystemTime="2019-05-23T16:49:08.2087630Z"/></System><EventData>${data}</EventData></Event>`;

/** Seeds per log format id. */
export const LOG_SEEDS: Record<string, () => string[]> = {
  'windows-firewall': () => [generateWindowsFirewallLog(30, 7), generateWindowsFirewallLog(12, 8)],
  'windows-events-xml': () => [
    lines(
      sysmon(
        3,
        '<Data Name="UtcTime">2019-05-23 16:49:07.834</Data><Data Name="ProcessId">3872</Data><Data Name="Image">C:\\Windows\\System32\\wbem\\WMIC.exe</Data><Data Name="User">IEWIN7\\IEUser</Data><Data Name="Protocol">tcp</Data><Data Name="Initiated">True</Data><Data Name="SourceIp">10.0.2.15</Data><Data Name="SourcePort">49167</Data><Data Name="DestinationIp">45.76.12.27</Data><Data Name="DestinationHostname">host.example.com</Data><Data Name="DestinationPort">443</Data>',
      ),
      sysmon(
        22,
        "<Data Name='UtcTime'>2019-05-23 16:49:07.000</Data><Data Name='QueryName'>www.example.org</Data><Data Name='QueryResults'>type:  5 edge.example.net;::ffff:45.76.12.27;2001:db8::1;</Data>",
      ),
      `<Event xmlns="${NS}"><System><EventID>5156</EventID><TimeCreated SystemTime="2019-02-13T18:02:04.4266620Z"/></System><EventData><Data Name="ProcessID">600</Data><Data Name="Application">\\device\\harddiskvolume1\\windows\\system32\\lsass.exe</Data><Data Name="Direction">%%14593</Data><Data Name="SourceAddress">10.0.2.15</Data><Data Name="SourcePort">50000</Data><Data Name="DestAddress">203.0.113.9</Data><Data Name="DestPort">443</Data><Data Name="Protocol">6</Data></EventData></Event>`,
    ),
  ],
  'windows-events-json': () => [
    lines(
      '{"EventID":3,"Channel":"Microsoft-Windows-Sysmon/Operational","UtcTime":"2020-01-01 00:00:00.000","Protocol":"tcp","SourceIp":"10.0.0.1","SourcePort":"1","DestinationIp":"192.0.2.1","DestinationPort":"443","DestinationHostname":"a.example"}',
      '{"@timestamp":"2020-01-01T10:00:00.000Z","winlog":{"event_id":3,"provider_name":"Microsoft-Windows-Sysmon","event_data":{"UtcTime":"2020-01-01 10:00:00.500","Protocol":"udp","Initiated":"true","SourceIp":"10.0.0.5","SourcePort":"5353","DestinationIp":"fe80::1","DestinationPort":"53","Image":"C:\\\\x.exe"}}}',
      '{"EventID":22,"UtcTime":"2020-01-01 00:00:00.000","QueryName":"b.example","QueryResults":"type:  5 c.example;192.0.2.7;"}',
    ),
    JSON.stringify(
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
    ),
  ],
  zeek: () => [
    first(generateZeekConnPieces(25, 3)),
    lines(
      '{"ts":1591425407.765563,"uid":"C1","id.orig_h":"10.0.0.1","id.orig_p":1,"id.resp_h":"192.0.2.1","id.resp_p":443,"proto":"tcp","conn_state":"SF","orig_bytes":10,"resp_bytes":20}',
      '{"ts":1591425407.7,"uid":"C1","id.orig_h":"10.0.0.1","id.orig_p":1,"id.resp_h":"192.0.2.1","id.resp_p":443,"server_name":"a.example","version":"TLSv13"}',
      '{"ts":1591425407.1,"uid":"C2","id.orig_h":"10.0.0.1","id.orig_p":5353,"id.resp_h":"10.0.0.53","id.resp_p":53,"proto":"udp","query":"a.example","answers":["192.0.2.1"],"TTLs":[60.0]}',
    ),
  ],
  'suricata-eve': () => [
    lines(
      '{"timestamp":"2024-12-18T19:40:00.000000-0500","flow_id":1234567890123456789,"event_type":"tls","src_ip":"192.168.1.5","src_port":50000,"dest_ip":"93.184.216.34","dest_port":443,"proto":"TCP","tls":{"sni":"Example.COM"}}',
      '{"timestamp":"2024-12-18T19:40:05.000000-0500","flow_id":1234567890123456788,"event_type":"http","src_ip":"192.168.1.5","src_port":50001,"dest_ip":"93.184.216.35","dest_port":80,"proto":"TCP","http":{"hostname":"a.example","url":"\\/p?q=secret","http_method":"GET"}}',
      '{"timestamp":"2024-12-18T19:40:06.000000-0500","event_type":"dns","src_ip":"192.168.1.5","src_port":5353,"dest_ip":"192.168.1.1","dest_port":53,"proto":"UDP","dns":{"type":"answer","rrname":"a.example","rrtype":"A","rdata":"93.184.216.35","ttl":60}}',
      '{"timestamp":"2024-12-18T19:41:00.000000-0500","flow_id":1234567890123456789,"event_type":"flow","src_ip":"192.168.1.5","src_port":50000,"dest_ip":"93.184.216.34","dest_port":443,"proto":"TCP","flow":{"pkts_toserver":10,"pkts_toclient":12,"bytes_toserver":1000,"bytes_toclient":9000,"start":"2024-12-18T19:40:00.000000-0500","end":"2024-12-18T19:41:00.000000-0500","state":"closed"}}',
    ),
  ],
  netfilter: () => [
    first(generateNetfilterPieces(25, 5)),
    lines(
      'Mar  1 10:00:00 host kernel: [522434.959192] [UFW BLOCK] IN=eth0 OUT= MAC=00:01 SRC=203.0.113.5 DST=192.0.2.10 LEN=40 TOS=0x00 PREC=0x00 TTL=245 ID=37308 PROTO=TCP SPT=8080 DPT=8123 WINDOW=1024 RES=0x00 SYN URGP=0 ',
      'Mar  1 10:00:01 host kernel: [522435.0] [UFW AUDIT] IN= OUT=eth0 SRC=192.0.2.10 DST=2001:db8::1 LEN=60 PROTO=UDP SPT=5353 DPT=53 LEN=40',
      'Mar  1 10:00:01 host kernel: [522435.0] [UFW ALLOW] IN= OUT=eth0 SRC=192.0.2.10 DST=2001:db8::1 LEN=60 PROTO=UDP SPT=5353 DPT=53 LEN=40',
    ),
  ],
  'pf-filterlog': () => [
    lines(
      'Jan  1 00:00:00 fw filterlog: 5,,,1000,em0,match,block,in,4,0x0,,64,1,0,none,6,tcp,40,192.0.2.1,10.0.0.1,1,22,0,S,1,,1,,',
      '<134>1 2025-11-06T11:32:42.868451+00:00 fw filterlog 92653 - - 7,,,1000000102,vtnet0.5,match,block,in,4,0x0,,64,19008,0,DF,6,tcp,60,192.168.5.6,192.168.1.100,42970,80,0,S,523876198,,64240,,mss;sackOK',
      'Jan  1 00:00:01 fw filterlog: 5,,,1000,em0,match,pass,out,6,0x00,0x00000,64,udp,17,40,2001:db8::1,2001:db8::2,5353,53,40',
    ),
  ],
  fortigate: () => [
    first(generateFortigatePieces(20, 9)),
    lines(
      '<189>date=2024-12-26 time=09:35:30 devname="fw" devid="FG100" eventtime=1735202130361752831 tz="+0100" logid="0000000013" type="traffic" subtype="forward" srcip=10.0.0.4 srcport=10000 dstip=5.6.7.8 dstport=443 proto=6 action="close" duration=6 sentbyte=100 rcvdbyte=52 sentpkt=2 rcvdpkt=1 hostname="www.Example.com" user="alice"',
    ),
  ],
  'paloalto-traffic': () => [
    lines(
      paloRow({}),
      paloRow({ 7: '2001:db8::5', 8: '2001:db8::9', 29: 'udp', 25: '53' }),
      `<14>Jul  1 12:00:11 pa-fw ${paloRow({ 1: '7/1/24 12:01', 6: '7/1/24 12:01', 35: '7/1/24 12:01' })}`,
    ),
  ],
  'cisco-asa': () => [
    lines(
      'Apr 29 2013 12:59:50: %ASA-6-302013: Built outbound TCP connection 1 for outside:192.0.2.43/443 (192.0.2.43/443) to inside:10.0.0.42/4952 (198.51.100.1/12834)',
      'Apr 29 2013 12:59:51: %ASA-6-302015: Built inbound UDP connection 2 for outside:203.0.113.9/5353 (203.0.113.9/5353)(LOCAL\\user) to dmz:10.0.0.7/53 (198.51.100.7/53)',
      'Apr 29 2013 12:59:52 UTC: %ASA-6-302016 Teardown UDP connection 2 for outside:203.0.113.9/5353 user1 to dmz:10.0.0.7/53 user2 duration 1:23:45 bytes 140',
      'Apr 29 2013 13:00:50: %ASA-6-302014: Teardown TCP connection 1 for outside:192.0.2.43/443 to inside:10.0.0.42/4952 duration 0:01:00 bytes 5000 TCP FINs',
    ),
  ],
  squid: () => [
    lines(
      '1767614400.250    250 10.0.0.5 TCP_TUNNEL/200 5120 CONNECT www.example.com:443 alice HIER_DIRECT/93.184.216.34 -',
      '1767614401.000    100 10.0.0.6 TCP_MISS/200 1024 GET http://news.example.org/a/b?user=jan@example.com - HIER_DIRECT/198.51.100.7 text/html',
      '1767614402.000      5 10.0.0.6 TCP_DENIED/403 10 GET http://[2001:db8::7]:8080/x - HIER_NONE/- text/html',
    ),
  ],
  dnsmasq: () => [
    lines(
      'Jan  5 12:00:01 pi dnsmasq[812]: query[A] www.example.com from 192.168.1.10',
      'Jan  5 12:00:01 pi dnsmasq[812]: forwarded www.example.com to 1.1.1.1',
      'Jan  5 12:00:02 pi dnsmasq[812]: reply www.example.com is <CNAME>',
      'Jan  5 12:00:02 pi dnsmasq[812]: reply edge.example.net is 93.184.216.34',
      'Jan  5 12:00:02 pi dnsmasq[812]: cached v6.example is 2001:db8::1',
      'Jan  5 12:00:02 pi dnsmasq[812]: reply nx.example is NXDOMAIN',
    ),
  ],
  'windows-dns-debug': () => [
    lines(
      '1/5/2026 1:00:01 PM 0E4C PACKET  00000221A56F7A70 UDP Rcv 192.168.1.10    d3f5   Q [0001   D   NOERROR] A      (3)www(7)example(3)com(0)',
      '1/5/2026 1:00:02 PM 0E4C PACKET  00000221A56F7A70 UDP Snd 192.168.1.10    d3f5 R Q [8081   DR  NOERROR] A      (3)www(7)example(3)com(0)',
      '6/17/2023 10:21:33 AM 0E4C PACKET  00000221A56F7A70 TCP Snd fe80::1 d3f6 R Q [8081   DR  NXDOMAIN] AAAA (1)a(7)example(0)',
    ),
  ],
  cef: () => [
    lines(
      '<134>Jan  1 host CEF:0|Ven\\|dor|Prod|1.0|100|Name with space|5|src=10.0.0.1 msg=a b\\=c dst=1.2.3.4',
      'CEF:0|Check Point|VPN-1|R81|Accept|Accept|3|rt=1700000000000 src=10.0.0.5 spt=50000 dst=203.0.113.10 dpt=443 proto=TCP in=1200 out=80000 act=Accept dhost=files.example.com suser=bob sproc=C:\\app.exe spid=42',
      'CEF:0|V|P|1|1|n|1|src=10.0.0.1 dst=192.0.2.1 spt=1 dpt=443 proto=TCP rt=Jan 01 2024 00:00:00',
    ),
  ],
};

/** Tokens that move log parsers onto their edge paths (separators, quoting, extreme numbers, odd addresses). */
export const LOG_DICT = [
  '\n',
  '\r\n',
  '\t',
  ' ',
  ',',
  ';',
  '=',
  '"',
  "'",
  '\\',
  '-',
  '(empty)',
  '{',
  '}',
  '[',
  ']',
  ':',
  '<',
  '>',
  '/>',
  '&amp;',
  '&#x0;',
  '%%14593',
  '0',
  '-1',
  '65536',
  '4294967296',
  '18446744073709551616',
  '1e308',
  '9999999999999',
  'NaN',
  '0x',
  '::',
  '::ffff:1.2.3.4',
  '255.255.255.255',
  '1.2.3',
  'fe80::1%eth0',
  '1970-01-01',
  '2024-02-30',
  '24:61:61',
  'PM',
  '#Fields: ',
  '#separator \\x09',
  '\u00e9',
  '\ufffd',
  '\u0000',
];
