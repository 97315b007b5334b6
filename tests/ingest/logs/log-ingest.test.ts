import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Anomalies } from '../../../src/core/anomalies.js';
import { MAX_LINE_BYTES, splitLines } from '../../../src/ingest/logs/line-splitter.js';
import { LogIngest } from '../../../src/ingest/logs/log-ingest.js';
import { LOG_FORMATS } from '../../../src/ingest/logs/registry.js';
import { InputDataError } from '../../../src/ingest/source.js';
import { chunked, NOW_MS } from './log-test-helpers.js';

process.env.TZ = 'America/St_Johns';

/** One representative line per registered format (synthetic), for sniffing and fuzzing. */
const SAMPLES: Record<string, string> = {
  'windows-firewall':
    '#Software: Microsoft Windows Firewall\n2024-01-01 00:00:00 ALLOW TCP 10.0.0.1 192.0.2.1 50000 443 0 - 0 0 0 - - - SEND',
  'windows-events-xml':
    '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><EventID>3</EventID></System></Event>',
  'windows-events-json':
    '{"EventID":3,"Channel":"Microsoft-Windows-Sysmon/Operational","UtcTime":"2020-01-01 00:00:00.000","Protocol":"tcp","SourceIp":"10.0.0.1","SourcePort":"1","DestinationIp":"192.0.2.1","DestinationPort":"443"}',
  zeek: '{"ts":1591425407.765563,"uid":"C1","id.orig_h":"10.0.0.1","id.orig_p":1,"id.resp_h":"192.0.2.1","id.resp_p":443,"proto":"tcp","conn_state":"SF"}',
  'suricata-eve':
    '{"timestamp":"2024-01-01T00:00:00.000000+0000","flow_id":1,"event_type":"flow","src_ip":"10.0.0.1","src_port":1,"dest_ip":"192.0.2.1","dest_port":443,"proto":"TCP","flow":{}}',
  netfilter:
    'Jan  1 00:00:00 h kernel: [1.0] [UFW BLOCK] IN=eth0 OUT= SRC=192.0.2.1 DST=10.0.0.1 LEN=40 PROTO=TCP SPT=1 DPT=22 SYN',
  'pf-filterlog':
    'Jan  1 00:00:00 fw filterlog: 5,,,1000,em0,match,block,in,4,0x0,,64,1,0,none,6,tcp,40,192.0.2.1,10.0.0.1,1,22,0,S,1,,1,,',
  fortigate:
    'date=2024-01-01 time=00:00:00 devid="FG1" logid="1" type="traffic" srcip=10.0.0.1 srcport=1 dstip=192.0.2.1 dstport=443 proto=6 action="accept"',
  'paloalto-traffic': `1,2024/01/01 00:00:00,1,TRAFFIC,end,1,2024/01/01 00:00:00,10.0.0.1,192.0.2.1${',0'.repeat(15)},1,443${',0'.repeat(3)},tcp,allow`,
  'cisco-asa':
    'Jan 01 2024 00:00:00: %ASA-6-302013: Built inbound TCP connection 1 for outside:192.0.2.1/1 (192.0.2.1/1) to inside:10.0.0.1/22 (10.0.0.1/22)',
  squid: '1700000000.000 1 10.0.0.1 TCP_MISS/200 1 GET http://a.example/ - HIER_DIRECT/192.0.2.1 -',
  dnsmasq: 'Jan  1 00:00:00 pi dnsmasq[1]: reply a.example is 192.0.2.1',
  'windows-dns-debug':
    '6/17/2023 10:21:33 AM 0E4C PACKET  00000221A56F7A70 UDP Snd 10.0.0.1 d3f5 R Q [8081   DR  NOERROR] A (1)a(7)example(0)',
  cef: 'CEF:0|V|P|1|1|n|1|src=10.0.0.1 dst=192.0.2.1 spt=1 dpt=443 proto=TCP rt=1700000000000',
};

