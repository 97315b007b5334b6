/** Trend renderers by id (the CLI's -f choices are the keys); an output file's extension picks one otherwise. */
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
