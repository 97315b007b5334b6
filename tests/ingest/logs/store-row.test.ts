/**
 * FlowStore.addRow (the byte readers' row path, store-row.ts) must hold exactly what `add` holds for the
 * FlowFields the row stands for: the same record, key for key, whatever the values (widened columns, -0,
 * huge counts, addresses other than dotted quads, ICMP over IPv6 resolved by the reader).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlowProto } from '../../../src/flows/flow-record.js';
import { FlowStore } from '../../../src/ingest/logs/flow-store.js';
import type { FlowFields } from '../../../src/ingest/logs/log-record.js';
import { StoreRow } from '../../../src/ingest/logs/store-row.js';
import { storeCount as count, T0 } from './log-event-arbitrary.js';

const address = fc.oneof(
  fc.ipV4(),
  fc.integer({ min: 0, max: 0xffff_ffff }),
  fc.ipV6(),
  fc.constantFrom('010.1.2.3', '2001:db8::1', 'fe80::1'),
);

/** The FlowFields a byte reader's row can stand for: no last-seen, reply counts, total, join or objects. */
const rowFields: fc.Arbitrary<FlowFields> = fc
  .record({
    proto: fc.constantFrom<FlowProto>('tcp', 'udp', 'icmp'),
    client: address,
    server: address,
    clientPort: fc.oneof(fc.nat({ max: 65_535 }), fc.constant(2 ** 31 - 1)),
    serverPort: fc.nat({ max: 65_535 }),
    offset: fc.integer({ min: 0, max: 3 * 86_400_000_000 }),
    packetsOut: count,
    bytesOut: count,
    tcpFlags: fc.constantFrom('', 'S', 'FSRPAUEC', 'é'),
    endReason: fc.constantFrom('allow', 'drop', 'q"uote'),
    action: fc.option(fc.constantFrom('allow', 'drop'), { nil: undefined }),
    pid: fc.option(fc.oneof(fc.nat(), fc.constant(2 ** 40)), { nil: undefined }),
    line: fc.oneof(fc.nat(), fc.constant(2 ** 33)),
    format: fc.constantFrom('windows-firewall', 'x"y'),
  })
  .map(({ offset, action, pid, ...f }) => {
    const ipProto = f.proto === 'tcp' ? 6 : f.proto === 'udp' ? 17 : 1;
    const out: FlowFields = { ...f, ipProto, firstMicros: T0 + offset };
    if (action !== undefined) out.action = action;
    if (pid !== undefined) out.pid = pid;
    return out;
  });

/** What a byte reader does with the fields: resolve ids through the store, then hand over one row. */
function addAsRow(store: FlowStore, f: FlowFields, file: number, row: StoreRow): void {
  const v6 = f.proto === 'icmp' && typeof f.client === 'string' && f.client.includes(':');
  row.proto = v6 ? store.protoId('icmpv6', 58) : store.protoId(f.proto, f.ipProto);
  row.client = store.addressCode(f.client);
  row.server = store.addressCode(f.server);
  row.clientPort = f.clientPort;
  row.serverPort = f.serverPort;
  row.first = f.firstMicros;
  row.line = f.line;
  row.pktOut = f.packetsOut ?? Number.NaN;
  row.bytesOut = f.bytesOut ?? Number.NaN;
  row.pid = f.pid ?? Number.NaN;
  row.flags = store.textId('flags', f.tcpFlags ?? '');
  row.end = store.textId('end', f.endReason);
  row.action = f.action === undefined ? 0 : store.textId('action', f.action);
  row.format = store.textId('format', f.format);
  store.addRow(row, file);
}

describe('FlowStore.addRow', () => {
  it('holds the record add holds for the same fields (property, past a page and with widened columns)', () => {
    fc.assert(
      fc.property(fc.array(rowFields, { minLength: 1, maxLength: 40 }), fc.nat({ max: 16_384 }), (list, skip) => {
        const viaAdd = new FlowStore();
        const viaRow = new FlowStore();
        const fileA = viaAdd.stringId('a.log');
        const fileB = viaRow.stringId('a.log');
        const row = new StoreRow();
        // Records before, added the same way to both, put the rows at any slot of a page (and on the next page).
        const filler = list[0] as FlowFields;
        for (let k = 0; k < skip; k++) {
          viaAdd.add(filler, fileA);
          viaRow.add(filler, fileB);
        }
        for (const f of list) {
          viaAdd.add(f, fileA);
          addAsRow(viaRow, f, fileB, row);
        }
        expect(viaRow.size).toBe(viaAdd.size);
        for (let r = skip; r < viaAdd.size; r++) expect(viaRow.record(r)).toEqual(viaAdd.record(r));
      }),
      { numRuns: 60 },
    );
  });

  it('leaves a page that has a join column without a join for the row', () => {
    const store = new FlowStore();
    const file = store.stringId('z.log');
    const f: FlowFields = {
      proto: 'tcp',
      ipProto: 6,
      client: '10.0.0.1',
      clientPort: 1,
      server: '10.0.0.2',
      serverPort: 2,
      firstMicros: T0,
      endReason: 'allow',
      line: 1,
      format: 'zeek-conn',
    };
    store.add(f, file, { key: 'u1', primary: true });
    addAsRow(store, { ...f, line: 2 }, file, new StoreRow());
    expect(store.joinId(0)).toBeGreaterThanOrEqual(0);
    expect(store.joinId(1)).toBe(-1);
    expect(store.record(1).source.line).toBe(2);
  });
});
