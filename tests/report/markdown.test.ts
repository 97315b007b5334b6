import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown/markdown-renderer.js';
import { hostileReportFixture, reportFixture } from '../fixtures/report-fixture.js';

describe('Markdown DPIA annex', () => {
  const md = renderMarkdown(reportFixture());

  it('has the sections a DPIA annex needs, in order', () => {
    const headings = md.split('\n').filter((l) => /^##? /.test(l));
    expect(headings).toEqual([
      '# Annex: transfers of personal data observed in network traffic',
      '## Summary',
      '## Destinations',
      '## Findings (high and medium risk)',
      '## Method',
      '## Data sources',
      '## Limitations',
      '## Skipped input',
      '## Inputs',
    ]);
    expect(md).toContain('**Verdict: HIGH RISK.**');
  });

  it('states the legal basis of its method and its sources', () => {
    expect(md).toContain('C-582/14 Breyer');
    expect(md).toContain('10 July 2023');
    expect(md).toContain('IP Geolocation by DB-IP \\(https://db-ip.com\\)');
    expect(md).toContain('CC BY 4.0');
    expect(md).toContain('9f2c4e0d8b7a61f3c5e2d4b6a8f0e1c3d5b7a9f1e3c5d7b9a1f3e5c7d9b1a3f5');
    expect(md).toContain('Times in logs/fortigate-2026-03-02.log were read as Europe/Amsterdam');
    for (const l of reportFixture().limitations) expect(md).toContain(l.slice(0, 40));
  });

  it('lists reasons and evidence references for high and medium groups only', () => {
    expect(md).toContain('### HIGH: telemetry.pdfsuite-update.com');
    expect(md).toContain('### MEDIUM: self.events.data.microsoft.com');
    expect(md).not.toContain('### LOW');
    expect(md).toContain('**e1** (pii): E-mail address in an HTTP query parameter');
    expect(md).toContain('frame 18233, field http.request.uri.query');
  });

  it('keeps every table row on one line and escapes hostile values', () => {
    const hostile = renderMarkdown(hostileReportFixture());
    // CommonMark treats a backslash-escaped "<" as text, so no raw HTML can start anywhere.
    expect(hostile).not.toMatch(/(?<!\\)</);
    expect(hostile).not.toContain('\x1b');
    expect(hostile).not.toMatch(/[\u2028\u2029\u202e]/);
    expect(hostile).toContain('\\<script\\>alert\\(1\\)\\</script\\>');
    const table = hostile.split('\n').filter((l) => l.startsWith('| **'));
    for (const row of table) expect(row.split(/(?<!\\)\|/).length).toBe(12);
  });
});
