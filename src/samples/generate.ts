/**
 * `npm run samples`: writes samples/admin-pc-workday.pcap with the project's capture writer and renders its
 * audit report in every format into samples/reports/ (fixed report time and legal date, so the committed
 * reports only change when the tool, its data or the sample changes).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePcap } from '../writer/pcap-writer.js';
import { adminPcWorkday } from './admin-pc-workday.js';

const root = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const samples = join(root, 'samples');
/** 2026-11-29T00:00:00Z: the report time written into the committed sample reports. */
export const SAMPLE_REPORT_EPOCH = '1795910400';
export const SAMPLE_AS_OF = '2026-11-29';

const capture = join(samples, 'admin-pc-workday.pcap');
mkdirSync(join(samples, 'reports'), { recursive: true });
const frames = adminPcWorkday();
writeFileSync(
  capture,
  writePcap(
    { linkType: 1 },
    frames.map(([data, tsMicros]) => ({ data, tsMicros })),
  ),
);
process.stdout.write(`wrote ${capture} (${frames.length} packets)\n`);

const outputs = ['txt', 'json', 'csv', 'md', 'html', 'ndjson'].map((ext) =>
  join(samples, 'reports', `admin-pc-workday.${ext}`),
);
const run = spawnSync(
  process.execPath,
  [
    join(root, 'bin', 'outflow.js'),
    'audit',
    'samples/admin-pc-workday.pcap',
    '--vantage',
    'NL',
    '--as-of',
    SAMPLE_AS_OF,
    '--fail-on',
    'never',
    ...outputs.flatMap((o) => ['-o', o.replace(`${root}/`, '')]),
  ],
  { cwd: root, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: SAMPLE_REPORT_EPOCH, NO_COLOR: '1' } },
);
process.stdout.write(run.stderr);
if (run.status !== 0) process.exitCode = run.status ?? 1;
