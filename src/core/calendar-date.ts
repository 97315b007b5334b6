/** Dates written YYYY-MM-DD: the form of --as-of, catalog dates and every legal fact's date. */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date that exists, written YYYY-MM-DD (2026-02-30 and 2026-13-01 are refused). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}
