import { describe, expect, it } from 'vitest';
import { hasShared, runLog, sharedFile } from './log-test-helpers.js';

process.env.TZ = 'America/St_Johns';

describe('pf-filterlog', () => {
  it('reads IPv4 and IPv6 layouts in RFC 5424 and BSD syslog', async () => {
    const text = [
      '<134>1 2025-11-06T11:32:42.868451+00:00 fw filterlog 92653 - - 7,,,1000000102,vtnet0.5,match,block,in,4,0x0,,64,19008,0,DF,6,tcp,60,192.168.5.6,192.168.1.100,42970,80,0,S,523876198,,64240,,mss;sackOK',
      '<134>1 2025-11-06T11:42:14.270789+01:00 fw filterlog 92653 - - 621,,,1644355515,vtnet0.10,match,pass,out,6,0x00,0x07c63,64,UDP,17,44,fdfd:ace:ace:10::1,2001:db8::6,65382,53,36',
      'Sep 30 14:35:50 pfSense filterlog[123]: 53,,,1000102631,em0,match,block,in,4,0x0,,64,892,0,none,1,icmp,84,10.0.2.2,10.0.2.15,unreach,host 1.2.3.4 unreachable - admin prohibited',
      'Sep 30 14:35:51 pfSense filterlog: 53,,,x,em0,match,block,in,4,0x0,,64,892,0,none,6,tcp,44,10.0.2.2,999.0.2.15,1,2,0,S',
      'Sep 30 14:35:52 pfSense sshd[1]: Accepted publickey',
    ].join('\n');
    const { records, anomalies, format } = await runLog(text);
    expect(format?.id).toBe('pf-filterlog');
    expect(
      records.map(
        (r) =>
          `${r.firstSeen} ${r.proto} ${r.client}:${r.clientPort}>${r.server}:${r.serverPort} ${r.action} ${r.bytesOut} ${r.tcpFlags}`,
      ),
    ).toEqual([
      '2025-09-30T14:35:50.000000Z icmp 10.0.2.2:0>10.0.2.15:0 drop 84 ',
      '2025-11-06T10:42:14.270789Z udp fdfd:ace:ace:10::1:65382>2001:db8::6:53 allow 84 ',
      '2025-11-06T11:32:42.868451Z tcp 192.168.5.6:42970>192.168.1.100:80 drop 60 S',
    ]);
    expect(anomalies.count('pf-filterlog-bad-line')).toBe(1);
    expect(anomalies.count('pf-filterlog-other-line')).toBe(1);
  });
});

describe.skipIf(!hasShared('pf-filterlog', 'crowdsecurity_hub__pfsense-rfc5424-filterlog.log'))(
  'pf-filterlog shared samples',
  () => {
    it('matches NOTES.md (first 4 lines)', async () => {
      const { records } = await runLog(
        await sharedFile('pf-filterlog', 'crowdsecurity_hub__pfsense-rfc5424-filterlog.log'),
      );
      expect(
        records
          .slice(0, 4)
          .map(
            (r) => `${r.firstSeen} ${r.client}:${r.clientPort}>${r.server}:${r.serverPort} ${r.action} ${r.bytesOut}`,
          ),
      ).toEqual([
        '2025-11-06T11:32:42.868451Z 192.168.5.6:42970>192.168.1.100:80 drop 60',
        '2025-11-06T11:42:14.270685Z 192.168.10.110:55726>192.168.5.6:443 drop 64',
        // IPv6 payload length 44 + 40-byte header: IP-level bytes like every other source.
        '2025-11-06T11:42:14.270789Z fdfd:ace:ace:10:d8:cdbf:f6f8:6d69:65382>fdfd:ace:ace:5::6:443 drop 84',
        '2025-11-06T11:47:38.269437Z 192.168.5.6:58014>192.168.1.100:80 drop 60',
      ]);
    });

    it('reads the BSD-syslog scan file', async () => {
      const { records, format } = await runLog(
        await sharedFile('pf-filterlog', 'crowdsecurity_hub__pf-scan-multi-port.log'),
      );
      expect(format?.id).toBe('pf-filterlog');
      expect(records.length).toBeGreaterThan(0);
    });
  },
);
