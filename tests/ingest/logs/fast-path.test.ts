/**
 * The throughput work (field-walking fast paths, compact held records, streaming finish) must not change a
 * single output byte. Digests below were computed with the code before that work (per-line split/Map parsing,
 * FlowRecord objects held) over the same generated logs: NDJSON of the records in output order, then the
 * anomaly entries and time assumptions.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Anomalies } from '../../../src/core/anomalies.js';
import type { FlowRecord } from '../../../src/flows/flow-record.js';
import { LogIngest } from '../../../src/ingest/logs/log-ingest.js';
import { generateNetfilterPieces } from '../../../src/ingest/logs/testing/generate-netfilter.js';
import { generateWindowsFirewallPieces } from '../../../src/ingest/logs/testing/generate-windows-firewall.js';
import { generateZeekConnPieces } from '../../../src/ingest/logs/testing/generate-zeek-conn.js';
import { chunked, NOW_MS, runLog, runLogs } from './log-test-helpers.js';

const GENERATORS = {
  'windows-firewall': generateWindowsFirewallPieces,
  'zeek-conn': generateZeekConnPieces,
  netfilter: generateNetfilterPieces,
} as const;

/** sha256 over 20 000 generated lines (seed 11), per format and --timezone, from the code before the change. */
const BEFORE: [keyof typeof GENERATORS, string | null, string][] = [
  ['windows-firewall', null, '88d0980f7f52f788283d87f3bcd2fe688231246ef4d3cb02dbcf197d83fae19b'],
  ['windows-firewall', 'Europe/Amsterdam', 'a3063a0265d77cd69af1fed585fa5b73cf119a810d288932852b38fc67f22ed9'],
  ['zeek-conn', null, '4b1860a4fbe6b0f6062254da4baa05091b648e0f39acee119f508703f2c12d79'],
  ['zeek-conn', 'Europe/Amsterdam', '4b1860a4fbe6b0f6062254da4baa05091b648e0f39acee119f508703f2c12d79'],
  ['netfilter', null, '2a8647ccdb4026e9e11d901d9cdf9a230ba272a0a5a6a8e46e8a6a9a23cde20e'],
  ['netfilter', 'Europe/Amsterdam', 'dfe6d69f47b663fa0ce29041709f449b29195f13f983785444567cb941adb4d9'],
];

async function digest(text: string, timezone: string | null): Promise<{ n: number; sha: string }> {
  const data = Buffer.from(text);
  const anomalies = new Anomalies();
  const ingest = new LogIngest({ timezone, anomalies, nowMs: NOW_MS });
  const format = LogIngest.sniff(data.subarray(0, 64 * 1024));
  if (format === null) throw new Error('not sniffed');
  await ingest.addFile({ name: 'gen.log', chunks: chunked(data, data.length + 1) }, format);
  const h = createHash('sha256');
  let n = 0;
  const back = ingest.finish((f) => {
    h.update(`${JSON.stringify(f)}\n`);
    n++;
  });
  expect(back).toEqual([]);
  h.update(JSON.stringify(anomalies.entries()));
  h.update(JSON.stringify(ingest.timeAssumptions()));
  return { n, sha: h.digest('hex') };
}

const plain = (records: FlowRecord[]) => records.map((r) => JSON.stringify(r));

