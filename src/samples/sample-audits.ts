/**
 * The committed samples and how each is audited: one definition that `npm run samples` writes from and the
 * samples golden test (tests/samples/samples-golden.test.ts) checks against, so the two cannot drift.
 */

/** 2026-11-29T00:00:00Z: the report time written into the committed sample reports (SOURCE_DATE_EPOCH). */
export const SAMPLE_REPORT_EPOCH = '1795910400';
/** The legal date the samples are judged on. */
export const SAMPLE_AS_OF = '2026-11-29';
/** Every report format a sample is rendered in, by file extension. */
export const SAMPLE_FORMATS = ['txt', 'json', 'csv', 'md', 'html', 'ndjson'] as const;

export interface SampleAudit {
  /** The input, relative to the repository root. */
  input: string;
  /** Report files are samples/reports/<stem>.<ext>. */
  stem: string;
  /** Options besides the outputs. */
  options: string[];
}

export const SAMPLE_AUDITS: readonly SampleAudit[] = [
  {
    input: 'samples/admin-pc-workday.pcap',
    stem: 'admin-pc-workday',
    options: ['--vantage', 'NL', '--as-of', SAMPLE_AS_OF, '--fail-on', 'never'],
  },
  {
    // Keys inside the capture (a pcapng Decryption Secrets Block): the content of three flows is read.
    input: 'samples/telemetry-decrypted.pcapng',
    stem: 'telemetry-decrypted',
    options: ['--vantage', 'NL', '--as-of', SAMPLE_AS_OF, '--fail-on', 'never'],
  },
];

/** The report files of a sample audit, relative to the repository root. */
export function sampleReportFiles(sample: SampleAudit): string[] {
  return SAMPLE_FORMATS.map((ext) => `samples/reports/${sample.stem}.${ext}`);
}

/** The CLI arguments that audit a sample into the given report files. */
export function sampleAuditArgs(sample: SampleAudit, outputs: readonly string[]): string[] {
  return ['audit', sample.input, ...sample.options, ...outputs.flatMap((o) => ['-o', o])];
}

/** The environment a sample audit runs in: fixed report time, no colour. */
export function sampleAuditEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...base, SOURCE_DATE_EPOCH: SAMPLE_REPORT_EPOCH, NO_COLOR: '1' };
}
