/**
 * --baseline PREVIOUS.json: marks each destination group of this run `new` or `seen` and lists the previous
 * groups that are gone. Groups are matched by `key` (operator|name|country, model.ts) and nothing else: the same
 * name now served from another country is a new group (and the old one is gone), because the transfer changed.
 */
import { UsageError } from '../core/errors.js';
import { riskRank } from '../report/format.js';
import type { DestinationGroup, GoneGroup, Report, ReportView } from '../report/model.js';
import { mapList } from '../report/report-list.js';

function goneEntry(g: DestinationGroup): GoneGroup {
  return {
    key: g.key,
    names: g.names.map((n) => n.name),
    country: g.country,
    operator: g.operator?.name ?? null,
    risk: g.risk,
  };
}

/** Riskiest first, then by key (code-unit order, locale-free): the same inputs always list the same way. */
function byRiskThenKey(a: GoneGroup, b: GoneGroup): number {
  return riskRank(a.risk) - riskRank(b.risk) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * A copy of `report` compared with `previous` (read from `file`). Refuses a baseline that is not pseudonymized
 * when this report is: its names would be copied into `gone` in clear.
 */
export function applyBaseline(report: ReportView, previous: Report, file: string): ReportView {
  if (report.metadata.pseudonymized && previous.metadata.pseudonymized !== true) {
    throw new UsageError(
      `--baseline ${file} is not pseudonymized but this run is; its host names would appear in the report`,
    );
  }
  const before = new Set(previous.destinations.map((g) => g.key));
  const now = new Set<string>();
  for (const g of report.destinations) now.add(g.key);
  const gone = new Map<string, GoneGroup>();
  for (const g of previous.destinations) if (!now.has(g.key) && !gone.has(g.key)) gone.set(g.key, goneEntry(g));
  return {
    ...report,
    metadata: { ...report.metadata, baseline: { file, generatedAt: previous.metadata.generatedAt } },
    destinations: mapList(report.destinations, (g) => ({ ...g, baseline: before.has(g.key) ? 'seen' : 'new' })),
    gone: [...gone.values()].sort(byRiskThenKey),
  };
}
