/** Trend renderers by id (the CLI's -f choices are the keys); an output file's extension picks one otherwise. */
import { extname } from 'node:path';
import type { Trend } from './trend.js';
import { renderTrendHtml } from './trend-html.js';
import { renderTrendText } from './trend-text.js';

export type TrendRendererId = 'table' | 'html';

export interface TrendRenderer {
  id: TrendRendererId;
  extensions: string[];
  render(trend: Trend): string;
}

export const TREND_RENDERERS: Record<TrendRendererId, TrendRenderer> = {
  table: { id: 'table', extensions: ['.txt'], render: renderTrendText },
  html: { id: 'html', extensions: ['.html', '.htm'], render: renderTrendHtml },
};

export const TREND_RENDERER_IDS = Object.keys(TREND_RENDERERS) as TrendRendererId[];

export function trendRendererForPath(path: string): TrendRenderer | null {
  const ext = extname(path).toLowerCase();
  for (const id of TREND_RENDERER_IDS) if (TREND_RENDERERS[id].extensions.includes(ext)) return TREND_RENDERERS[id];
  return null;
}
