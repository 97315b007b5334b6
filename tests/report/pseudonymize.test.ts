import { describe, expect, it } from 'vitest';
import { pseudonym, pseudonymizeReport } from '../../src/report/pseudonymize.js';
import { listArray } from '../../src/report/report-list.js';
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
    for (const [i, d] of listArray(p.destinations).entries()) {
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

  it('replaces the value of every personal-data finding, whatever found it', () => {
    const report = reportFixture();
    const found = [
      { detector: 'user-name-parameter', excerpt: 'jdevries' },
      { detector: 'device-id-parameter', excerpt: '4F1A9C2E-7B3D-4E8A-9F21-6C5D0B7A3E19' },
      { detector: '1ds-device-id', excerpt: 's:4F1A9C2E' },
      { detector: 'ga-client-id', excerpt: '1187463290.1761984000' },
    ];
    for (const [i, f] of found.entries())
      report.evidence.push({ id: `x${i}`, kind: 'pii', summary: 'test', file: 'a.pcap', field: 'query uid', ...f });
    const text = JSON.stringify(pseudonymizeReport(report, KEY).evidence);
    for (const f of found) expect(text).not.toContain(f.excerpt);
  });
});
