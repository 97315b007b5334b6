/**
 * FirewallClock reads a stamp by arithmetic and, within an hour whose offset does not change, by adding the
 * seconds to the hour's first (windows-firewall-time.ts). It must give exactly what the general reading gives
 * (parseDateTime, then the zone rule of time-zone.ts), for stamps in and out of order, on DST change days (a gap
 * hour, a repeated hour, Lord Howe's half-hour shift), in local time and under "#Time Format: UTC".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Anomalies } from '../../../src/core/anomalies.js';
import type { LogContext } from '../../../src/ingest/logs/log-format.js';
import { LogTime } from '../../../src/ingest/logs/log-time.js';
import { FirewallClock } from '../../../src/ingest/logs/windows-firewall-time.js';

function context(timezone: string | null): LogContext {
  return {
    file: 'pfirewall.log',
    timezone,
    anomalies: new Anomalies(),
    nowMs: 0,
    emit: () => {},
    addressName: () => {},
    httpQuery: () => {},
    noteTime: () => {},
  };
}

/** Days around the 2024 changes of the zones below, and a few ordinary ones. */
const DAYS = [
  '2024-03-30',
  '2024-03-31',
  '2024-04-01',
  '2024-04-07',
  '2024-03-10',
  '2024-10-06',
  '2024-10-27',
  '2024-11-03',
  '2024-02-29',
  '2023-12-31',
];
const ZONES = [null, 'UTC', 'Europe/Amsterdam', 'America/New_York', 'Australia/Lord_Howe'];

const pad = (n: number) => String(n).padStart(2, '0');
const stamp = fc
  .record({
    day: fc.constantFrom(...DAYS),
    h: fc.integer({ min: 0, max: 23 }),
    m: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 60 }),
  })
  .map(({ day, h, m, s }) => `${day} ${pad(h)}:${pad(m)}:${pad(s)}`);

/** The general reading, by a clock that never saw another stamp. */
function general(zone: string | null, utc: boolean, text: string): number {
  const clock = new FirewallClock(new LogTime(context(zone)));
  clock.setUtc(utc);
  return clock.parts(text.slice(0, 10), text.slice(11));
}

describe('FirewallClock', () => {
  it.each(ZONES)('bytes and text read what parseDateTime reads (%s)', (zone) => {
    fc.assert(
      fc.property(
        fc.array(stamp, { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        fc.boolean(),
        (stamps, sorted, utc) => {
          const list = sorted ? [...stamps].sort() : stamps;
          const clock = new FirewallClock(new LogTime(context(zone)));
          clock.setUtc(utc);
          const textClock = new FirewallClock(new LogTime(context(zone)));
          textClock.setUtc(utc);
          for (const t of list) {
            const want = general(zone, utc, t);
            expect(clock.bytes(Buffer.from(`x ${t} y`), 2, 21)).toBe(want);
            expect(textClock.text(t, 0, 19)).toBe(want);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it.each([
    ['Europe/Amsterdam', ['2024-03-31', '2024-10-27']],
    ['America/New_York', ['2024-03-10', '2024-11-03']],
    // A 30-minute shift: 02:00-02:29 of 6 October does not exist, 02:30-02:59 does: the hour has two offsets.
    ['Australia/Lord_Howe', ['2024-04-07', '2024-10-06']],
  ])('every few seconds of the change hours, in order (%s)', (zone, days) => {
    const clock = new FirewallClock(new LogTime(context(zone)));
    for (const day of days) {
      for (let h = 0; h < 4; h++) {
        for (let sec = 0; sec < 3600; sec += 7) {
          const t = `${day} ${pad(h)}:${pad(Math.floor(sec / 60))}:${pad(sec % 60)}`;
          expect(clock.bytes(Buffer.from(t), 0, 19)).toBe(general(zone, false, t));
        }
      }
    }
  });
});
