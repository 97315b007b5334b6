import { describe, expect, it } from 'vitest';
import { Anomalies, MAX_EXAMPLES_PER_REASON } from '../../src/core/anomalies.js';

describe('Anomalies', () => {
  it('counts every occurrence and keeps the first few locations per reason', () => {
    const a = new Anomalies();
    for (let i = 1; i <= 8; i++) a.add('bad-length', { file: 'x.pcap', frame: i });
    a.add('bad-length');
    expect(a.count('bad-length')).toBe(9);
    expect(a.entries()[0]?.examples.map((e) => e.frame)).toEqual([1, 2, 3, 4, 5].slice(0, MAX_EXAMPLES_PER_REASON));
  });

  it('merging per-file counts in file order equals counting them all in one place', () => {
    const occurrences: [string, number | null][][] = [
      [
        ['short', 1],
        ['short', null],
        ['bad', 2],
      ],
      [
        ['short', 3],
        ['short', 4],
        ['short', 5],
        ['short', 6],
        ['other', 7],
      ],
      [['short', 8]],
    ];
    const whole = new Anomalies();
    const merged = new Anomalies();
    for (const [file, list] of occurrences.entries()) {
      const part = new Anomalies();
      for (const [reason, frame] of list) {
        const where = frame === null ? undefined : { file: `f${file}`, frame };
        whole.add(reason, where);
        part.add(reason, where);
      }
      merged.mergeEntries(part.entries());
    }
    expect(merged.entries()).toEqual(whole.entries());
    expect(merged.total).toBe(9);
  });
});
