/** HTML header, verdict and summary cards. */
import { escapeHtml as h } from '../escape.js';
import {
  formatBytes,
  formatCount,
  formatPercent,
  formatTime,
  RISK_ORDER,
  TRANSFER_LABEL,
  TRANSFER_ORDER,
} from '../format.js';
import type { Report } from '../model.js';
import { bytesKnown, bytesUnknownSentence, leavingSentence } from '../summary-words.js';

export function riskWord(risk: string): string {
  return risk === 'none' ? 'No risk found' : `${risk.charAt(0).toUpperCase()}${risk.slice(1)} risk`;
}

export function header(report: Report): string {
  const md = report.metadata;
  const span =
    md.timeSpan === null ? 'no timed records' : `${formatTime(md.timeSpan.first)} – ${formatTime(md.timeSpan.last)}`;
  const facts = [
    `Traffic: ${span}`,
    `${md.inputs.length} input${md.inputs.length === 1 ? '' : 's'}`,
    md.vantage?.country !== undefined ? `capture point ${md.vantage.country}` : null,
    md.pseudonymized ? 'pseudonymized' : null,
    md.baseline !== undefined ? `compared with ${md.baseline.file}` : null,
  ].filter((f): f is string => f !== null);
  return [
    '<header class="doc-header">',
    '<p class="eyebrow">outflow · transfer report</p>',
    '<h1>Personal data leaving the EU: network transfer report</h1>',
    `<p class="meta">${facts.map(h).join(' · ')}</p>`,
    `<p class="meta">Generated ${h(formatTime(md.generatedAt))} by ${h(md.tool.name)} ${h(md.tool.version)} · report schema ${h(report.schemaVersion)}</p>`,
    '</header>',
  ].join('\n');
}

export function verdict(report: Report): string {
  const risk = report.summary.highestRisk;
  return [
    `<section class="verdict risk-${h(risk)}" aria-label="Verdict">`,
    `<p class="verdict-risk">${h(riskWord(risk))}</p>`,
    `<p class="verdict-text" id="verdict">${h(report.summary.verdict)}</p>`,
    '</section>',
  ].join('\n');
}

export function summaryCards(report: Report): string {
  const s = report.summary;
  const card = (label: string, value: string, sub = ''): string =>
    `<div class="card"><p class="card-label">${h(label)}</p><p class="card-value">${h(value)}</p>${sub === '' ? '' : `<p class="card-sub">${h(sub)}</p>`}</div>`;
  const known = bytesKnown(s);
  const unknown = bytesUnknownSentence(s);
  // Bytes are stated only as far as the input recorded them; what leaves the EEA is then told by flows.
  const volume =
    known === 'all'
      ? card('Data volume', formatBytes(s.bytes), `${formatCount(s.packets)} packets`)
      : known === 'none'
        ? card('Data volume', 'not recorded', 'the input does not record bytes')
        : card(
            'Data volume',
            formatBytes(s.bytes),
            `recorded for ${formatCount(s.flows - s.flowsWithoutBytes)} of ${formatCount(s.flows)} flows`,
          );
  const leaving =
    known === 'all'
      ? card(
          'Leaving the EEA',
          formatPercent(s.bytesLeavingEeaShare),
          `of bytes, to ${formatCount(s.destinationsLeavingEea)} destinations`,
        )
      : card(
          'Leaving the EEA',
          formatPercent(s.flowsLeavingEeaShare),
          `of flows, to ${formatCount(s.destinationsLeavingEea)} of ${formatCount(s.destinations)} destinations`,
        );
  const cards = [
    card('Destinations', formatCount(s.destinations), `${formatCount(s.flows)} flows`),
    volume,
    leaving,
    card('Clients', formatCount(s.clients), 'internal addresses'),
    card('High risk', formatCount(s.byRisk.high.destinations), `${formatCount(s.byRisk.medium.destinations)} medium`),
  ];
  const facts = [`Leaving the EEA: ${leavingSentence(s)}.`];
  if (unknown !== null)
    facts.push(`${capitalise(unknown)}: byte figures count only the flows whose bytes were recorded.`);
  const riskRows = RISK_ORDER.map(
    (r) =>
      `<tr><th scope="row"><span class="pill risk-${r}">${r}</span></th><td class="num">${formatCount(s.byRisk[r].destinations)}</td><td class="num">${formatCount(s.byRisk[r].flows)}</td><td class="num">${h(formatBytes(s.byRisk[r].bytes))}</td></tr>`,
  );
  const transferRows = TRANSFER_ORDER.map(
    (t) =>
      `<tr><th scope="row"><span class="swatch t-${t}"></span>${h(TRANSFER_LABEL[t])}</th><td class="num">${formatCount(s.byTransfer[t].destinations)}</td><td class="num">${formatCount(s.byTransfer[t].flows)}</td><td class="num">${h(formatBytes(s.byTransfer[t].bytes))}</td></tr>`,
  );
  const head = `<thead><tr><th></th><th class="num">Destinations</th><th class="num">Flows</th><th class="num">${known === 'all' ? 'Bytes' : 'Bytes (recorded)'}</th></tr></thead>`;
  return [
    '<section class="summary" aria-label="Summary">',
    `<div class="cards">${cards.join('')}</div>`,
    ...facts.map((f) => `<p class="note">${h(f)}</p>`),
    '<div class="two-col">',
    `<table class="compact"><caption>By risk</caption>${head}<tbody>${riskRows.join('')}</tbody></table>`,
    `<table class="compact"><caption>By transfer class</caption>${head}<tbody>${transferRows.join('')}</tbody></table>`,
    '</div>',
    '</section>',
  ].join('\n');
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
