/**
 * The committed samples are goldens (Zeek's btest style): the sample capture is what the project's writer makes,
 * and every committed report is what the real CLI prints for it today, byte for byte, with the report time fixed
 * by SOURCE_DATE_EPOCH. After an intended change, `npm run samples` regenerates them; review the diff.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminPcWorkdayPcap } from '../../src/samples/admin-pc-workday-pcap.js';
import {
  SAMPLE_AUDITS,
  SAMPLE_FORMATS,
  sampleAuditArgs,
  sampleAuditEnv,
  sampleReportFiles,
} from '../../src/samples/sample-audits.js';
import { telemetryDecryptedPcapng } from '../../src/samples/telemetry-decrypted.js';
import { cli, repoRoot, tempDir } from '../e2e/helpers.js';

const STALE = 'is stale: run `npm run samples` and review the diff';

describe('samples/ are current', () => {
  it('samples/admin-pc-workday.pcap is what the capture writer makes', () => {
    const committed = readFileSync(join(repoRoot, 'samples', 'admin-pc-workday.pcap'));
    const made = Buffer.from(adminPcWorkdayPcap().bytes);
    expect(committed.equals(made), `samples/admin-pc-workday.pcap ${STALE}`).toBe(true);
  });

  it('samples/telemetry-decrypted.pcapng is what the capture writer makes', () => {
    const committed = readFileSync(join(repoRoot, 'samples', 'telemetry-decrypted.pcapng'));
    const made = Buffer.from(telemetryDecryptedPcapng().bytes);
    expect(committed.equals(made), `samples/telemetry-decrypted.pcapng ${STALE}`).toBe(true);
  });

  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  for (const sample of SAMPLE_AUDITS) {
    it(`samples/reports/${sample.stem}.* equal the CLI's reports in every format`, () => {
      const outputs = SAMPLE_FORMATS.map((ext) => join(tmp.dir, `${sample.stem}.${ext}`));
      const env: NodeJS.ProcessEnv = { ...sampleAuditEnv(process.env), FORCE_COLOR: '0' };
      const run = spawnSync(process.execPath, [cli, ...sampleAuditArgs(sample, outputs)], {
        cwd: repoRoot,
        encoding: 'utf8',
        env,
      });
      expect(run.status, run.stderr).toBe(0);
      const committedFiles = sampleReportFiles(sample);
      for (const [i, output] of outputs.entries()) {
        const committed = committedFiles[i] as string;
        const expected = readFileSync(join(repoRoot, committed), 'utf8');
        const actual = readFileSync(output, 'utf8');
        expect(actual === expected, `${committed} ${STALE}`).toBe(true);
      }
    });
  }
});

describe('the README quick start', () => {
  it('shows the first lines of what the sample audit prints, as committed in samples/reports', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const block = /what the command prints[^\n]*\n[^\n]*\n\n```text\n([\s\S]*?)…\n```/.exec(readme)?.[1];
    expect(block, 'README.md has no quick-start output block').toBeDefined();
    const lines = (block ?? '').split('\n').slice(0, -1);
    const sample = readFileSync(join(repoRoot, 'samples', 'reports', 'admin-pc-workday.txt'), 'utf8').split('\n');
    expect(lines.length).toBeGreaterThan(10);
    expect(lines, 'README.md quick start is stale: copy the head of samples/reports/admin-pc-workday.txt').toEqual(
      sample.slice(0, lines.length),
    );
  });
});
