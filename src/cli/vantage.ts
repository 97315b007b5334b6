/** `--vantage NL` or `--vantage 52.08,4.31`: where the capture was taken, for the speed-of-light check. */
import { UsageError } from '../core/errors.js';
import type { ReportMetadata } from '../report/model.js';

export function parseVantage(text: string): NonNullable<ReportMetadata['vantage']> {
  const t = text.trim();
  if (/^[A-Za-z]{2}$/.test(t)) return { country: t.toUpperCase() };
  const m = /^(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)$/.exec(t);
  if (m !== null) {
    const lat = Number(m[1]);
    const lon = Number(m[2]);
    if (Math.abs(lat) <= 90 && Math.abs(lon) <= 180) return { lat, lon };
  }
  throw new UsageError(`--vantage must be a country code (NL) or lat,lon (52.08,4.31), not "${text}"`);
}
