import { describe, expect, it } from 'vitest';
import { pseudonym, pseudonymizeReport } from '../../src/report/pseudonymize.js';
import { reportFixture } from '../fixtures/report-fixture.js';

const KEY = 'a test key of enough length';

describe('pseudonymizeReport', () => {
  const original = reportFixture();
  const p = pseudonymizeReport(original, KEY);

  it('replaces every client address and leaves the input report untouched', () => {
    const clients = new Set(original.destinations.flatMap((d) => d.clients));
    const text = JSON.stringify(p);
    for (const c of clients) expect(text).not.toContain(`"${c}"`);
    expect(original.metadata.pseudonymized).toBe(false);
    expect(p.metadata.pseudonymized).toBe(true);
  });

  it('hashes local destinations, their names and their group keys, but keeps public ones', () => {
    for (const [i, d] of p.destinations.entries()) {
      const before = original.destinations[i];
      if (before === undefined) continue;
      if (before.scope === 'public') {
        expect(d.names).toEqual(before.names);
        expect(d.key).toBe(before.key);
      } else {
        for (const ip of before.ips) expect(JSON.stringify(d)).not.toContain(ip);
        for (const n of before.names) expect(d.key).not.toContain(n.name);
      }
    }
  });

  it('is stable for the same key and differs for another key', () => {
    expect(pseudonymizeReport(original, KEY)).toEqual(p);
    expect(pseudonym(KEY, 'host', '10.0.0.1')).not.toBe(pseudonym(`${KEY}!`, 'host', '10.0.0.1'));
  });
});
