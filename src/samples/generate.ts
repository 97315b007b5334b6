/**
 * `npm run samples`: writes samples/admin-pc-workday.pcap and samples/telemetry-decrypted.pcapng (keys inside)
 * with the project's capture writer and renders their
 * audit report in every format into samples/reports/ (fixed report time and legal date, so the committed
 * reports only change when the tool, its data or the sample changes). tests/samples checks they are current.
 * Then the README's screenshot of the HTML report (screenshot.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminPcWorkdayPcap } from './admin-pc-workday-pcap.js';
import { SAMPLE_AUDITS, sampleAuditArgs, sampleAuditEnv, sampleReportFiles } from './sample-audits.js';
import { screenshotReport } from './screenshot.js';
import { telemetryDecryptedPcapng } from './telemetry-decrypted.js';

const root = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const samples = join(root, 'samples');

const capture = join(samples, 'admin-pc-workday.pcap');
mkdirSync(join(samples, 'reports'), { recursive: true });
const pcap = adminPcWorkdayPcap();
writeFileSync(capture, pcap.bytes);
process.stdout.write(`wrote ${capture} (${pcap.packets} packets)\n`);
const decryptedCapture = join(samples, 'telemetry-decrypted.pcapng');
const decrypted = telemetryDecryptedPcapng();
writeFileSync(decryptedCapture, decrypted.bytes);
process.stdout.write(`wrote ${decryptedCapture} (${decrypted.packets} packets, keys inside)\n`);

for (const sample of SAMPLE_AUDITS) {
  const run = spawnSync(
    process.execPath,
    [join(root, 'bin', 'outflow.js'), ...sampleAuditArgs(sample, sampleReportFiles(sample))],
    { cwd: root, encoding: 'utf8', env: sampleAuditEnv(process.env) },
  );
  process.stdout.write(run.stderr);
  if (run.status !== 0) process.exitCode = run.status ?? 1;
}

// The README's picture of the HTML report, from the report just written.
const html = join(samples, 'reports', 'admin-pc-workday.html');
const png = join(samples, 'reports', 'admin-pc-workday.png');
const skipped = await screenshotReport(html, png);
process.stdout.write(skipped === null ? `wrote ${png}\n` : `screenshot not taken (${skipped}): ${png} left as it is\n`);
