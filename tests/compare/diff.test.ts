import { describe, expect, it } from 'vitest';
import { diffReports } from '../../src/compare/diff.js';
import { DIFF_RENDERERS } from '../../src/compare/diff-renderers.js';
import { rendererForPath } from '../../src/core/renderer-choice.js';
import { operator, report } from './report-builder.js';

const g = operator('Google LLC');
const files = { from: 'mon.json', to: 'tue.json' };

const before = report(
  [
    { name: 'same.example.com', country: 'NL', transfer: 'eea', risk: 'low' },
    { name: 'risky.example.com', country: 'US', operator: g, risk: 'low', personalData: 'possible' },
    { name: 'moved.example.com', country: 'DE', transfer: 'eea', risk: 'low' },
    { name: 'bytes.example.com', country: 'US' },
    { name: 'gone.example.com', country: 'SG', risk: 'high' },
  ],
  { generatedAt: '2026-03-02T08:00:00.000Z', share: 0.25, highestRisk: 'high' },
);
const after = report(
  [
    { name: 'same.example.com', country: 'NL', transfer: 'eea', risk: 'low' },
    {
      name: 'risky.example.com',
      country: 'US',
      operator: g,
      risk: 'high',
      transfer: 'third-country',
      personalData: 'observed',
      personalDataKinds: ['e-mail address'],
    },
    { name: 'moved.example.com', country: 'US', transfer: 'third-country', risk: 'medium' },
    { name: 'bytes.example.com', country: 'US', out: { packets: 1, bytes: 5000 } },
    { name: 'new-b.example.org', country: 'US', risk: 'low' },
    { name: 'new-a.example.org', country: 'CN', risk: 'high' },
  ],
  { generatedAt: '2026-03-03T08:00:00.000Z', share: 0.5, highestRisk: 'high' },
);
const d = diffReports(before, after, files);

describe('diffReports', () => {
  it('lists new and gone groups riskiest first', () => {
    expect(d.new.map((x) => x.key)).toEqual(['|new-a.example.org|CN', '|new-b.example.org|US']);
    expect(d.gone.map((x) => x.key)).toEqual(['|gone.example.com|SG']);
    expect(d.gone[0]).toMatchObject({ name: 'gone.example.com', risk: 'high', bytes: 1500 });
  });

  it('reports each kind of change: risk, transfer, personal data and kinds, country, bytes', () => {
    const risky = d.changed.find((c) => c.name === 'risky.example.com');
    expect(risky?.changes).toEqual([
      { field: 'risk', from: 'low', to: 'high' },
      { field: 'personalData', from: 'possible', to: 'observed' },
      { field: 'personalDataKinds', added: ['e-mail address'], removed: [] },
    ]);
    const moved = d.changed.find((c) => c.name === 'moved.example.com');
    expect(moved).toMatchObject({ key: '|moved.example.com|US', fromKey: '|moved.example.com|DE' });
    expect(moved?.changes.map((c) => c.field)).toEqual(['risk', 'transfer', 'country']);
    const bytes = d.changed.find((c) => c.name === 'bytes.example.com');
    expect(bytes?.changes).toEqual([{ field: 'bytes', from: 1500, to: 5500, delta: 4000 }]);
    expect(d.changed.some((c) => c.name === 'same.example.com')).toBe(false);
  });

  it('orders classification changes before volume-only ones, riskiest first', () => {
    expect(d.changed.map((c) => c.name)).toEqual(['risky.example.com', 'moved.example.com', 'bytes.example.com']);
  });

  it('computes summary deltas', () => {
    expect(d.summary).toMatchObject({
      highestRisk: { from: 'high', to: 'high' },
      bytesLeavingEeaShare: { from: 0.25, to: 0.5, delta: 0.25 },
      destinations: { from: 5, to: 6, delta: 1 },
      newGroups: 2,
      goneGroups: 1,
      changedGroups: 3,
    });
  });

  it('does not pair a country move when it is ambiguous', () => {
    const a = report([
      { name: 'cdn.example.com', country: 'NL' },
      { name: 'cdn.example.com', country: 'DE' },
    ]);
    const b = report([{ name: 'cdn.example.com', country: 'US' }]);
    const x = diffReports(a, b, files);
    expect([x.new.length, x.gone.length, x.changed.length]).toEqual([1, 2, 0]);
  });

  it('is deterministic whatever the order of groups in the inputs', () => {
    const shuffled = { ...after, destinations: [...after.destinations].reverse() };
    const again = diffReports({ ...before, destinations: [...before.destinations].reverse() }, shuffled, files);
    expect(again).toEqual(d);
  });
});

