/**
 * The audit's memory grows with destination groups kept compact, not with the report: its destinations and
 * evidence are built one at a time as the report is written (audit/report-lists.ts). A log of 50,000 lines to
 * ~33,000 destinations is audited in a heap of 72 MB; when the report was built whole (groups, destinations and
 * evidence at once) the same run ran out of memory below 90 MB.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateWindowsFirewallPieces } from '../../src/ingest/logs/testing/generate-windows-firewall.js';
import { cli, repoRoot, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('audit memory', () => {
  it('audits a log of ~33,000 destinations in a 72 MB heap', () => {
    const log = join(tmp.dir, 'pfirewall.log');
    const fd = openSync(log, 'w');
    for (const piece of generateWindowsFirewallPieces(50_000, 7)) writeSync(fd, piece);
    closeSync(fd);
    const out = join(tmp.dir, 'report.json');
    const r = spawnSync(
      process.execPath,
      ['--max-old-space-size=72', cli, 'audit', log, '-f', 'json', '-o', out, '-q', '--fail-on', 'never'],
      { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      summary: { destinations: number };
      destinations: unknown[];
    };
    expect(report.summary.destinations).toBeGreaterThan(30_000);
    expect(report.destinations).toHaveLength(report.summary.destinations);
  }, 120_000);
});
