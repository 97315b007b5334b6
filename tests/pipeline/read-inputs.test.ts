import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Anomalies } from '../../src/core/anomalies.js';
import { DIRECT_READ_BYTES } from '../../src/ingest/capture-driver.js';
import { READ_CHUNK_BYTES } from '../../src/ingest/source.js';
import { readInputs } from '../../src/pipeline/read-inputs.js';
import { udpFrame } from '../../src/writer/conversation.js';
import { writePcap } from '../../src/writer/pcap-writer.js';
import { tempDir } from '../e2e/helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

describe('readInputs', () => {
  it('waits for the output to drain between chunks of a capture, not only between inputs', async () => {
    // About 3 read chunks of UDP datagrams (the head's, then two into the capture driver's buffer), one flow
    // per 100 packets.
    const payload = new Uint8Array(1400);
    const packets = Array.from({ length: Math.ceil((READ_CHUNK_BYTES + 2 * DIRECT_READ_BYTES) / 1450) }, (_, i) => ({
      data: udpFrame({ ip: '10.0.0.1', port: 40000 + Math.floor(i / 100) }, { ip: '192.0.2.1', port: 9000 }, payload),
      tsMicros: 1_700_000_000_000_000 + i * 1000,
    }));
    const file = join(dir, 'big.pcap');
    writeFileSync(file, writePcap({ linkType: 1 }, packets));
    let drains = 0;
    let flows = 0;
    const flowsAtDrain: number[] = [];
    await readInputs([file], {
      anomalies: new Anomalies(),
      onFlow: () => flows++,
      drain: async () => {
        drains++;
        flowsAtDrain.push(flows);
      },
    });
    // One drain per chunk read (at least 3) plus the one after the input.
    expect(drains).toBeGreaterThanOrEqual(4);
    expect(flows).toBe(Math.ceil(packets.length / 100));
    expect(flowsAtDrain.at(-1)).toBe(flows);
  });
});
