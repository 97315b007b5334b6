/**
 * finishDrained hands out what finish() does, in the same order, and gives a slow consumer a say every
 * DRAIN_EVERY flows (an await of its drain), so NDJSON into a pipe waits for the reader instead of queueing.
 */
import { describe, expect, it } from 'vitest';
import { Anomalies } from '../../../src/core/anomalies.js';
import type { FlowRecord } from '../../../src/flows/flow-record.js';
import { DRAIN_EVERY, LogIngest } from '../../../src/ingest/logs/log-ingest.js';
import { isoFromMicros } from '../../../src/ingest/logs/log-time.js';
import { generateWindowsFirewallPieces } from '../../../src/ingest/logs/testing/generate-windows-firewall.js';
import { generateZeekConnPieces } from '../../../src/ingest/logs/testing/generate-zeek-conn.js';
import { chunked, NOW_MS, runLogs } from './log-test-helpers.js';

const join = (pieces: Iterable<string>) => [...pieces].join('');

async function ingestOf(inputs: { name: string; data: string }[]): Promise<LogIngest> {
  const ingest = new LogIngest({ timezone: 'Europe/Amsterdam', anomalies: new Anomalies(), nowMs: NOW_MS });
  for (const i of inputs) {
    const data = Buffer.from(i.data);
    const format = LogIngest.sniff(data.subarray(0, 65536));
    if (format === null) throw new Error('not sniffed');
    await ingest.addFile({ name: i.name, chunks: chunked(data, 4099) }, format);
  }
  return ingest;
}

describe('LogIngest.finishDrained', () => {
  it('gives the flows of finish(), in order, awaiting drain between batches while nothing is emitted', async () => {
    const inputs = [
      { name: 'pfirewall.log', data: join(generateWindowsFirewallPieces(2500, 8)) },
      { name: 'conn.log', data: join(generateZeekConnPieces(700, 8)) },
    ];
    const whole = await runLogs(inputs, { timezone: 'Europe/Amsterdam', chunk: 4099 });
    const ingest = await ingestOf(inputs);
    const got: FlowRecord[] = [];
    const drainedAt: number[] = [];
    let draining = false;
    await ingest.finishDrained(
      (f) => {
        expect(draining).toBe(false);
        got.push(f);
      },
      async () => {
        draining = true;
        drainedAt.push(got.length);
        await new Promise((resolve) => setImmediate(resolve));
        draining = false;
      },
    );
    expect(got.map((r) => JSON.stringify(r))).toEqual(whole.records.map((r) => JSON.stringify(r)));
    expect(got).toHaveLength(3200);
    expect(drainedAt).toEqual([DRAIN_EVERY, 2 * DRAIN_EVERY, 3 * DRAIN_EVERY, 3200]);
    // The store is released: a second finish has nothing left.
    expect(ingest.finish()).toEqual([]);
  });

  it('tells per file the flows it handed out and their first and last times, as the records show them', async () => {
    const inputs = [
      { name: 'pfirewall.log', data: join(generateWindowsFirewallPieces(1500, 8)) },
      { name: 'conn.log', data: join(generateZeekConnPieces(400, 8)) },
      { name: 'empty.log', data: '#Version: 1.5\n#Fields: date time action protocol src-ip dst-ip\n' },
    ];
    const ingest = await ingestOf(inputs);
    expect(ingest.fileSpans()).toEqual([]);
    const want = new Map<string, { flows: number; first: string; last: string }>();
    await ingest.finishDrained(
      (f) => {
        const w = want.get(f.source.file);
        if (w === undefined) want.set(f.source.file, { flows: 1, first: f.firstSeen, last: f.lastSeen });
        else {
          w.flows++;
          if (f.firstSeen < w.first) w.first = f.firstSeen;
          if (f.lastSeen > w.last) w.last = f.lastSeen;
        }
      },
      async () => undefined,
    );
    const spans = ingest.fileSpans();
    expect(spans.map((s) => s.file).sort()).toEqual(['conn.log', 'pfirewall.log']);
    for (const s of spans) {
      expect({ flows: s.flows, first: isoFromMicros(s.firstMicros), last: isoFromMicros(s.lastMicros) }).toEqual(
        want.get(s.file),
      );
    }
  });
});
