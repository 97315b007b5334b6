/** Generated frames through the whole capture path (pcap → decoder → flow table → namer), for the flow tests. */
import type { PiiOptions } from '../../src/assess/pii/types.js';
import { Anomalies } from '../../src/core/anomalies.js';
import type { FlowRecord } from '../../src/flows/flow-record.js';
import { pcapFormat } from '../../src/ingest/pcap/pcap-format.js';
import { openStream } from '../../src/ingest/source.js';
import { captureFlows } from '../../src/pipeline/capture-flows.js';
import { writePcap } from '../../src/writer/pcap-writer.js';

/** Ethernet frames and their capture times (µs). */
export type Frames = [Uint8Array, number][];

/** The frames as a pcap file (link type Ethernet). */
export function pcapOf(frames: Frames): Uint8Array {
  return writePcap(
    { linkType: 1 },
    frames.map(([data, tsMicros]) => ({ data, tsMicros })),
  );
}

/** The flows of a pcap held in memory, in the order the table hands them on, and the anomalies counted. */
export async function captureFlowsOf(
  pcap: Uint8Array,
  options: { pii?: PiiOptions | null } = {},
): Promise<{ flows: FlowRecord[]; anomalies: Anomalies }> {
  const source = await openStream(
    (async function* () {
      yield pcap;
    })(),
    'test.pcap',
    pcap.length,
  );
  const flows: FlowRecord[] = [];
  const anomalies = new Anomalies();
  await captureFlows(source, pcapFormat, { anomalies, pii: options.pii ?? null, onFlow: (f) => flows.push(f) });
  return { flows, anomalies };
}
