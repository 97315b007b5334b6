/**
 * The renderers, by id: the one place a new output format is added. The CLI's --format choices are the keys of
 * RENDERERS; an output file's extension picks the renderer when no format is given. Renderers are pure:
 * Report in, string out (the HTML renderer also reads the world map geometry that ships with the package).
 */
import { extname } from 'node:path';
import { renderCsv } from './csv/csv-renderer.js';
import { renderHtml } from './html/html-renderer.js';
import { loadWorldGeometry } from './html/world-geometry.js';
import { renderJson } from './json/json-renderer.js';
import { renderMarkdown } from './markdown/markdown-renderer.js';
import type { Report } from './model.js';
import { renderNdjson } from './ndjson/ndjson-renderer.js';
import { renderTable } from './terminal/table-renderer.js';

export interface RenderContext {
  /** ANSI colours (terminal table only). */
  color: boolean;
  /** Terminal width the table is fitted to. */
  columns: number;
}

export type RendererId = 'table' | 'json' | 'csv' | 'md' | 'html' | 'ndjson';

export interface Renderer {
  id: RendererId;
  /** File extensions (lower case, with the dot) that select this renderer. */
  extensions: string[];
  render(report: Report, ctx: RenderContext): string;
}

export const RENDERERS: Record<RendererId, Renderer> = {
  table: { id: 'table', extensions: ['.txt'], render: renderTable },
  json: { id: 'json', extensions: ['.json'], render: (report) => renderJson(report) },
  csv: { id: 'csv', extensions: ['.csv'], render: (report) => renderCsv(report) },
  md: { id: 'md', extensions: ['.md', '.markdown'], render: (report) => renderMarkdown(report) },
  html: {
    id: 'html',
    extensions: ['.html', '.htm'],
    render: (report) => renderHtml(report, { world: loadWorldGeometry() }),
  },
  ndjson: { id: 'ndjson', extensions: ['.ndjson', '.jsonl'], render: (report) => renderNdjson(report) },
};

export const RENDERER_IDS = Object.keys(RENDERERS) as RendererId[];

/**
 * The renderer for an output path by its extension (case-insensitive), or null. A file never gets colour: call
 * sites pass `{ color: false }` for files; .txt is the terminal table without colour.
 */
export function rendererForPath(path: string): Renderer | null {
  const ext = extname(path).toLowerCase();
  if (ext === '') return null;
  for (const id of RENDERER_IDS) {
    if (RENDERERS[id].extensions.includes(ext)) return RENDERERS[id];
  }
  return null;
}
