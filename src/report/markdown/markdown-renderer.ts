/**
 * Markdown: an annex for a data protection impact assessment (Art. 35 GDPR). Every value from input goes
 * through escapeMarkdown; numbers, dates and the tool's own words are written as they are.
 */

import { baselineSection, NEW_MARK } from '../baseline-words.js';
import { escapeMarkdown as m } from '../escape.js';
import {
  categoryLabel,
  countryLabel,
  countryMarks,
  formatBytes,
  formatCount,
  formatPercent,
  formatTime,
  hostLabel,
  personalDataLabel,
  RISK_ORDER,
  recipientAndHost,
  recipientLabel,
  sortGroups,
  TRANSFER_LABEL,
  TRANSFER_ORDER,
} from '../format.js';
import { METHOD } from '../method-text.js';
import type { DestinationGroup, Evidence, Report, ReportView } from '../model.js';
import { bytesKnown, bytesUnknownSentence, leavingBytes, leavingSentence, volumeText } from '../summary-words.js';
import { batchedSink, collectText } from '../text-sink.js';
import { wholeReport } from '../whole-report.js';

const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: string[][], align?: string[]): string[] => [
  row(head),
  row(align ?? head.map(() => '---')),
  ...rows.map(row),
];

/** The recipient beside its host (network operator), both named: "vendor-x.example (owner unknown) · hosted by …". */
function recipientHost(g: DestinationGroup): string {
  return `${m(recipientLabel(g))} · ${m(hostLabel(g))}`;
}

function country(g: DestinationGroup): string {
  if (g.scope === 'local') return 'local network';
  return [m(countryLabel(g.country)), ...countryMarks(g).map((x) => `*${x}*`)].join(', ');
}

export function evidenceLine(e: Evidence): string {
  const where = [m(e.file)];
  if (e.frame !== undefined) where.push(`frame ${e.frame}`);
  if (e.line !== undefined) where.push(`line ${e.line}`);
  if (e.field !== undefined) where.push(`field ${m(e.field)}`);
  const excerpt = e.excerpt === undefined ? '' : ` — excerpt: ${m(e.excerpt)}`;
  return `**${m(e.id)}** (${m(e.kind)}): ${m(e.summary)} — ${where.join(', ')}${excerpt}`;
}

function header(report: Report): string[] {
  const md = report.metadata;
  const s = report.summary;
  const verdictRisk = s.highestRisk === 'none' ? 'NO RISK FOUND' : `${s.highestRisk.toUpperCase()} RISK`;
  const span = md.timeSpan === null ? '—' : `${formatTime(md.timeSpan.first)} – ${formatTime(md.timeSpan.last)}`;
  const vantage = md.vantage === null ? '—' : m(md.vantage.country ?? `${md.vantage.lat}, ${md.vantage.lon}`);
  return [
    '# Annex: transfers of personal data observed in network traffic',
    '',
    `**Verdict: ${verdictRisk}.** ${m(s.verdict)}`,
    '',
    ...table(
      ['Item', 'Value'],
      [
        ['Report generated', formatTime(md.generatedAt)],
        ['Tool', `${m(md.tool.name)} ${m(md.tool.version)} (report schema ${m(report.schemaVersion)})`],
        ['Traffic period', span],
        ['Capture point', vantage],
        ['Pseudonymized', md.pseudonymized ? 'yes (keyed hashes replace internal identifiers)' : 'no'],
      ],
    ),
  ];
}

