/**
 * How far a GeoIP database's build date lies from a moment. Addresses move between networks and countries, so a
 * database says where an address was when it was built: `geoip info` measures from today, an audit from the time
 * of the traffic it judges.
 */
import { isIsoDate } from '../../core/calendar-date.js';

/** Beyond this many days the database's answers may no longer hold (MaxMind ships weekly, DB-IP monthly). */
export const STALE_AFTER_DAYS = 60;

const DAY_MS = 86_400_000;

/** Midnight UTC of a YYYY-MM-DD build date in milliseconds, or null when the date cannot be read. */
export function buildDateMs(buildDate: string): number | null {
  return isIsoDate(buildDate) ? Date.parse(`${buildDate}T00:00:00Z`) : null;
}

/** Whole days from the build date to `atMs` (negative when built later); null when the date cannot be read. */
export function daysSinceBuild(buildDate: string, atMs: number): number | null {
  const built = buildDateMs(buildDate);
  return built === null ? null : Math.floor((atMs - built) / DAY_MS);
}

/**
 * Whole days between the build date and a time span [firstMs, lastMs]: positive when built before the span
 * starts, negative when built after it ends, 0 when built within it; null when the date cannot be read.
 */
export function daysFromSpan(buildDate: string, firstMs: number, lastMs: number): number | null {
  const built = buildDateMs(buildDate);
  if (built === null) return null;
  if (built < firstMs) return Math.floor((firstMs - built) / DAY_MS);
  if (built > lastMs) return -Math.floor((built - lastMs) / DAY_MS);
  return 0;
}

export interface DatabaseDateGap {
  file: string;
  buildDate: string | null;
  /** Days built before the span began (positive) or after it ended (negative); null: no readable build date. */
  days: number | null;
}

/** The databases built more than STALE_AFTER_DAYS before or after the span, or with no readable build date. */
export function databaseDateGaps(
  databases: readonly { file: string; buildDate: string | null }[],
  firstMs: number,
  lastMs: number,
): DatabaseDateGap[] {
  const out: DatabaseDateGap[] = [];
  for (const d of databases) {
    const days = d.buildDate === null ? null : daysFromSpan(d.buildDate, firstMs, lastMs);
    if (days === null || Math.abs(days) > STALE_AFTER_DAYS) out.push({ file: d.file, buildDate: d.buildDate, days });
  }
  return out;
}
