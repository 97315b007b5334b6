import { describe, expect, it } from 'vitest';
import { parseCefExtension, splitCef } from '../../../src/ingest/logs/cef.js';
import { runLog } from './log-test-helpers.js';

process.env.TZ = 'America/St_Johns';

describe('cef', () => {
  it('splits escaped headers and extension values with spaces and escapes', () => {
    const c = splitCef(
      '<134>Jan  1 host CEF:0|Ven\\|dor|Prod|1.0|100|Name with space|5|src=10.0.0.1 msg=a b\\=c dst=1.2.3.4',
    );
    expect(c?.header).toEqual(['0', 'Ven|dor', 'Prod', '1.0', '100', 'Name with space', '5']);
    expect([...parseCefExtension(c?.ext ?? '')]).toEqual([
      ['src', '10.0.0.1'],
      ['msg', 'a b=c'],
      ['dst', '1.2.3.4'],
    ]);
  });

  it('reads flows with epoch and text times, byte direction as vendors write it (out = sent by the source), names and process', async () => {
    const text = [
      'CEF:0|Check Point|VPN-1|R81|Accept|Accept|3|rt=1700000000000 src=10.0.0.5 spt=50000 dst=203.0.113.10 dpt=443 proto=TCP in=1200 out=80000 act=Accept dhost=files.<b>example</b>.com suser=bob sproc=C:\\app.exe spid=42',
      '<134>Mar  1 10:00:00 fw CEF:0|Fortinet|Fortigate|v6|13|traffic:forward close|3|start=Nov 14 2023 22:13:20 UTC src=10.0.0.6 dst=203.0.113.11 proto=17 spt=5000 dpt=53',
      'CEF:0|X|Y|1|2|login|3|suser=alice',
      'CEF:0|X|Y|1|2|bad|3|src=10.0.0.1 dst=nope',
    ].join('\n');
    const { records, anomalies, format } = await runLog(text);
    expect(format?.id).toBe('cef');
    expect(
      records.map(
        (r) =>
          `${r.firstSeen} ${r.proto} ${r.client}:${r.clientPort}>${r.server}:${r.serverPort} ${r.bytesOut}/${r.bytesIn} ${r.action}`,
      ),
    ).toEqual([
      // in=1200 out=80000: the client sent 80000 bytes and received 1200 (FortiOS: sentbyte → out, rcvdbyte → in).
      '2023-11-14T22:13:20.000000Z tcp 10.0.0.5:50000>203.0.113.10:443 80000/1200 accept',
      '2023-11-14T22:13:20.000000Z udp 10.0.0.6:5000>203.0.113.11:53 null/null traffic:forward close',
    ]);
    expect(records[0]?.names[0]?.name).toBe('files.\\x3cb\\x3eexample\\x3c\\x2fb\\x3e.com');
    expect(records[0]?.process).toEqual({ image: 'C:\\app.exe', pid: 42, user: 'bob' });
    expect(anomalies.count('cef-not-a-flow-event')).toBe(1);
    expect(anomalies.count('cef-bad-line')).toBe(1);
  });
});