describe('log fast paths give the records the general code gave', () => {
  it.each(BEFORE)('%s (timezone %s): same NDJSON, anomalies and time notes as before', async (id, tz, sha) => {
    const text = joinPieces(GENERATORS[id](20_000, 11));
    expect(await digest(text, tz)).toEqual({ n: 20_000, sha });
  });

  it('finish(onFlow) streams exactly what finish() returns, then holds nothing', async () => {
    const text = joinPieces(generateWindowsFirewallPieces(3000, 5));
    const whole = await runLog(text);
    const anomalies = new Anomalies();
    const ingest = new LogIngest({ timezone: null, anomalies, nowMs: NOW_MS });
    const format = LogIngest.sniff(Buffer.from(text.slice(0, 4096)));
    if (format === null) throw new Error('not sniffed');
    await ingest.addFile({ name: 'test.log', chunks: chunked(Buffer.from(text), 4096) }, format);
    const streamed: FlowRecord[] = [];
    expect(ingest.finish((f) => streamed.push(f))).toEqual([]);
    expect(plain(streamed)).toEqual(plain(whole.records));
    expect(ingest.finish()).toEqual([]);
  });

  it('streams zeek joins (conn + ssl by uid) and out-of-order rows like finish()', async () => {
    const conn = joinPieces(generateZeekConnPieces(400, 9));
    const uids = [...conn.matchAll(/\n[\d.]+\t(C\w+)\t/g)].map((m) => m[1] ?? '').slice(0, 50);
    const ssl =
      '#separator \\x09\n#path\tssl\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tserver_name\n' +
      uids
        .map((u, i) => `${1711836000 + (50 - i)}.5\t${u}\t10.0.0.2\t5000\t1.2.3.4\t443\tHost${i}.Example\n`)
        .join('') +
      '1711836001.5\tCnoconn\t10.0.0.9\t5001\t1.2.3.5\t443\tlone.example\n';
    const inputs = [
      { name: 'ssl.log', data: ssl },
      { name: 'conn.log', data: conn },
    ];
    const whole = await runLogs(inputs);
    const ingest = new LogIngest({ timezone: null, anomalies: new Anomalies(), nowMs: NOW_MS });
    for (const i of inputs) {
      const data = Buffer.from(i.data);
      const format = LogIngest.sniff(data);
      if (format === null) throw new Error('not sniffed');
      await ingest.addFile({ name: i.name, chunks: chunked(data, 777) }, format);
    }
    const streamed: FlowRecord[] = [];
    ingest.finish((f) => streamed.push(f));
    expect(plain(streamed)).toEqual(plain(whole.records));
    expect(whole.records).toHaveLength(401);
    expect(whole.records.filter((r) => r.names.some((n) => n.via === 'sni'))).toHaveLength(51);
  });

  it('windows-firewall: a line read by the fast path equals the same line read by the general one', async () => {
    // A trailing blank sends a line to the general path (it trims first); the tokens are the same.
    const lines = joinPieces(generateWindowsFirewallPieces(200, 3)).split('\r\n').slice(5, 200);
    const header =
      '#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid\n';
    expect((await runLog(`${header}${lines[0] ?? ''} \n`)).records).toHaveLength(1);
    // Found by this property (seed 1152364226): a 6-digit port with a leading zero is refused by both paths.
    const zeroPadded = `${header}2024-03-30 22:00:02 ALLOW TCP 192.168.1.16 168.123.124.42 052270 443 0 - 0 0 0 - - - SEND 6428\n`;
    const refused = await runLog(zeroPadded);
    expect(refused.records).toHaveLength(0);
    expect(refused.anomalies.count('windows-firewall-bad-line')).toBe(1);
    const chars = fc.constantFrom(' ', '-', '0', '9', ':', '.', 'x', 'ALLOW', 'TCP', '\t', '65536', '1e3', '0x1');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...lines), fc.nat(120), fc.nat(3), chars, async (line, at, cut, insert) => {
        const mutated = line.slice(0, at) + insert + line.slice(at + cut);
        if (/\s$/.test(mutated)) return;
        const fast = await runLog(`${header}${mutated}\n`);
        const general = await runLog(`${header}${mutated} \n`);
        expect(plain(fast.records)).toEqual(plain(general.records));
        expect(fast.anomalies.entries().map((e) => [e.reason, e.count])).toEqual(
          general.anomalies.entries().map((e) => [e.reason, e.count]),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('zeek conn: a row read by the fast path equals the same row read by the general one', async () => {
    // A two-character separator sends every row to the general path (the fast path walks one-character ones).
    const text = joinPieces(generateZeekConnPieces(200, 4)).split('\n');
    const header = text.filter((l) => l.startsWith('#') && !l.startsWith('#close'));
    const rows = text.filter((l) => l !== '' && !l.startsWith('#'));
    const wide = (l: string) => l.split('\t').join('\t\t');
    const wideHeader = ['#separator \\x09\\x09', ...header.slice(1).map(wide)];
    const first = rows[0] ?? '';
    expect((await runLog(`${wideHeader.join('\n')}\n${wide(first)}\n`)).records).toHaveLength(1);
    // Found by this property (seed 154228273): a 6-digit port with a leading zero is refused by both paths.
    const cells = first.split('\t');
    cells[3] = `0${cells[3] ?? ''}`;
    const padded = cells.join('\t');
    const viaFast = await runLog(`${header.join('\n')}\n${padded}\n`);
    const viaGeneral = await runLog(`${wideHeader.join('\n')}\n${wide(padded)}\n`);
    expect(plain(viaFast.records)).toEqual(plain(viaGeneral.records));
    const chars = fc.constantFrom('\t', '-', '0', '9', '.', 'x', 'tcp', 'icmp', '1e3', '(empty)', '::1', ' ');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...rows), fc.nat(160), fc.nat(3), chars, async (row, at, cut, insert) => {
        const mutated = row.slice(0, at) + insert + row.slice(at + cut);
        const fast = await runLog(`${header.join('\n')}\n${mutated}\n`);
        const general = await runLog(`${wideHeader.join('\n')}\n${wide(mutated)}\n`);
        expect(plain(fast.records)).toEqual(plain(general.records));
        expect(fast.anomalies.entries().map((e) => [e.reason, e.count])).toEqual(
          general.anomalies.entries().map((e) => [e.reason, e.count]),
        );
      }),
      { numRuns: 300 },
    );
  });
});

/** Joins generated pieces into one string (small logs for tests). */
function joinPieces(pieces: Iterable<string>): string {
  let out = '';
  for (const piece of pieces) out += piece;
  return out;
}
