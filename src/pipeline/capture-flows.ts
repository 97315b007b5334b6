/**
 * One capture file → flows: reader → decoder → flow table (+ naming). The seam every capture-based command
 * uses; nothing here knows about output formats.
 */
import type { PiiOptions } from '../assess/pii/types.js';
import type { Anomalies } from '../core/anomalies.js';
import { HeapBound } from '../core/heap-bound.js';
import { PacketDecoder } from '../decode/decoder.js';
import { createDecodedPacket } from '../decode/packet.js';
import { DnsCache } from '../flows/dns-cache.js';
import type { EndedFlow } from '../flows/ended-flow.js';
import { FlowNamer } from '../flows/flow-namer.js';
import type { FlowRecord } from '../flows/flow-record.js';
import { DEFAULT_IDLE_TIMEOUTS, FlowTable, type IdleTimeouts } from '../flows/flow-table.js';
import { flowToRecord } from '../flows/flow-to-record.js';
import type { CaptureFormat } from '../ingest/capture-format.js';
import { readCapture } from '../ingest/capture-reader.js';
import type { CapturePacketSink, CaptureSummary } from '../ingest/capture-sink.js';
import type { InputSource } from '../ingest/source.js';
import { captureTap, type PayloadRunOptions, preparePayloadReading } from '../payload/payload-run.js';

export interface CaptureFlowOptions {
  anomalies: Anomalies;
  /** Each flow as a record. */
  onFlow: (flow: FlowRecord) => void;
  /**
   * Each flow as the table's view of its columns, valid only during the call (flows/ended-flow.ts): for a
   * consumer that writes flows out as they end and keeps none, such as the NDJSON writer. Replaces onFlow.
   */
  onEnded?: (flow: EndedFlow) => void;
  /** Name flows (DNS, SNI, HTTP, QUIC). On by default. */
  naming?: boolean;
  /** Seconds a DNS answer stays usable after its TTL ran out. */
  dnsGraceSeconds?: number;
  timeouts?: IdleTimeouts;
  /** Search cleartext payloads for personal data (the audit does; plain `flows` does not by default). */
  pii?: PiiOptions | null;
  /** Read flows' content (keys, requests); null or absent: pcapng secrets blocks are still not looked at. */
  payload?: PayloadRunOptions | null;
}

export const DEFAULT_DNS_GRACE_SECONDS = 3600;

export interface CaptureFlowSummary extends CaptureSummary {
  flows: number;
  /** Packets that carried no IP layer we could account (unsupported link type, damaged, fragment pending). */
  packetsWithoutFlow: number;
}

/** Anomaly reasons that are normal states, not damage: fragments waiting for the rest of their datagram. */
const NORMAL_STATES = new Set(['ipv4-fragment-pending', 'ipv6-fragment-pending']);

export async function captureFlows(
  source: InputSource,
  format: CaptureFormat,
  options: CaptureFlowOptions,
): Promise<CaptureFlowSummary> {
  const { anomalies } = options;
  const decoder = new PacketDecoder(anomalies, source.name);
  const packet = createDecodedPacket();
  const namer =
    options.naming === false
      ? null
      : new FlowNamer(
          new DnsCache({ graceSeconds: options.dnsGraceSeconds ?? DEFAULT_DNS_GRACE_SECONDS }),
          anomalies,
          source.name,
          options.pii ?? null,
        );
  const onFlow = options.onFlow;
  const consumer = options.onEnded ?? ((view: EndedFlow) => onFlow(flowToRecord(view)));
  const payload = options.payload ?? null;
  await preparePayloadReading(payload, format.id);
  const table = new FlowTable({
    payload: captureTap(payload, source.name),
    file: source.name,
    format: format.id,
    timeouts: options.timeouts ?? DEFAULT_IDLE_TIMEOUTS,
    namer,
    anomalies,
    // The consumer (enrichment, output) is outside the per-packet boundary: its errors are marked so the
    // boundary lets them through (they are bugs of the run, not damage of one packet).
    onFlow: (flow) => {
      try {
        consumer(flow);
      } catch (e) {
        throw new ConsumerError(e);
      }
    },
  });
  let packetsWithoutFlow = 0;
  const account = (frame: number, origLen: number, tsMicros: number): void => {
    const n = packet.layerCount;
    if (n === 0) packetsWithoutFlow++;
    for (let i = 0; i < n; i++) {
      const layer = packet.layers[i];
      if (layer !== undefined) table.onLayer(layer, i, frame, tsMicros, origLen);
    }
  };
  // The per-packet fault boundary: an error while decoding, naming or accounting one packet is a bug on odd
  // input, not a reason to lose the whole report. It is counted with its file and frame, like damaged records,
  // and the run goes on with the next packet.
  const packetFault = (e: unknown, frame: number): void => {
    if (e instanceof ConsumerError) throw e.cause;
    anomalies.add(PACKET_FAULT, { file: source.name, frame, detail: describeFault(e) });
  };
  const sink: CapturePacketSink = {
    packet(frame, linkType, data, origLen, tsMicros) {
      try {
        decoder.decode(linkType, data, frame, tsMicros, packet);
        account(frame, origLen, tsMicros);
      } catch (e) {
        packetFault(e, frame);
      }
    },
    // The readers' path: the record is read in place in the reader's buffer (no view allocated per packet).
    packetAt(frame, linkType, buf, off, len, origLen, tsMicros) {
      try {
        decoder.decodeAt(linkType, buf, off, off + len, frame, tsMicros, packet);
        account(frame, origLen, tsMicros);
      } catch (e) {
        packetFault(e, frame);
      }
    },
    // pcapng Decryption Secrets Blocks: keys inside the capture (editcap --inject-secrets). Flows that start
    // after them are followed, as with --keylog.
    secrets(secretsType, data) {
      if (payload === null) return;
      payload.keys.addDsb(secretsType, data);
      if (table.payloadTap === null) {
        const tap = captureTap(payload, source.name);
        if (tap !== null) table.usePayloadTap(tap);
      }
    },
  };
  const summary = await readCapture(boundedSource(source, new HeapBound()), sink, anomalies, format);
  try {
    table.finish();
  } catch (e) {
    throw e instanceof ConsumerError ? e.cause : e;
  }
  return { ...summary, flows: table.emittedFlows, packetsWithoutFlow };
}

/** The anomaly a packet whose processing failed is counted under. */
export const PACKET_FAULT = 'packet-processing-error';

/** An error thrown by the flow consumer, carried through the per-packet boundary unchanged. */
class ConsumerError extends Error {
  constructor(override readonly cause: unknown) {
    super('flow consumer failed');
  }
}

function describeFault(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** The source, with the heap bound checked before each chunk (core/heap-bound.ts: why). */
function boundedSource(source: InputSource, bound: HeapBound): InputSource {
  const inner = source.chunks;
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of inner) {
      bound.check();
      yield chunk;
    }
  }
  return { ...source, chunks: chunks() };
}

export function isNormalState(reason: string): boolean {
  return NORMAL_STATES.has(reason);
}
