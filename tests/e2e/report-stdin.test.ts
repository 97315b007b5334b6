/** Reports read back from standard input work the same in every command (one report reader). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

describe('reports on standard input', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const report = join(tmp.dir, 'a.json');

  it('diff - FILE reads the first report from stdin and names it so', () => {
    const audit = runCli(['audit', 'samples/admin-pc-workday.pcap', '--fail-on', 'never', '-q', '-o', report]);
    expect(audit.status, audit.stderr).toBe(0);
    const r = runCli(['diff', '-', report], { input: readFileSync(report) });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('outflow diff: stdin (');
  });

  it('refuses a report from a newer outflow, on stdin as from a file, before reading anything else', () => {
    const r = runCli(['diff', '-', report], { input: Buffer.from('{"schemaVersion":"1.9.0"}') });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'stdin is not a usable outflow report: report schema 1.9.0 was written by a newer outflow',
    );
  });
});