describe('diff renderers', () => {
  it('table says what changed in words', () => {
    const text = DIFF_RENDERERS.table.render(d);
    expect(text).toContain('share leaving the EEA 25.0% → 50.0% (+25.0 pp)');
    expect(text).toContain('2 new, 1 gone, 3 changed');
    expect(text).toContain('+ new-a.example.org (CN China): risk high');
    expect(text).toContain('- gone.example.com (SG Singapore)');
    expect(text).toContain('~ risky.example.com (Google LLC): risk low → high; personal data possible → observed');
    expect(text).toContain('country DE Germany → US United States');
    expect(text).toContain('bytes 1.50 kB → 5.50 kB (+4.00 kB)');
  });

  it('JSON round-trips the diff and Markdown has sections', () => {
    expect(JSON.parse(DIFF_RENDERERS.json.render(d))).toEqual(d);
    const md = DIFF_RENDERERS.md.render(d);
    expect(md).toMatch(/^# outflow diff\n/);
    expect(md).toContain('## New (2)');
    expect(md).toContain('## Changed (3)');
  });

  it('escapes hostile names for terminal and Markdown', () => {
    const evil = '\x1b[2J<script>|x';
    const x = diffReports(report([]), report([{ name: evil }]), files);
    const text = DIFF_RENDERERS.table.render(x);
    expect(text).not.toContain('\x1b');
    expect(text).toContain('\\x1b[2J<script>|x');
    expect(DIFF_RENDERERS.md.render(x)).toContain('\\x1b\\[2J\\<script\\>\\|x');
  });

  it('says so when nothing changed, and picks renderers by extension', () => {
    const same = diffReports(before, before, files);
    expect(DIFF_RENDERERS.table.render(same)).toContain('No destination changed.');
    expect(rendererForPath(DIFF_RENDERERS, 'x/d.MD')?.id).toBe('md');
    expect(rendererForPath(DIFF_RENDERERS, 'd.json')?.id).toBe('json');
    expect(rendererForPath(DIFF_RENDERERS, 'd.html')).toBeNull();
  });
});

describe('the share leaving the EEA when bytes are not recorded', () => {
  it('compares the share of flows when either report left bytes unknown for some flows, and says so', () => {
    const a = report([{ name: 'a.example.com' }], { share: 0 });
    const b = report([{ name: 'a.example.com' }], { share: 0 });
    a.summary.flowsWithoutBytes = 1;
    a.summary.flowsLeavingEeaShare = 0.4;
    b.summary.flowsWithoutBytes = 1;
    b.summary.flowsLeavingEeaShare = 0.6;
    const d = diffReports(a, b, files);
    expect(d.summary.leavingEeaOf).toBe('flows');
    expect(d.summary.flowsLeavingEeaShare.delta).toBeCloseTo(0.2);
    expect(DIFF_RENDERERS.table.render(d)).toContain('share of flows leaving the EEA 40.0% → 60.0% (+20.0 pp)');
  });

  it('compares bytes when both reports recorded them', () => {
    const d = diffReports(report([{ name: 'a.example.com' }], { share: 0.1 }), report([], { share: 0.3 }), files);
    expect(d.summary.leavingEeaOf).toBe('bytes');
    expect(DIFF_RENDERERS.table.render(d)).toContain('share leaving the EEA 10.0% → 30.0%');
  });
});
