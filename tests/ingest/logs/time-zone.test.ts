import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import { isoFromMicros, parseDateTime } from '../../../src/ingest/logs/log-time.js';
import { checkTimeZone, wallToUtcMs } from '../../../src/ingest/logs/time-zone.js';
import { runLog } from './log-test-helpers.js';

// The machine's own zone must never leak in: run under an odd half-hour zone.
process.env.TZ = 'America/St_Johns';

const wall = (s: string) =>
  Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10), +s.slice(11, 13), +s.slice(14, 16), +s.slice(17, 19));
const utc = (s: string, zone: string) => new Date(wallToUtcMs(wall(s), zone)).toISOString();

describe('wallToUtcMs', () => {
  it('converts ordinary winter and summer times in Europe/Amsterdam', () => {
    expect(utc('2024-01-15 12:00:00', 'Europe/Amsterdam')).toBe('2024-01-15T11:00:00.000Z');
    expect(utc('2024-07-15 12:00:00', 'Europe/Amsterdam')).toBe('2024-07-15T10:00:00.000Z');
  });

  it('reads a skipped spring-forward time with the offset before the gap', () => {
    expect(utc('2024-03-31 01:59:59', 'Europe/Amsterdam')).toBe('2024-03-31T00:59:59.000Z');
    expect(utc('2024-03-31 02:00:00', 'Europe/Amsterdam')).toBe('2024-03-31T01:00:00.000Z');
    expect(utc('2024-03-31 02:30:00', 'Europe/Amsterdam')).toBe('2024-03-31T01:30:00.000Z');
    expect(utc('2024-03-31 03:00:00', 'Europe/Amsterdam')).toBe('2024-03-31T01:00:00.000Z');
  });

  it('reads an ambiguous fall-back time as the earlier instant', () => {
    expect(utc('2024-10-27 01:59:59', 'Europe/Amsterdam')).toBe('2024-10-26T23:59:59.000Z');
    expect(utc('2024-10-27 02:00:00', 'Europe/Amsterdam')).toBe('2024-10-27T00:00:00.000Z');
    expect(utc('2024-10-27 02:59:59', 'Europe/Amsterdam')).toBe('2024-10-27T00:59:59.000Z');
    expect(utc('2024-10-27 03:00:00', 'Europe/Amsterdam')).toBe('2024-10-27T02:00:00.000Z');
  });

  it('handles half-hour zones, the southern hemisphere and UTC', () => {
    expect(utc('2024-07-01 12:00:00', 'America/St_Johns')).toBe('2024-07-01T14:30:00.000Z');
    expect(utc('2024-01-01 12:00:00', 'Australia/Sydney')).toBe('2024-01-01T01:00:00.000Z');
    expect(utc('2024-01-01 12:00:00', 'UTC')).toBe('2024-01-01T12:00:00.000Z');
  });

  it('rejects unknown zones with a usage error', () => {
    expect(() => checkTimeZone('Mars/Olympus')).toThrow(UsageError);
  });
});

describe('parseDateTime / isoFromMicros', () => {
  it('parses offsets in all spellings and rejects impossible dates', () => {
    expect(parseDateTime('2024-12-18T19:36:48.669714-0500')?.offsetMinutes).toBe(-300);
    expect(parseDateTime('2024-12-18T19:36:48+05:30')?.offsetMinutes).toBe(330);
    expect(parseDateTime('2024-12-18 19:36:48 UTC')?.offsetMinutes).toBe(0);
    expect(parseDateTime('2024-12-18 19:36:48')?.offsetMinutes).toBeNull();
    expect(parseDateTime('2023-02-29 00:00:00')).toBeNull();
    expect(parseDateTime('2024-13-01 00:00:00')).toBeNull();
    expect(isoFromMicros(parseDateTime('2019-05-23T16:49:08.2087630Z')?.wallMicros ?? 0)).toBe(
      '2019-05-23T16:49:08.208763Z',
    );
  });

  it('isoFromMicros equals the Date spelling with the microseconds appended, in and out of order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -2_208_988_800_000_000, max: 7_258_118_400_000_000 }), { maxLength: 20 }),
        (times) => {
          // Sorted and repeated too: the date and the last answer are cached between calls.
          for (const us of [...times, ...[...times].sort((a, b) => a - b), ...times]) {
            const frac = us - Math.floor(us / 1_000_000) * 1_000_000;
            const whole = new Date(Math.floor(us / 1_000_000) * 1000).toISOString().slice(0, 19);
            expect(isoFromMicros(us)).toBe(`${whole}.${String(frac).padStart(6, '0')}Z`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('time assumptions through a log', () => {
  it('applies the Amsterdam rule to Windows Firewall lines at both DST edges', async () => {
    const text =
      '#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path\n' +
      '2024-03-31 02:30:00 ALLOW TCP 10.0.0.1 192.0.2.1 50000 443 0 - 0 0 0 - - - SEND\n' +
      '2024-10-27 02:30:00 ALLOW TCP 10.0.0.1 192.0.2.1 50001 443 0 - 0 0 0 - - - SEND\n';
    const { records } = await runLog(text, { timezone: 'Europe/Amsterdam' });
    expect(records.map((r) => r.firstSeen)).toEqual(['2024-03-31T01:30:00.000000Z', '2024-10-27T00:30:00.000000Z']);
  });
});
