/**
 * Generated log-ingest event streams for the tests that compare a store hand-out (NDJSON from the columns, the
 * audit's column views) with the records `finish` gives: flow records with join keys, and DNS/proxy names.
 */
import fc from 'fast-check';
import { Anomalies } from '../../../src/core/anomalies.js';
import type { FlowName } from '../../../src/flows/flow-record.js';
import type { LogEvent } from '../../../src/ingest/logs/log-ingest.js';
import { LogIngest } from '../../../src/ingest/logs/log-ingest.js';
import type { FlowFields } from '../../../src/ingest/logs/log-record.js';

/** The first-seen time the generated records start from (µs). */
export const T0 = Date.UTC(2024, 2, 30, 22) * 1000;

/**
 * A packet or byte count as a log can give it, or null: small ones mostly, and those a store column must keep
 * exactly (past 32 bits, 2^53, a fraction, -0).
 */
export const storeCount = fc.option(
  fc.oneof(fc.nat({ max: 70_000 }), fc.constantFrom(0, 2 ** 32 - 1, 2 ** 32, 2 ** 53, 1.5, -0)),
  { nil: null },
);

export interface EventShape {
  /** Files the flow records come from. */
  files: string[];
  /** Join keys (records with one key describe one connection). */
  keys: string[];
  /** Files the names come from, and how often a name comes against ten records. */
  nameFiles: string[];
  nameWeight: number;
  /** Server addresses (a number is an IPv4 address as the store keeps it: named as 1.2.3.4). */
  address: fc.Arbitrary<string | number>;
  name: fc.Arbitrary<FlowName>;
}

/** One event and the file it came from: a flow record, or a name for an address seen at a time. */
export function logEvent(fields: fc.Arbitrary<FlowFields>, shape: EventShape): fc.Arbitrary<[string, LogEvent]> {
  return fc
    .oneof(
      {
        arbitrary: fc.tuple(
          fc.constantFrom(...shape.files),
          fields,
          fc.option(fc.record({ key: fc.constantFrom(...shape.keys), primary: fc.boolean() }), { nil: undefined }),
        ),
        weight: 10,
      },
      {
        arbitrary: fc.tuple(
          fc.constantFrom(...shape.nameFiles),
          shape.address,
          shape.name,
          fc.integer({ min: 0, max: 86_400 }),
        ),
        weight: shape.nameWeight,
      },
    )
    .map((e): [string, LogEvent] =>
      e.length === 3
        ? [e[0], ['emit', e[1], e[2]]]
        : [
            e[0],
            [
              'name',
              {
                address: typeof e[1] === 'number' ? '1.2.3.4' : e[1],
                name: e[2],
                tsMicros: T0 + e[3] * 1_000_000,
                client: '10.0.0.1',
              },
            ],
          ],
    );
}

/** A LogIngest that has read `events`, each run from its own copies (handing out sorts and extends names). */
export function replayed(events: [string, LogEvent][]): LogIngest {
  const ingest = new LogIngest({ timezone: null, anomalies: new Anomalies(), nowMs: 0 });
  for (const [file, e] of structuredClone(events)) ingest.replay(file, [e]);
  return ingest;
}
