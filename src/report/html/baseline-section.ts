/**
 * HTML "Since the baseline" section (`audit --baseline`, src/compare/baseline.ts): which earlier report this
 * one was compared with, the new/seen/gone counts, and the groups that are gone, with their risk as it was
 * rated then. Empty for a report made without a baseline. Every value from a report goes through escapeHtml.
 */

import { baselineCounts, countsLine, goneName } from '../baseline-words.js';
import { escapeHtml as h } from '../escape.js';
import { countryLabel, formatTime } from '../format.js';
import type { GoneGroup, Report } from '../model.js';

function goneRow(g: GoneGroup): string {
  const others = g.names.slice(1);
  const also = others.length > 0 ? `<span class="sub">also ${h(others.join(', '))}</span>` : '';
  return [
    '<tr>',
    `<td><span class="pill risk-${h(g.risk)}">${h(g.risk)}</span></td>`,
    `<td class="name"><span class="host">${h(goneName(g))}</span>${also}</td>`,
    `<td>${h(countryLabel(g.country))}</td>`,
    `<td>${h(g.operator ?? '—')}</td>`,
    '</tr>',
  ].join('');
}

/** The section's body, or '' when the report has no baseline. */
export function baselineSection(report: Report): string {
  const c = baselineCounts(report);
  if (c === null) return '';
  const against =
    c.file === null
      ? 'an earlier report'
      : `<code>${h(c.file)}</code>${c.generatedAt === null ? '' : ` (generated ${h(formatTime(c.generatedAt))})`}`;
  const badge =
    c.new > 0 ? ' New destinations carry a <span class="mark new">new</span> badge in the table above.' : '';
  const note =
    `<p class="baseline-note">Compared with ${against}: ${h(countsLine(c))}.${badge} Groups are matched by ` +
    'operator, name and country, so a name now served from another country is new, and the old group is gone.</p>';
  const gone = report.gone ?? [];
  const list =
    gone.length === 0
      ? '<p>No destination of the baseline is gone.</p>'
      : [
          `<h3 id="gone">Gone since the baseline (${gone.length})</h3>`,
          '<table class="data"><thead><tr><th>Risk then</th><th>Destination</th><th>Country</th><th>Operator</th></tr></thead>',
          `<tbody>${gone.map(goneRow).join('\n')}</tbody></table>`,
        ].join('\n');
  return `${note}\n${list}`;
}
