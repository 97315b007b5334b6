/** The diff for a terminal or a .txt file: plain lines, every input-derived value through escapeTerminal. */
import { escapeTerminal as t } from '../report/escape.js';
import { formatTime } from '../report/format.js';
import type { ReportDiff } from './diff.js';
import { briefWords, changeWords, summaryWords } from './diff-words.js';

export function renderDiffText(d: ReportDiff): string {
  const lines: string[] = [
    `outflow diff: ${t(d.from.file)} (${formatTime(d.from.generatedAt)}) → ${t(d.to.file)} (${formatTime(d.to.generatedAt)})`,
    '',
    ...summaryWords(d).map((l) => `  ${t(l)}`),
  ];
  const section = (title: string, items: string[]): void => {
    if (items.length === 0) return;
    lines.push('', `${title} (${items.length}):`, ...items.map((i) => `  ${t(i)}`));
  };
  section(
    'New',
    d.new.map((g) => `+ ${briefWords(g)}`),
  );
  section(
    'Gone',
    d.gone.map((g) => `- ${briefWords(g)}`),
  );
  section(
    'Changed',
    d.changed.map(
      (c) => `~ ${c.name}${c.operator === null ? '' : ` (${c.operator})`}: ${c.changes.map(changeWords).join('; ')}`,
    ),
  );
  if (d.new.length + d.gone.length + d.changed.length === 0) lines.push('', 'No destination changed.');
  return `${lines.join('\n')}\n`;
}