function summary(report: Report): string[] {
  const s = report.summary;
  const known = bytesKnown(s);
  const unknown = bytesUnknownSentence(s);
  // Byte columns count only the flows whose bytes the input recorded: their heading says so when some are not.
  const bytesHead = known === 'all' ? 'Bytes' : 'Bytes (recorded)';
  return [
    '## Summary',
    '',
    ...table(
      ['Flows', 'Data volume', 'Destinations', 'Clients', 'Share of bytes leaving the EEA'],
      [
        [
          formatCount(s.flows),
          volumeText(s),
          formatCount(s.destinations),
          formatCount(s.clients),
          known === 'all' ? formatPercent(s.bytesLeavingEeaShare) : (leavingBytes(s) ?? 'unknown (no bytes recorded)'),
        ],
      ],
      ['---:', '---:', '---:', '---:', '---:'],
    ),
    '',
    `**Leaving the EEA:** ${leavingSentence(s)}.`,
    ...(unknown === null
      ? []
      : ['', `**Bytes:** ${unknown}; byte figures count only the flows whose bytes were recorded.`]),
    '',
    ...table(
      ['Risk', 'Destinations', 'Flows', bytesHead],
      RISK_ORDER.map((r) => [
        r,
        formatCount(s.byRisk[r].destinations),
        formatCount(s.byRisk[r].flows),
        formatBytes(s.byRisk[r].bytes),
      ]),
      ['---', '---:', '---:', '---:'],
    ),
    '',
    ...table(
      ['Transfer', 'Destinations', 'Flows', bytesHead],
      TRANSFER_ORDER.map((t) => [
        TRANSFER_LABEL[t],
        formatCount(s.byTransfer[t].destinations),
        formatCount(s.byTransfer[t].flows),
        formatBytes(s.byTransfer[t].bytes),
      ]),
      ['---', '---:', '---:', '---:'],
    ),
    '',
    ...table(
      ['Country', 'Destinations', 'Flows', bytesHead],
      s.byCountry.map((c) => [
        m(countryLabel(c.country)),
        formatCount(c.destinations),
        formatCount(c.flows),
        formatBytes(c.bytes),
      ]),
      ['---', '---:', '---:', '---:'],
    ),
  ];
}

function destinations(groups: DestinationGroup[]): string[] {
  return [
    '## Destinations',
    '',
    ...table(
      [
        'Risk',
        'Destination',
        'Country',
        'Recipient · host (HQ)',
        'Transfer',
        'Category / vendor',
        'Personal data',
        'Out',
        'In',
        'Flows',
      ],
      groups.map((g) => [
        `**${g.risk}**`,
        // --baseline: only reports made with one carry the mark; seen groups stay unmarked, as in the table.
        (g.baseline === 'new' ? NEW_MARK : '') +
          (g.names.length > 1
            ? `${m(g.names[0]?.name ?? g.id)} (+${g.names.length - 1} more)`
            : m(g.names[0]?.name ?? g.ips[0] ?? g.id)),
        country(g),
        recipientHost(g),
        TRANSFER_LABEL[g.transfer] ?? m(g.transfer),
        m(categoryLabel(g)),
        m(personalDataLabel(g)),
        formatBytes(g.out.bytes),
        formatBytes(g.in.bytes),
        formatCount(g.flows),
      ]),
      ['---', '---', '---', '---', '---', '---', '---', '---:', '---:', '---:'],
    ),
  ];
}

function findings(groups: DestinationGroup[], report: Report): string[] {
  const notable = groups.filter((g) => g.risk === 'high' || g.risk === 'medium');
  if (notable.length === 0) return ['## Findings', '', 'No destination was rated high or medium risk.'];
  const byId = new Map(report.evidence.map((e) => [e.id, e]));
  const out = ['## Findings (high and medium risk)'];
  for (const g of notable) {
    out.push('', `### ${g.risk.toUpperCase()}: ${m(g.names[0]?.name ?? g.ips[0] ?? g.id)}`, '');
    out.push(
      `${country(g)} · ${m(recipientAndHost(g))} · ${TRANSFER_LABEL[g.transfer] ?? m(g.transfer)} · ${m(personalDataLabel(g))}`,
      '',
    );
    if (g.names.length > 1)
      out.push(
        `Also seen as: ${g.names
          .slice(1)
          .map((n) => m(n.name))
          .join(', ')}`,
        '',
      );
    for (const r of g.reasons) out.push(`- ${m(r)}`);
    const evidence = g.evidence.map((id) => byId.get(id));
    if (evidence.length > 0) out.push('', 'Evidence:', '');
    for (const [i, e] of evidence.entries())
      out.push(e === undefined ? `- ${m(g.evidence[i] ?? '')} (not in report)` : `- ${evidenceLine(e)}`);
  }
  return out;
}

