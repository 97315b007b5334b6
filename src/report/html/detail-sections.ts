/** HTML findings, evidence, method, limitations, data sources, inputs and skipped input. */
import { escapeHtml as h } from '../escape.js';
import {
  countryLabel,
  formatBytes,
  formatCount,
  formatTime,
  personalDataLabel,
  recipientAndHost,
  sortGroups,
  TRANSFER_LABEL,
} from '../format.js';
import { METHOD } from '../method-text.js';
import type { Evidence, Report } from '../model.js';
import { each, joinLines, type Text, wrapped } from './pieces.js';

/** Evidence ids come from the model; anchors use the position instead so any id is a safe fragment. */
function evidenceAnchors(report: Report): Map<string, string> {
  return new Map(report.evidence.map((e, i) => [e.id, `ev-${i + 1}`]));
}

function where(e: Evidence): string {
  const parts = [h(e.file)];
  if (e.frame !== undefined) parts.push(`frame ${formatCount(e.frame)}`);
  if (e.line !== undefined) parts.push(`line ${formatCount(e.line)}`);
  if (e.field !== undefined) parts.push(`<code>${h(e.field)}</code>`);
  return parts.join(', ');
}

export function findings(report: Report): Text {
  const anchors = evidenceAnchors(report);
  const notable = sortGroups(report.destinations).filter((g) => g.risk === 'high' || g.risk === 'medium');
  if (notable.length === 0) return '<p>No destination was rated high or medium risk.</p>';
  return joinLines(
    each(notable, (g) => {
      const refs = g.evidence.map((id) => {
        const a = anchors.get(id);
        return a === undefined
          ? `<span class="ref missing">${h(id)}</span>`
          : `<a class="ref" href="#${a}">${h(id)}</a>`;
      });
      const facts = [
        g.scope === 'local' ? 'local network' : countryLabel(g.country),
        recipientAndHost(g),
        TRANSFER_LABEL[g.transfer] ?? g.transfer,
        `personal data ${personalDataLabel(g)}`,
        `${formatBytes(g.out.bytes)} out / ${formatBytes(g.in.bytes)} in`,
      ];
      return [
        `<article class="finding risk-${h(g.risk)}">`,
        `<h3><span class="pill risk-${h(g.risk)}">${h(g.risk)}</span> ${h(g.names[0]?.name ?? g.ips[0] ?? g.id)}</h3>`,
        `<p class="facts">${facts.map(h).join(' · ')}</p>`,
        g.product !== null ? `<p class="facts">${h(g.product)}</p>` : '',
        `<ul>${g.reasons.map((r) => `<li>${h(r)}</li>`).join('')}</ul>`,
        contentFindings(report, g),
        refs.length > 0 ? `<p class="facts">Evidence: ${refs.join(', ')}</p>` : '',
        '</article>',
      ].join('\n');
    }),
  );
}

/** Per destination: what was found in the content that was read (decrypted or plaintext), field by field. */
function contentFindings(report: Report, g: Report['destinations'][number]): string {
  if (g.content === undefined) return '';
  const ids = new Set(g.evidence);
  const items = report.evidence.filter((e) => ids.has(e.id) && e.kind === 'pii' && e.field !== undefined);
  if (items.length === 0) return '';
  const rows = items.map(
    (e) =>
      `<li>${h(e.summary.split(' in ')[0] ?? e.kind)} in <code>${h(e.field ?? '')}</code>: <code>${h(e.excerpt ?? '')}</code></li>`,
  );
  return `<p class="facts">What was sent:</p><ul class="content-findings">${rows.join('')}</ul>`;
}

