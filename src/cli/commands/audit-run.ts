/**
 * What `outflow audit` does once its arguments are parsed (the command and its options: audit.ts): read the
 * config, check the options, run the audit, pseudonymize, apply the baseline, render every output and choose the
 * exit code. Loaded only when audit runs.
 */

import { hostname } from 'node:os';
import { type AuditConfig, findConfig, loadConfig } from '../../audit/config.js';
import { type AuditOptions, runAudit } from '../../audit/run-audit.js';
// scheduled use: --baseline and output path templates (src/compare/).
import { applyBaseline } from '../../compare/baseline.js';
import { isIsoDate } from '../../core/calendar-date.js';
import { UsageError } from '../../core/errors.js';
import { collectNow } from '../../core/heap-bound.js';
import { limitHeapGrowth } from '../../core/heap-growth.js';
import { chooseRenderer } from '../../core/renderer-choice.js';
import type { DpfMode } from '../../enrich/jurisdiction/recipient-transfer.js';
import { parseVantage } from '../../enrich/location/speed-of-light.js';
import { resolveJobs } from '../../pipeline/jobs.js';
import { escapeTerminal } from '../../report/escape.js';
import type { ReportView, Risk } from '../../report/model.js';
import { MIN_KEY_LENGTH, PSEUDONYM_KEY_ENV, pseudonymizeReport } from '../../report/pseudonymize.js';
import { RENDERERS, type Renderer, type RendererId } from '../../report/registry.js';
import { expandCliInputs } from '../expand-cli-inputs.js';
import { loadKeyLogs, stderrWarn } from '../keylogs.js';
import { reportTime, streamSink, writeRenderedFile } from '../output.js';
import { expandOutputTemplate } from '../output-templates.js';
import { toolVersion } from '../program.js';
import { createReadProgress, runLine } from '../progress.js';
import type { AuditCliOptions, FailOn } from './audit.js';

const RISK_RANK: Record<Risk, number> = { none: 0, low: 1, medium: 2, high: 3 };

/** The command's action: inputs expanded (estate: directories and globs), the exit code set. */
export async function auditAction(inputs: string[], opts: AuditCliOptions): Promise<void> {
  const { files, skipped } = await expandCliInputs(inputs);
  const code = await runAuditCommand(files, opts);
  // issue #20: an input (directory) that could not be read is code 2, findings or not: the report lacks it.
  process.exitCode = skipped > 0 ? EXIT_UNREAD : code;
}

/** Some input could not be read (the others were): "usage error or unusable input" (cli/main.ts EXIT_USAGE). */
const EXIT_UNREAD = 2;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function useColor(opts: AuditCliOptions): boolean {
  if (!opts.color || process.env.NO_COLOR !== undefined) return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return process.stdout.isTTY === true;
}

