/**
 * Diff renderers by id (the CLI's -f choices are the keys); an output file's extension picks one when -f is
 * not given. JSON is the ReportDiff as is, for scripts; its shape is src/compare/diff.ts.
 */
import type { ReportDiff } from './diff.js';
import { renderDiffMarkdown } from './diff-markdown.js';
import { renderDiffText } from './diff-text.js';

export type DiffRendererId = 'table' | 'json' | 'md';

export interface DiffRenderer {
  id: DiffRendererId;
  extensions: string[];
  render(diff: ReportDiff): string;
}

export const DIFF_RENDERERS: Record<DiffRendererId, DiffRenderer> = {
  table: { id: 'table', extensions: ['.txt'], render: renderDiffText },
  json: { id: 'json', extensions: ['.json'], render: (d) => `${JSON.stringify(d, null, 2)}\n` },
  md: { id: 'md', extensions: ['.md', '.markdown'], render: renderDiffMarkdown },
};

export const DIFF_RENDERER_IDS = Object.keys(DIFF_RENDERERS) as DiffRendererId[];
