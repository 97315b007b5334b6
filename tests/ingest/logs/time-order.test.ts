/**
 * LogIngest hands records out in first-seen order, ties in the order they were read: merging the ascending
 * runs as records are taken (hand-out-order.ts, up to MAX_WAYS runs) or merge-sorting them first (more runs)
 * must give exactly what a stable sort gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_WAYS } from '../../../src/ingest/logs/hand-out-order.js';
import { runLog } from './log-test-helpers.js';

const HEADER =
  '#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid\n';

function line(second: number, port: number): string {
  const stamp = new Date(Date.UTC(2024, 6, 1, 12, 0, second)).toISOString();
  return `${stamp.slice(0, 10)} ${stamp.slice(11, 19)} ALLOW TCP 192.168.1.10 93.184.216.34 ${port} 443 0 - 0 0 0 - - - SEND 4\n`;
}

async function order(seconds: number[]): Promise<number[]> {
  const text = HEADER + seconds.map((s, i) => line(s, i + 1)).join('');
  return (await runLog(text)).records.map((r) => r.clientPort - 1);
}

function stableOrder(seconds: number[]): number[] {
  return seconds
    .map((s, i) => [s, i] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map(([, i]) => i);
}

describe('records are handed out in first-seen order', () => {
  it('runs, ties and a jump back (as after a DST change)', async () => {
    expect(await order([5, 6, 7, 1, 2, 8, 0, 9])).toEqual([6, 3, 4, 0, 1, 2, 5, 7]);
    expect(await order([3, 3, 1, 3, 1])).toEqual([2, 4, 0, 1, 3]);
    expect(await order([9, 8, 7, 6, 5])).toEqual([4, 3, 2, 1, 0]);
    expect(await order([1, 2, 3])).toEqual([0, 1, 2]);
  });

  it('merges as many runs as it merges on the fly, and one more, like a stable sort', async () => {
    for (const ways of [MAX_WAYS - 1, MAX_WAYS, MAX_WAYS + 1, 3 * MAX_WAYS]) {
      // `ways` descending runs of 3 with ties across runs: 2,3,4 then 1,2,3 then 0,1,2 ...
      const seconds = Array.from({ length: ways }, (_, r) => [ways - r + 1, ways - r + 2, ways - r + 3]).flat();
      expect(await order(seconds)).toEqual(stableOrder(seconds));
    }
  });

  it('equals a stable sort by time for any order of lines', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 120 }), async (seconds) => {
        expect(await order(seconds)).toEqual(stableOrder(seconds));
      }),
      { numRuns: 300 },
    );
  });
});