describe('LogIngest.sniff and the registry', () => {
  it('has a sample for every registered format and each sample sniffs as its own format', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(LOG_FORMATS.map((f) => f.id).sort());
    for (const [id, text] of Object.entries(SAMPLES)) {
      expect(LogIngest.sniff(Buffer.from(`${text}\n`))?.id, id).toBe(id);
    }
  });

  it('returns null for unknown input', () => {
    expect(LogIngest.sniff(Buffer.from('hello world\nthis is not a log\n'))).toBeNull();
    expect(LogIngest.sniff(new Uint8Array(0))).toBeNull();
  });

  it('sniffs UTF-16LE text with a BOM', () => {
    const text = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`${SAMPLES['windows-firewall']}\r\n`, 'utf16le'),
    ]);
    expect(LogIngest.sniff(text)?.id).toBe('windows-firewall');
  });

  it('keeps the records read before a damaged gzip stream and counts the damage', async () => {
    const anomalies = new Anomalies();
    const ingest = new LogIngest({ timezone: null, anomalies, nowMs: NOW_MS });
    const line = SAMPLES['windows-firewall'] ?? '';
    async function* broken(): AsyncIterable<Buffer> {
      yield Buffer.from(`${line}\n${line.split('\n')[1] ?? ''}\n`);
      throw new InputDataError('gzip data cut', 'x.log.gz', 'gzip-truncated', 4096);
    }
    const format = LogIngest.sniff(Buffer.from(line));
    if (format === null) throw new Error('not sniffed');
    await ingest.addFile({ name: 'x.log.gz', chunks: broken() }, format);
    expect(ingest.finish()).toHaveLength(2);
    expect(anomalies.entries().find((e) => e.reason === 'gzip-truncated')?.examples[0]).toMatchObject({
      file: 'x.log.gz',
      offset: 4096,
    });
  });

  it('never throws on random lines for any format (fuzz)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...LOG_FORMATS),
        fc.array(fc.string({ maxLength: 120 }), { maxLength: 6 }),
        async (format, junk) => {
          const anomalies = new Anomalies();
          const ingest = new LogIngest({ timezone: 'Europe/Amsterdam', anomalies, nowMs: NOW_MS });
          const sample = SAMPLES[format.id] ?? '';
          const text = [
            sample,
            ...junk,
            sample.slice(0, junk.length * 7),
            ...junk.map((j) => sample.replace('10.0.0.1', j)),
          ].join('\n');
          await ingest.addFile({ name: 'fuzz', chunks: chunked(Buffer.from(text), 5) }, format);
          ingest.finish();
          expect(anomalies.count('log-parser-internal-error')).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('splitLines', () => {
  const collect = async (data: Buffer, chunk: number, splitAfter?: string) => {
    const lines: [number, string][] = [];
    const long: number[] = [];
    await splitLines(
      chunked(data, chunk),
      { line: (t, n) => lines.push([n, t]), tooLong: (n) => long.push(n) },
      splitAfter,
    );
    return { lines, long };
  };

  it('strips BOM and CR, keeps numbering, skips over-long lines under every chunk pattern', async () => {
    const data = Buffer.from(`\ufeffa\r\nb\n${'x'.repeat(MAX_LINE_BYTES + 10)}\nc\n\nd`);
    for (const chunk of [1, 2, 3, 5, 8, 13, 70_000]) {
      const { lines, long } = await collect(data, chunk);
      expect(lines, String(chunk)).toEqual([
        [1, 'a'],
        [2, 'b'],
        [4, 'c'],
        [5, ''],
        [6, 'd'],
      ]);
      expect(long).toEqual([3]);
    }
  });

  it('gives every line once, as bytes or decoded, for any bytes in any chunk sizes (a line copied only when cut)', async () => {
    // Reference: split on LF, one CR and the first line's BOM removed, decoded as UTF-8.
    const reference = (data: Buffer): string[] => {
      const out: string[] = [];
      let start = 0;
      for (let i = 0; i <= data.length; i++) {
        if (i < data.length && data[i] !== 0x0a) continue;
        if (i === data.length && start === data.length) break;
        let s = start;
        let e = i;
        if (e > s && data[e - 1] === 0x0d) e--;
        if (out.length === 0 && e - s >= 3 && data[s] === 0xef && data[s + 1] === 0xbb && data[s + 2] === 0xbf) s += 3;
        out.push(data.toString('utf8', s, e));
        start = i + 1;
      }
      return out;
    };
    const bytesOf = fc.oneof(
      fc.constantFrom(0x0a, 0x0d, 0x20, 0x41, 0xc3, 0xa9, 0xef, 0xbb, 0xbf, 0xff, 0x00),
      fc.integer({ min: 0, max: 255 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(bytesOf, { maxLength: 200 }),
        fc.integer({ min: 1, max: 40 }),
        fc.nat(),
        async (bytes, chunk, seed) => {
          fc.pre(!(bytes[0] === 0xff && bytes[1] === 0xfe)); // UTF-16LE: decoded first, tested above
          const data = Buffer.from(bytes);
          const got: string[] = [];
          let k = seed;
          await splitLines(chunked(data, chunk), {
            line: (t) => got.push(t),
            // Take some lines as bytes and decline the others: both must see the same line.
            bytes: (buf, s, e) => {
              if (k++ % 2 === 0) return false;
              got.push(buf.toString('utf8', s, e));
              return true;
            },
            tooLong: () => got.push('(too long)'),
          });
          expect(got).toEqual(reference(data));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('decodes UTF-16LE and cuts after a token', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('é1\r\n2', 'utf16le')]);
    for (const chunk of [1, 3, 100])
      expect((await collect(utf16, chunk)).lines).toEqual([
        [1, 'é1'],
        [2, '2'],
      ]);
    const xml = Buffer.from('<E>1</Event><E>2</Event>\n<E>3</Event>');
    for (const chunk of [1, 4, 100]) {
      expect((await collect(xml, chunk, '</Event>')).lines.map((l) => l[1])).toEqual([
        '<E>1</Event>',
        '<E>2</Event>',
        '',
        '<E>3</Event>',
      ]);
    }
  });
});
