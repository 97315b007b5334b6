/**
 * The microseconds since the epoch of an ISO 8601 UTC text written exactly as flows/flow-to-record.ts isoMicros
 * writes it ("2026-11-29T10:00:00.123456Z": four-digit year, every field in range), or NaN for any other text and
 * for times whose microseconds a double does not hold exactly (beyond about 285 years from 1970).
 * For every text it accepts, isoMicros of the result is that text again: the audit keeps a group's times as
 * numbers and spells them back when the report is written.
 */

const LENGTH = 27;

export function parseIsoMicros(text: string): number {
  if (text.length !== LENGTH) return Number.NaN;
  if (
    text.charCodeAt(4) !== 0x2d ||
    text.charCodeAt(7) !== 0x2d ||
    text.charCodeAt(10) !== 0x54 ||
    text.charCodeAt(13) !== 0x3a ||
    text.charCodeAt(16) !== 0x3a ||
    text.charCodeAt(19) !== 0x2e ||
    text.charCodeAt(26) !== 0x5a
  )
    return Number.NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const micros = digits(text, 20, 6);
  // NaN (a non-digit) fails every comparison below.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month))) return Number.NaN;
  if (!(hour <= 23 && minute <= 59 && second <= 59 && micros >= 0)) return Number.NaN;
  // Date.UTC reads years 0-99 as 1900-1999; those are far outside the safe range anyway.
  if (year < 100) return Number.NaN;
  const t = Date.UTC(year, month - 1, day, hour, minute, second) * 1000 + micros;
  return Number.isSafeInteger(t) ? t : Number.NaN;
}

/** The number written in `count` decimal digits at `at`, or NaN. */
function digits(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
