/**
 * A report view with its lists built whole, for the renderers that need them more than once or out of order
 * (HTML, Markdown: a page holds every row, and findings refer to evidence by id). Free for a report whose lists
 * are arrays already (one read from a file); an audit's lists are built here once, item by item.
 */
import type { Report, ReportView } from './model.js';
import { listArray } from './report-list.js';

export function wholeReport(report: ReportView): Report {
  if (Array.isArray(report.destinations) && Array.isArray(report.evidence)) return report as Report;
  return { ...report, destinations: listArray(report.destinations), evidence: listArray(report.evidence) };
}
