import { describe, expect, it } from 'vitest';
import { hasShared, runLog, sharedFile } from './log-test-helpers.js';

process.env.TZ = 'America/St_Johns';

describe('cisco-asa', () => {
  it('orients Built outbound by its second endpoint and joins the Teardown by id', async () => {
    const text = [
      'Apr 29 2013 12:59:50: %ASA-6-302013: Built outbound TCP connection 1 for outside:192.0.2.43/443 (192.0.2.43/443) to inside:10.0.0.42/4952 (198.51.100.1/12834)',
      'Apr 29 2013 13:00:50: %ASA-6-302014: Teardown TCP connection 1 for outside:192.0.2.43/443 to inside:10.0.0.42/4952 duration 0:01:00 bytes 5000 TCP FINs',
      'Apr 29 2013 12:59:51: %ASA-6-302015: Built inbound UDP connection 2 for outside:203.0.113.9/5353 (203.0.113.9/5353)(LOCAL\\user) to dmz:10.0.0.7/53 (198.51.100.7/53)',
      'Apr 29 2013 12:59:52 UTC: %ASA-6-302016 Teardown UDP connection 3 for outside:192.0.2.222/53 user1 to inside:10.0.0.35/52925 user2 duration 1:23:45 bytes 140',
      '<166>Apr 29 12:59:53 fw %ASA-4-106023: Deny tcp src outside:203.0.113.5/4444 dst inside:10.0.0.9/22 by access-group "outside_in" [0x0, 0x0]',
      'Apr 29 2013 12:59:54: %ASA-5-106100: access-list inside_in permitted udp inside/10.0.0.8(1234) -> outside/2001:db8::1(53) hit-cnt 1 first hit [0x1, 0x0]',
      'Apr 29 2013 12:59:55: %ASA-5-111008: User enable_15 executed the command',
      '%ASA-2-106001: Inbound TCP connection denied from 111.93.241.59/54322 to 116.6.127.122/1433 flags SYN on interface outside',
    ].join('\n');
    const { records, anomalies, format } = await runLog(text);
    expect(format?.id).toBe('cisco-asa');
    expect(
      records.map(
        (r) =>
          `${r.firstSeen} ${r.lastSeen} ${r.proto} ${r.client}:${r.clientPort}>${r.server}:${r.serverPort} ${r.action} ${r.bytesOut}/${r.bytesTotal ?? '-'} ${r.endReason}`,
      ),
    ).toEqual([
      // Teardown "bytes" is both directions summed: bytesTotal, with bytesOut unknown (null).
      '2013-04-29T11:36:07.000000Z 2013-04-29T12:59:52.000000Z udp 10.0.0.35:52925>192.0.2.222:53 allow null/140 teardown',
      '2013-04-29T12:59:50.000000Z 2013-04-29T13:00:50.000000Z tcp 10.0.0.42:4952>192.0.2.43:443 allow null/5000 tcp fins',
      '2013-04-29T12:59:51.000000Z 2013-04-29T12:59:51.000000Z udp 203.0.113.9:5353>10.0.0.7:53 allow null/- end-of-input',
      '2013-04-29T12:59:54.000000Z 2013-04-29T12:59:54.000000Z udp 10.0.0.8:1234>2001:db8::1:53 allow null/- allow',
      // BSD stamp without a year, read in March 2026: April is in the future, so the year before.
      '2025-04-29T12:59:53.000000Z 2025-04-29T12:59:53.000000Z tcp 203.0.113.5:4444>10.0.0.9:22 drop null/- drop',
    ]);
    expect(anomalies.count('cisco-asa-no-time')).toBe(1);
    expect(anomalies.count('cisco-asa-not-a-connection-message')).toBe(1);
    expect(anomalies.count('cisco-asa-teardown-without-built')).toBe(1);
  });
});

describe.skipIf(!hasShared('cisco-asa', 'elastic_beats__sample.log'))('cisco-asa shared samples', () => {
  it('matches NOTES.md for the beats sample (lines 7, 9, 11 + teardowns 12, 13)', async () => {
    const { records } = await runLog(await sharedFile('cisco-asa', 'elastic_beats__sample.log'));
    const at = (n: number) => records.find((r) => r.source.line === n);
    expect(at(7)).toMatchObject({ client: '10.123.3.42', clientPort: 4952, server: '192.0.2.43', serverPort: 443 });
    expect(at(9)).toMatchObject({
      client: '10.123.1.35',
      clientPort: 52925,
      server: '192.0.2.222',
      serverPort: 53,
      bytesOut: null,
      bytesTotal: 140,
    });
    expect(at(11)).toMatchObject({ client: '10.123.3.42', clientPort: 4953, server: '192.0.2.1', serverPort: 80 });
    expect(at(13)).toMatchObject({
      client: '10.123.1.35',
      clientPort: 52925,
      server: '192.0.2.222',
      serverPort: 53,
      bytesOut: null,
      bytesTotal: 9999999,
    });
  });
});