function sources(report: Report): string[] {
  const c = report.metadata.catalog;
  return [
    '## Data sources',
    '',
    ...table(
      ['Role', 'Database', 'Build date', 'Licence', 'Attribution'],
      [
        ...report.metadata.databases.map((d) => [
          m(d.role),
          `${m(d.type)} (${m(d.file)})`,
          m(d.buildDate ?? '—'),
          m(d.licence),
          `${m(d.attribution)} — ${m(d.source)}`,
        ]),
        [
          'catalog',
          `outflow catalog ${m(c.version)} (${formatCount(c.rules)} rules)`,
          m(c.updated),
          'MIT',
          'outflow project',
        ],
      ],
    ),
  ];
}

function inputs(report: Report): string[] {
  const out = [
    '## Inputs',
    '',
    ...table(
      ['File', 'Format', 'Size', 'Packets', 'Flows', 'First', 'Last', 'SHA-256'],
      report.metadata.inputs.map((i) => [
        m(i.file),
        `${m(i.format)}${i.compression === null ? '' : ` (${m(i.compression)})`}`,
        formatBytes(i.size),
        formatCount(i.packets),
        formatCount(i.flows),
        m(formatTime(i.first)),
        m(formatTime(i.last)),
        i.sha256 === null ? '—' : `\`${i.sha256.replace(/[^0-9a-f]/g, '')}\``,
      ]),
    ),
  ];
  for (const a of report.metadata.timeAssumptions)
    out.push('', `Times in ${m(a.file)} were read as ${m(a.zone)} (${m(a.how)}).`);
  return out;
}

function skipped(report: Report): string[] {
  if (report.skipped.length === 0) return ['## Skipped input', '', 'Nothing was skipped.'];
  return [
    '## Skipped input',
    '',
    ...table(
      ['Reason', 'Count', 'First example'],
      report.skipped.map((e) => {
        const x = e.examples[0];
        const where =
          x === undefined
            ? '—'
            : [
                m(x.file),
                x.frame !== undefined ? `frame ${x.frame}` : '',
                x.line !== undefined ? `line ${x.line}` : '',
                x.offset !== undefined ? `offset ${x.offset}` : '',
                x.detail !== undefined ? m(x.detail) : '',
              ]
                .filter((p) => p !== '')
                .join(', ');
        return [m(e.reason), formatCount(e.count), where];
      }),
      ['---', '---:', '---'],
    ),
  ];
}

/** The Markdown, handed to `sink` a batch of lines at a time (its tables may have hundreds of thousands of rows). */
export function writeMarkdown(view: ReportView, sink: (text: string) => void): void {
  const report = wholeReport(view);
  const groups = sortGroups(report.destinations);
  const method = ['## Method', ''];
  for (const p of METHOD) method.push(`**${p.title}.** ${p.text}`, '');
  method.pop();
  const limitations = [
    '## Limitations',
    '',
    ...(report.limitations.length === 0 ? ['None recorded.'] : report.limitations.map((l) => `- ${m(l)}`)),
  ];
  const sections = [
    header(report),
    summary(report),
    destinations(groups),
    baselineSection(report),
    findings(groups, report),
    method,
    sources(report),
    limitations,
    skipped(report),
    inputs(report),
  ];
  // Sections apart by a blank line, lines by a newline, one newline at the end.
  const out = batchedSink(sink);
  let first = true;
  for (const section of sections) {
    if (section.length === 0) continue;
    for (const [i, line] of section.entries()) {
      out.put(first ? line : `${i === 0 ? '\n\n' : '\n'}${line}`);
      first = false;
    }
  }
  out.put('\n');
  out.end();
}

export function renderMarkdown(report: ReportView): string {
  return collectText((sink) => writeMarkdown(report, sink));
}
