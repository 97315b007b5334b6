/**
 * The renderers, by id: the one place a new output format is added. The CLI's --format choices are the keys of
 * RENDERERS; an output file's extension picks the renderer when no format is given. Renderers are pure:
 * Report in, text out (the HTML renderer also reads the world map geometry that ships with the package). Each
 * has both forms: `write` hands the text over in pieces as it is made (all but the terminal table, which shows
 * 500 rows at most: a report of hundreds of thousands of destinations never has to fit in one string), `render`
 * returns it whole.
 */
import { writeCsv } from './csv/csv-renderer.js';
import { writeHtml } from './html/html-renderer.js';
import { loadWorldGeometry } from './html/world-geometry.js';
import { writeJson } from './json/json-renderer.js';
import { writeMarkdown } from './markdown/markdown-renderer.js';
import type { ReportView } from './model.js';
import { writeNdjson } from './ndjson/ndjson-renderer.js';
import { renderTable } from './terminal/table-renderer.js';
import { collectText } from './text-sink.js';

export interface RenderContext {
  /** ANSI colours (terminal table only). */
  color: boolean;
  /** Terminal width the table is fitted to. */
  columns: number;
}

export type RendererId = 'table' | 'json' | 'csv' | 'md' | 'html' | 'ndjson';

export interface Renderer {
  id: RendererId;
  /** File extensions (lower case, with the dot) that select this renderer (core/renderer-choice.ts). */
  extensions: string[];
  /** The report's text, handed to `sink` in order, in pieces. */
  write(report: ReportView, ctx: RenderContext, sink: (text: string) => void): void;
  /** The report's text as one string. */
  render(report: ReportView, ctx: RenderContext): string;
}

/** A renderer that builds its text whole. */
function whole(id: RendererId, extensions: string[], render: Renderer['render']): Renderer {
  return { id, extensions, render, write: (report, ctx, sink) => sink(render(report, ctx)) };
}

/** A renderer that writes its text in pieces. */
function streamed(id: RendererId, extensions: string[], write: Renderer['write']): Renderer {
  const render = (report: ReportView, ctx: RenderContext): string => collectText((sink) => write(report, ctx, sink));
  return { id, extensions, render, write };
}

export const RENDERERS: Record<RendererId, Renderer> = {
  table: whole('table', ['.txt'], renderTable),
  json: streamed('json', ['.json'], (report, _ctx, sink) => writeJson(report, sink)),
  csv: streamed('csv', ['.csv'], (report, _ctx, sink) => writeCsv(report, sink)),
  md: streamed('md', ['.md', '.markdown'], (report, _ctx, sink) => writeMarkdown(report, sink)),
  html: streamed('html', ['.html', '.htm'], (report, _ctx, sink) =>
    writeHtml(report, { world: loadWorldGeometry() }, sink),
  ),
  ndjson: streamed('ndjson', ['.ndjson', '.jsonl'], (report, _ctx, sink) => writeNdjson(report, sink)),
};

export const RENDERER_IDS = Object.keys(RENDERERS) as RendererId[];