export function evidenceList(report: Report): Text {
  if (report.evidence.length === 0) return '<p>No evidence items.</p>';
  const anchors = evidenceAnchors(report);
  const rows = each(
    report.evidence,
    (e) =>
      `<tr id="${anchors.get(e.id) ?? ''}"><td>${h(e.id)}</td><td>${h(e.kind)}</td><td>${h(e.summary)}</td><td>${where(e)}</td><td>${e.excerpt === undefined ? '' : `<code>${h(e.excerpt)}</code>`}</td><td>${h(e.detector ?? '')}</td></tr>`,
  );
  const note = report.metadata.pseudonymized
    ? ''
    : '<p class="note">Excerpts are masked unless the report was made with --show-values.</p>';
  return wrapped(
    '<table class="data"><thead><tr><th>Id</th><th>Kind</th><th>What it shows</th><th>Where</th><th>Excerpt</th><th>Detector</th></tr></thead><tbody>',
    joinLines(rows),
    `</tbody></table>${note}`,
  );
}

export function method(report: Report): string {
  const paragraphs = METHOD.map((p) => `<p><strong>${h(p.title)}.</strong> ${h(p.text)}</p>`);
  const limits =
    report.limitations.length === 0
      ? '<p>None recorded.</p>'
      : `<ul>${report.limitations.map((l) => `<li>${h(l)}</li>`).join('')}</ul>`;
  return `${paragraphs.join('\n')}\n<h3>Limitations of this run</h3>\n${limits}`;
}

export function sources(report: Report): string {
  const c = report.metadata.catalog;
  const rows = report.metadata.databases.map(
    (d) =>
      `<tr><td>${h(d.role)}</td><td>${h(d.type)}<span class="sub">${h(d.file)}</span></td><td>${h(d.buildDate ?? '—')}</td><td>${h(d.licence)}</td><td>${h(d.attribution)}<span class="sub">${h(d.source)}</span></td></tr>`,
  );
  rows.push(
    `<tr><td>catalog</td><td>outflow catalog ${h(c.version)}<span class="sub">${formatCount(c.rules)} rules</span></td><td>${h(c.updated)}</td><td>MIT</td><td>outflow project</td></tr>`,
  );
  return `<table class="data"><thead><tr><th>Role</th><th>Database</th><th>Build date</th><th>Licence</th><th>Attribution</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

export function inputs(report: Report): string {
  const rows = report.metadata.inputs.map(
    (i) =>
      `<tr><td>${h(i.file)}</td><td>${h(i.format)}${i.compression === null ? '' : ` (${h(i.compression)})`}</td><td class="num">${h(formatBytes(i.size))}</td><td class="num">${formatCount(i.packets)}</td><td class="num">${formatCount(i.flows)}</td><td>${h(formatTime(i.first))}<br>${h(formatTime(i.last))}</td><td><code class="hash">${h(i.sha256 ?? '—')}</code></td></tr>`,
  );
  const zones = report.metadata.timeAssumptions.map(
    (a) => `<p class="note">Times in ${h(a.file)} were read as ${h(a.zone)} (${h(a.how)}).</p>`,
  );
  return `<table class="data"><thead><tr><th>File</th><th>Format</th><th class="num">Size</th><th class="num">Packets</th><th class="num">Flows</th><th>First / last</th><th>SHA-256</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>${zones.join('')}`;
}

export function skipped(report: Report): string {
  if (report.skipped.length === 0) return '<p>Nothing was skipped.</p>';
  const rows = report.skipped.map((e) => {
    const examples = e.examples.slice(0, 3).map((x) => {
      const at = [
        x.file,
        x.frame !== undefined ? `frame ${x.frame}` : '',
        x.line !== undefined ? `line ${x.line}` : '',
        x.offset !== undefined ? `offset ${x.offset}` : '',
        x.detail ?? '',
      ];
      return h(at.filter((p) => p !== '').join(', '));
    });
    return `<tr><td><code>${h(e.reason)}</code></td><td class="num">${formatCount(e.count)}</td><td>${examples.join('<br>')}</td></tr>`;
  });
  return `<table class="data"><thead><tr><th>Reason</th><th class="num">Count</th><th>Examples</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}