export async function runAuditCommand(inputs: string[], opts: AuditCliOptions): Promise<number> {
  // An audit holds a group per destination and allocates fast while it builds the report (core/heap-growth.ts).
  limitHeapGrowth();
  // scheduled-use: without --config, ./outflow.config.{json,yaml,yml} from the current directory.
  const configFile = opts.config ?? findConfig(process.cwd());
  if (opts.config === undefined && configFile !== null && opts.verbose === true && opts.quiet !== true)
    process.stderr.write(`outflow: using config ${escapeTerminal(configFile)} (found in the current directory)\n`);
  const config: AuditConfig = configFile !== null ? loadConfig(configFile) : {};
  const policy = config.policy ?? {};
  const failOn: FailOn = opts.failOn ?? config.failOn ?? 'high';
  const grace = Number(opts.dnsGrace);
  if (!Number.isFinite(grace) || grace < 0) throw new UsageError('--dns-grace must be a number of seconds ≥ 0');
  const jobs = resolveJobs(opts.jobs, config.jobs);
  const asOf = opts.asOf ?? today();
  const dpf: DpfMode = opts.dpf ?? config.dpf ?? 'rely';
  if (!isIsoDate(asOf)) throw new UsageError('--as-of must be a date YYYY-MM-DD');
  const vantageText = opts.vantage ?? policy.vantage;
  const vantage = vantageText === undefined ? null : parseVantage(vantageText);
  if (vantageText !== undefined && vantage === null) {
    throw new UsageError(`--vantage must be a country code (NL) or lat,lon (52.08,4.31), not "${vantageText}"`);
  }
  // scheduled use: one report time for the report and the output path templates ({date}, {time} ...).
  const at = reportTime();
  const ext = opts.format === undefined ? null : (RENDERERS[opts.format].extensions[0]?.slice(1) ?? null);
  const outputs = (opts.output.length > 0 ? opts.output : (config.outputs ?? [])).map((p) =>
    p === '-' ? p : expandOutputTemplate(p, { generatedAt: at, host: hostname(), firstInput: inputs[0], ext }),
  );
  const targets = resolveOutputs(outputs, opts.format);
  // scheduled use: read the baseline before the (long) audit, so a wrong file fails at once.
  // The report reader (Ajv and the report schema) is loaded only for a baseline: ~70 ms that every audit paid.
  const previous =
    opts.baseline === undefined
      ? null
      : await (await import('../../report-reader/read-report.js')).readReport(opts.baseline);
  let key: string | null = null;
  if (opts.pseudonymize === true) {
    const env = config.pseudonymize?.keyEnv ?? PSEUDONYM_KEY_ENV;
    key = process.env[env] ?? null;
    if (key === null || key.length < MIN_KEY_LENGTH) {
      throw new UsageError(
        `--pseudonymize needs a key of at least ${MIN_KEY_LENGTH} characters in the environment variable ${env}`,
      );
    }
  }
  const allowCountries = [...(policy.allowedCountries ?? []), ...opts.allowCountry].map((c) => c.toUpperCase());
  const allowOperators = [...(policy.allowedOperators ?? []), ...opts.allowOperator];
  const ignored = [...(policy.ignored ?? []), ...opts.ignore];
  // scheduled-use: progress line while reading; its byte count feeds the closing summary line.
  const progress = createReadProgress(process.stderr, opts.quiet === true);
  const keylogs = [...(config.keylogs ?? []), ...opts.keylog];
  const keys =
    keylogs.length === 0 ? null : await loadKeyLogs(keylogs, opts.quiet === true ? () => undefined : stderrWarn);
  const auditOptions: AuditOptions = {
    inputs,
    keys,
    geoipDirs: opts.geoipDir.length > 0 ? opts.geoipDir : (config.geoipDirs ?? []),
    rules: [...(config.rules ?? []), ...opts.rules],
    internalCidrs: [...(policy.internalCidrs ?? []), ...opts.internal],
    internalSuffixes: [...(policy.internalSuffixes ?? []), ...opts.internalDomain],
    vantage,
    timezone: opts.timezone ?? config.timezone ?? null,
    policy: {
      ...(allowCountries.length > 0 ? { allowedCountries: allowCountries } : {}),
      ...(allowOperators.length > 0 ? { allowedOperators: allowOperators } : {}),
      ...(ignored.length > 0 ? { ignored } : {}),
    },
    showValues: opts.showValues === true,
    asOf,
    dpf,
    generatedAt: at,
    dnsGraceSeconds: grace,
    jobs,
    toolVersion: toolVersion(),
    recordedOptions: {
      failOn,
      asOf,
      dpf,
      vantage: vantageText ?? null,
      showValues: opts.showValues === true,
      pseudonymize: opts.pseudonymize === true,
      rules: opts.rules,
      keylog: keylogs,
      internal: opts.internal,
      timezone: opts.timezone ?? config.timezone ?? null,
    },
  };
  const { report: raw, timings } = await runAudit({ ...auditOptions, progress }).finally(() => progress.end());
  const pseudonymized: ReportView = key !== null ? pseudonymizeReport(raw, key) : raw;
  // scheduled use: after pseudonymizing: applyBaseline refuses a clear-text baseline for a pseudonymized report.
  const report = previous === null ? pseudonymized : applyBaseline(pseudonymized, previous, opts.baseline ?? '');
  // The report holds the destination groups and little else now; what the assessment allocated on the way is
  // garbage, but V8 set its heap limit from what was live at its last collection, which may have fallen in the
  // middle of the assessment: the audit of 398,621 destinations then peaked at 363-410 MB from one run to the
  // next. One collection here sets the limit for the rendering from the report alone: 377-381 MB, same time
  // (~0.1 s for the collection; issue #18).
  collectNow();
  const color = useColor(opts);
  const renderStarted = performance.now();
  for (const t of targets) {
    const ctx = {
      color: t.path === '-' ? color : false,
      columns: t.path === '-' ? (process.stdout.columns ?? 120) : 120,
    };
    if (t.path === '-') {
      const out = streamSink(process.stdout);
      t.renderer.write(report, ctx, (text) => out.write(text));
      await out.drain();
    } else await writeRenderedFile(t.path, (sink) => t.renderer.write(report, ctx, sink));
  }
  if (opts.timings === true) {
    const render = (performance.now() - renderStarted) / 1000;
    const s = (n: number) => `${n.toFixed(2)} s`;
    process.stderr.write(
      `outflow: timings: read ${s(timings.read)}, enrich ${s(timings.enrich)}, group ${s(timings.group)}, assess ${s(timings.assess)}, render ${s(render)}\n`,
    );
  }
  const toStdout = targets.some((t) => t.path === '-');
  if (opts.quiet !== true) {
    if (!toStdout || targets.length > 1) process.stderr.write(`outflow: ${escapeTerminal(report.summary.verdict)}\n`);
    for (const t of targets)
      if (t.path !== '-') process.stderr.write(`outflow: wrote ${escapeTerminal(t.path)} (${t.renderer.id})\n`);
    // scheduled-use: the closing summary line, as `flows` prints it.
    process.stderr.write(
      `outflow: ${runLine({
        inputs: report.metadata.inputs.length,
        packets: report.metadata.inputs.some((i) => i.packets !== null)
          ? report.metadata.inputs.reduce((n, i) => n + (i.packets ?? 0), 0)
          : null,
        lines: progress.totalLines,
        flows: report.summary.flows,
        skipped: report.skipped.reduce((n, s) => n + s.count, 0),
        bytes: progress.totalBytes,
        seconds: progress.elapsedSeconds(),
      })}\n`,
    );
    if (opts.verbose === true) {
      for (const s of report.skipped)
        process.stderr.write(`outflow: skipped ${s.count} × ${escapeTerminal(s.reason)}\n`);
      for (const d of report.metadata.databases)
        process.stderr.write(
          `outflow: database ${escapeTerminal(d.file)} (${d.type}, built ${d.buildDate ?? 'unknown'})\n`,
        );
    }
  }
  if (progress.skippedInputs.length > 0) return EXIT_UNREAD;
  if (failOn === 'never') return 0;
  return RISK_RANK[report.summary.highestRisk] >= RISK_RANK[failOn] ? 1 : 0;
}

function resolveOutputs(outputs: string[], format: RendererId | undefined): { path: string; renderer: Renderer }[] {
  if (outputs.length === 0) return [{ path: '-', renderer: RENDERERS[format ?? 'table'] }];
  return outputs.map((path) => ({ path, renderer: chooseRenderer(RENDERERS, path, format, 'table') }));
}
