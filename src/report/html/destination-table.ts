/**
 * The destination table: rendered in full as HTML (so it reads and prints without JavaScript), plus a JSON
 * block with one sort/filter record per row that the inline script uses to reorder and hide rows.
 */

import { hasBaseline } from '../baseline-words.js';
import { escapeJsonForScript, escapeHtml as h } from '../escape.js';
import {
  categoryLabel,
  countryLabel,
  countryMarks,
  formatBytes,
  formatCount,
  hostLabel,
  personalDataLabel,
  recipientDpfLabel,
  recipientLabel,
  riskRank,
  sortGroups,
  TRANSFER_LABEL,
  TRANSFER_ORDER,
} from '../format.js';
import type { DestinationGroup, Report } from '../model.js';
import { each, joinLines, wrapped } from './pieces.js';

const COLUMNS: [key: string, label: string, numeric: boolean][] = [
  ['risk', 'Risk', false],
  ['name', 'Destination', false],
  ['country', 'Country', false],
  ['operator', 'Recipient / host (HQ)', false],
  ['transfer', 'Transfer', false],
  ['category', 'Category / vendor', false],
  ['personal', 'Personal data', false],
  ['out', 'Out', true],
  ['in', 'In', true],
  ['flows', 'Flows', true],
];

const PERSONAL_ORDER = ['observed', 'likely', 'possible', 'unknown', 'unlikely'];

/** Up to three addresses, unless the only address is the name itself. */
function ipLine(g: DestinationGroup, name: string): string {
  if (g.ips.length === 0 || (g.ips.length === 1 && g.ips[0] === name)) return '';
  const more = g.ips.length > 3 ? ` +${g.ips.length - 3}` : '';
  return `<span class="sub">${h(g.ips.slice(0, 3).join(', '))}${more}</span>`;
}

/** --baseline: a badge on groups the earlier report did not have; seen groups stay plain, as in the table. */
function newBadge(g: DestinationGroup): string {
  return g.baseline === 'new' ? ' <span class="mark new" title="not in the baseline report">new</span>' : '';
}

function row(g: DestinationGroup, index: number): string {
  const name = g.names[0]?.name ?? g.ips[0] ?? g.id;
  const others = g.names.slice(1).map((n) => n.name);
  const country = g.scope === 'local' ? 'local network' : countryLabel(g.country);
  const marks = countryMarks(g)
    .map(
      (m) =>
        `<span class="mark${m === 'geo conflict' ? ' warn' : ''}">${m === 'geo conflict' ? '⚠ geo conflict' : h(m)}</span>`,
    )
    .join(' ');
  // DPF is the recipient's: the host's certification covers only the host's own processing.
  const dpfText = recipientDpfLabel(g);
  const source = g.recipient?.dpfSource;
  const dpf =
    dpfText === null
      ? ''
      : `<span class="sub"${source === undefined ? '' : ` title="${h(source)}"`}>${h(dpfText)}</span>`;
  return [
    `<tr data-row="${index}" class="risk-row-${h(g.risk)}">`,
    `<td><span class="pill risk-${h(g.risk)}">${h(g.risk)}</span></td>`,
    `<td class="name"><span class="host">${h(name)}</span>${newBadge(g)}${others.length > 0 ? `<span class="sub">also ${h(others.join(', '))}</span>` : ''}${ipLine(g, name)}</td>`,
    `<td>${h(country)}${marks === '' ? '' : ` ${marks}`}</td>`,
    `<td>${h(recipientLabel(g))}${dpf}<span class="sub">${h(hostLabel(g))}</span></td>`,
    `<td><span class="swatch t-${h(g.transfer)}"></span>${h(TRANSFER_LABEL[g.transfer] ?? g.transfer)}</td>`,
    `<td>${h(categoryLabel(g))}</td>`,
    `<td>${h(personalDataLabel(g))}</td>`,
    `<td class="num">${h(formatBytes(g.out.bytes))}</td>`,
    `<td class="num">${h(formatBytes(g.in.bytes))}</td>`,
    `<td class="num">${h(formatCount(g.flows))}</td>`,
    '</tr>',
  ].join('');
}

/** Sort keys and search text per row, in the same order as the rows. */
function rowData(g: DestinationGroup, index: number): Record<string, string | number> {
  const text = [
    ...g.names.map((n) => n.name),
    ...g.ips,
    g.country ?? '',
    countryLabel(g.country),
    g.operator?.name ?? '',
    g.recipient?.name ?? '',
    g.recipient?.domain ?? '',
    g.category ?? '',
    g.vendor ?? '',
    g.product ?? '',
    TRANSFER_LABEL[g.transfer] ?? '',
    g.risk,
  ];
  return {
    row: index,
    risk: riskRank(g.risk),
    name: (g.names[0]?.name ?? g.ips[0] ?? g.id).toLowerCase(),
    country: countryLabel(g.country).toLowerCase(),
    operator: recipientLabel(g).toLowerCase(),
    transfer: TRANSFER_ORDER.indexOf(g.transfer),
    category: `${g.category ?? ''} ${g.vendor ?? ''}`.toLowerCase(),
    personal: PERSONAL_ORDER.indexOf(g.personalData),
    out: g.out.bytes ?? -1,
    in: g.in.bytes ?? -1,
    flows: g.flows,
    riskName: g.risk,
    text: text.join(' ').toLowerCase(),
    // Only in reports made with --baseline, so the JSON block of any other report is unchanged.
    ...(g.baseline === undefined ? {} : { baseline: g.baseline }),
  };
}

/** The "since baseline" filter; the client script reads it when present. */
const BASELINE_FILTER = [
  '<label for="baseline-filter">Since baseline</label>',
  '<select id="baseline-filter"><option value="">all</option><option>new</option><option>seen</option></select>',
];

export function destinationTable(report: Report): Iterable<string> {
  const groups = sortGroups(report.destinations);
  const baseline = hasBaseline(report);
  const head = COLUMNS.map(
    ([key, label, numeric]) =>
      `<th scope="col"${numeric ? ' class="num"' : ''} data-key="${key}"><button type="button" class="sort" data-key="${key}">${h(label)}</button></th>`,
  ).join('');
  return joinLines([
    '<div class="controls" role="search">',
    '<label for="filter">Filter</label>',
    '<input id="filter" type="search" placeholder="name, address, country, operator…" autocomplete="off">',
    '<label for="risk-filter">Risk</label>',
    '<select id="risk-filter"><option value="">all</option><option>high</option><option>medium</option><option>low</option><option>none</option></select>',
    ...(baseline ? BASELINE_FILTER : []),
    `<output id="row-count" for="filter risk-filter${baseline ? ' baseline-filter' : ''}">${groups.length} of ${groups.length} destinations</output>`,
    '</div>',
    '<div class="table-wrap">',
    `<table id="destinations" class="data"><thead><tr>${head}</tr></thead>`,
    wrapped('<tbody>', joinLines(each(groups, row)), '</tbody></table>'),
    '</div>',
    wrapped('<script type="application/json" id="destination-data">[', rowDataPieces(groups), ']</script>'),
  ]);
}

/**
 * The rows' JSON array, a row at a time: the escape works character by character, so escaping each row's JSON
 * is escaping the whole array's.
 */
function* rowDataPieces(groups: readonly DestinationGroup[]): Generator<string> {
  for (let i = 0; i < groups.length; i++) {
    if (i > 0) yield ',';
    yield escapeJsonForScript(rowData(groups[i] as DestinationGroup, i));
  }
}
