/**
 * The per-packet fault boundary: an error while one packet is decoded or named is counted with file and frame and
 * the run goes on; an error of the flow consumer (outside the boundary) still ends the run as it was thrown.
 */
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Anomalies } from '../../src/core/anomalies.js';
import { PacketDecoder } from '../../src/decode/decoder.js';
import type { FlowRecord } from '../../src/flows/flow-record.js';
import { pcapFormat } from '../../src/ingest/pcap/pcap-format.js';
import { openStream } from '../../src/ingest/source.js';
import { captureFlows, PACKET_FAULT } from '../../src/pipeline/capture-flows.js';
import { TcpConversation } from '../../src/writer/conversation.js';
import { writePcap } from '../../src/writer/pcap-writer.js';

const T0 = Date.UTC(2026, 10, 2, 8, 0, 0) * 1000;

function capture(): Buffer {
  const frames: { data: Uint8Array; tsMicros: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const c = new TcpConversation((data, tsMicros) => frames.push({ data, tsMicros }), {
      client: { ip: '192.168.1.10', port: 50000 + i },
      server: { ip: `198.51.100.${i + 1}`, port: 443 },
      startMicros: T0 + i * 1_000_000,
      rttMicros: 20_000,
    });
    c.handshake();
    c.clientSends(new Uint8Array(100));
    c.close();
  }
  return Buffer.from(writePcap({ linkType: 1 }, frames));
}

async function run(onFlow: (f: FlowRecord) => void): Promise<{ anomalies: Anomalies; flows: number }> {
  const bytes = capture();
  const source = await openStream(Readable.from([bytes]), 'faulty.pcap', bytes.length);
  const anomalies = new Anomalies();
  const summary = await captureFlows(source, pcapFormat, { anomalies, onFlow });
  return { anomalies, flows: summary.flows };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('per-packet fault boundary', () => {
  it('counts a decoder error on one packet with its file and frame, and reads the rest', async () => {
    const real = PacketDecoder.prototype.decodeAt;
    vi.spyOn(PacketDecoder.prototype, 'decodeAt').mockImplementation(function (this: PacketDecoder, ...args) {
      if (args[4] === 2) throw new RangeError('offset out of bounds');
      return real.apply(this, args);
    });
    const flows: FlowRecord[] = [];
    const { anomalies, flows: count } = await run((f) => flows.push(f));
    expect(anomalies.count(PACKET_FAULT)).toBe(1);
    expect(anomalies.entries().find((e) => e.reason === PACKET_FAULT)?.examples).toEqual([
      { file: 'faulty.pcap', frame: 2, detail: 'RangeError: offset out of bounds' },
    ]);
    expect(count).toBe(3);
    expect(flows.map((f) => f.server).sort()).toEqual(['198.51.100.1', '198.51.100.2', '198.51.100.3']);
  });

  it('lets an error of the flow consumer end the run unchanged', async () => {
    const bug = new TypeError('consumer bug');
    await expect(
      run(() => {
        throw bug;
      }),
    ).rejects.toBe(bug);
  });
});
