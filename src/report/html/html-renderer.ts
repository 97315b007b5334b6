/**
 * One self-contained HTML file that works offline and prints to PDF: inline CSS and JS only, no request of any
 * kind, and a Content-Security-Policy that allows exactly the one <style> and one <script> by their SHA-256
 * hashes (CSP Level 3 §8.4 hash-source), so even a value that escaped escaping could not run or load anything.
 * Every value from the report goes through escapeHtml (or escapeJsonForScript inside the JSON block).
 */
import { createHash } from 'node:crypto';
import { hasBaseline } from '../baseline-words.js';
import { escapeHtml as h } from '../escape.js';
import type { ReportView } from '../model.js';
import { batchedSink, collectText } from '../text-sink.js';
import { wholeReport } from '../whole-report.js';
import { baselineSection } from './baseline-section.js';
import { volumeCharts } from './charts.js';
import { CLIENT_SCRIPT, clientScript } from './client-script.js';
import { destinationTable } from './destination-table.js';
import { evidenceList, findings, inputs, method, skipped, sources } from './detail-sections.js';
import { joinLines, type Text } from './pieces.js';
import { STYLES, stylesFor } from './styles.js';
import { header, riskWord, summaryCards, verdict } from './summary-sections.js';
import { timeline } from './timeline.js';
import type { WorldGeometry } from './world-geometry.js';
import { worldMap } from './world-map.js';

export interface HtmlOptions {
  /** Country outlines; null draws the map on a graticule only. */
  world: WorldGeometry | null;
}

export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The policy for exactly this style and script text (both differ in a report made with --baseline). */
export function contentSecurityPolicy(styles = STYLES, script = CLIENT_SCRIPT): string {
  return [
    "default-src 'none'",
    `style-src ${cspHash(styles)}`,
    `script-src ${cspHash(script)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function section(id: string, title: string, body: Text, major = false): Iterable<string> {
  return joinLines([
    `<section id="${id}"${major ? ' class="major"' : ''}>`,
    `<h2>${h(title)}</h2>`,
    body,
    '</section>',
  ]);
}

/** The HTML, handed to `sink` in batches of pieces (its tables may have hundreds of thousands of rows). */
export function writeHtml(view: ReportView, options: HtmlOptions, sink: (text: string) => void): void {
  const report = wholeReport(view);
  const title = `Transfer report: ${riskWord(report.summary.highestRisk)} (${report.metadata.generatedAt.slice(0, 10)})`;
  const attributions = report.metadata.databases.map((d) => `${h(d.attribution)} (${h(d.licence)})`).join(' · ');
  const baseline = hasBaseline(report);
  const styles = stylesFor(baseline);
  const script = clientScript(baseline);
  const pieces = joinLines([
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(styles, script)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${h(`${report.metadata.tool.name} ${report.metadata.tool.version}`)}">`,
    `<title>${h(title)}</title>`,
    `<style>${styles}</style>`,
    '</head>',
    '<body>',
    header(report),
    verdict(report),
    summaryCards(report),
    section('map', 'Where the data went', worldMap(report, options.world)),
    section('volume', 'Volume', volumeCharts(report)),
    section('timeline', 'Activity over time', timeline(report)),
    section('destinations-section', 'Destinations', destinationTable(report), true),
    ...(baseline ? [section('since-baseline', 'Since the baseline', baselineSection(report))] : []),
    section('findings', 'Findings: high and medium risk', findings(report), true),
    section('evidence', 'Evidence', evidenceList(report)),
    section('method', 'Method and limitations', method(report), true),
    section('sources', 'Data sources', sources(report)),
    section('inputs', 'Inputs', inputs(report)),
    section('skipped', 'Skipped input', skipped(report)),
    `<footer>Made with ${h(report.metadata.tool.name)} ${h(report.metadata.tool.version)}. ${attributions}.</footer>`,
    `<script>${script}</script>`,
    '</body>',
    '</html>',
    '',
  ]);
  const out = batchedSink(sink);
  for (const piece of pieces) out.put(piece);
  out.end();
}

export function renderHtml(report: ReportView, options: HtmlOptions): string {
  return collectText((sink) => writeHtml(report, options, sink));
}
