/** The diff as Markdown (for tickets and mail): every input-derived value through escapeMarkdown. */
import { escapeMarkdown as m } from '../report/escape.js';
import { formatTime } from '../report/format.js';
import type { ReportDiff } from './diff.js';
import { briefWords, changeWords, summaryWords } from './diff-words.js';

export function renderDiffMarkdown(d: ReportDiff): string {
  const out: string[] = [
    '# outflow diff',
    '',
    `From ${m(d.from.file)} (${formatTime(d.from.generatedAt)}) to ${m(d.to.file)} (${formatTime(d.to.generatedAt)}).`,
    '',
    ...summaryWords(d).map((l) => `- ${m(l)}`),
  ];
  const section = (title: string, items: string[]): void => {
    if (items.length === 0) return;
    out.push('', `## ${title} (${items.length})`, '', ...items.map((i) => `- ${m(i)}`));
  };
  section('New', d.new.map(briefWords));
  section('Gone', d.gone.map(briefWords));
  section(
    'Changed',
    d.changed.map(
      (c) => `${c.name}${c.operator === null ? '' : ` (${c.operator})`}: ${c.changes.map(changeWords).join('; ')}`,
    ),
  );
  if (d.new.length + d.gone.length + d.changed.length === 0) out.push('', 'No destination changed.');
  return `${out.join('\n')}\n`;
}
