/**
 * The audit reads capture flows from the flow table's view (EndedAuditFlow), without a FlowRecord per flow: the
 * groups must be exactly those the records give, names, findings and content included.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EndedAuditFlow } from '../../src/audit/ended-audit-flow.js';
import type { FlowGrouper } from '../../src/audit/group-flows.js';
import { Anomalies } from '../../src/core/anomalies.js';
import { packageRoot } from '../../src/core/package-root.js';
import { readWithKeys } from '../../src/payload/payload-run.js';
import { readInputs } from '../../src/pipeline/read-inputs.js';
import { type GrouperFactory, grouperFactory } from './grouper-factory.js';

let newGrouper: GrouperFactory;
beforeAll(async () => {
  newGrouper = await grouperFactory();
});

/** The groups of a capture read as the audit reads it, from records or from the flow table's view. */
async function groups(file: string, fromView: boolean): Promise<FlowGrouper> {
  const grouper = newGrouper();
  const ended = new EndedAuditFlow();
  const inspect = { showValues: false, internalSuffixes: [] };
  await readInputs([join(packageRoot(), 'samples', file)], {
    anomalies: new Anomalies(),
    naming: true,
    pii: inspect,
    payload: readWithKeys(null, inspect),
    onFlow: (flow) => grouper.add(flow),
    ...(fromView ? { onEnded: (view) => grouper.add(ended.of(view)) } : {}),
  });
  return grouper;
}

describe('EndedAuditFlow', () => {
  it.each(['admin-pc-workday.pcap', 'telemetry-decrypted.pcapng'])(
    'groups %s exactly as its flow records do',
    async (file) => {
      const records = await groups(file, false);
      const views = await groups(file, true);
      expect(views.flows).toBe(records.flows);
      expect(views.flows).toBeGreaterThan(0);
      expect([...views.groups.keys()]).toEqual([...records.groups.keys()]);
      expect([...views.groups.values()]).toEqual([...records.groups.values()]);
      expect(views.clients).toEqual(records.clients);
      // The samples have names, findings and read content: the view hands over all of them.
      const all = [...views.groups.values()];
      expect(all.some((g) => g.names.size > 0)).toBe(true);
      expect(all.some((g) => g.pii.length > 0)).toBe(true);
      if (file.endsWith('.pcapng')) expect(all.some((g) => g.content !== null)).toBe(true);
    },
  );
});
