/**
 * The real captures of ../shared/payload (skipped without them): each QUIC flow decrypted with its key log must
 * give tshark's STREAM byte counts per direction (truth/<name>.json quic_streams, summed per direction).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pcapngKeyLog, readUdpFlows } from './capture-udp.js';
import { decode, keyLogLookup } from './quic-test-kit.js';

const ROOT = resolve(process.cwd(), '../shared/payload');

interface TruthStream {
  src: string;
  sport: number;
  dst: string;
  dport: number;
  stream: number;
  bytes: number;
}

const CAPTURES: { file: string; keys: 'file' | 'dsb'; status: string }[] = [
  { file: 'illustrated-quic.pcap', keys: 'file', status: 'decrypted' },
  { file: 'quic-draft22-multi_stream.pcap', keys: 'file', status: 'decrypted' },
  { file: 'quic-draft22-spin_bit.pcap', keys: 'file', status: 'decrypted' },
  // Its key log uses the old QUIC_* labels, which are not SSLKEYLOGFILE labels (tshark 4.0 ignores them too).
  { file: 'quic-draft22-new_cid.pcap', keys: 'file', status: 'no-key' },
  { file: 'quic-draft29-h3-dsb.pcapng', keys: 'dsb', status: 'decrypted' },
];

describe.skipIf(!existsSync(join(ROOT, 'captures')))('real QUIC captures against tshark', () => {
  for (const c of CAPTURES) {
    it(c.file, () => {
      const capture = join(ROOT, 'captures', c.file);
      const stem = c.file.replace(/\.pcap(ng)?$/, '');
      const keylog =
        c.keys === 'dsb' ? pcapngKeyLog(capture) : readFileSync(join(ROOT, 'captures', `${stem}.keys`), 'utf8');
      const truth = JSON.parse(readFileSync(join(ROOT, 'truth', `${stem}.json`), 'utf8')) as {
        quic_streams: TruthStream[];
      };
      const flows = readUdpFlows(capture);
      expect(flows.length).toBeGreaterThan(0);
      for (const flow of flows) {
        const { decoder, collector } = decode(flow.datagrams, keyLogLookup(keylog));
        expect(decoder.status, decoder.reason ?? '').toBe(c.status);
        expect(collector.errors).toEqual([]);
        const sum = (from: { addr: string; port: number }): number =>
          truth.quic_streams
            .filter((s) => s.src === from.addr && s.sport === from.port)
            .reduce((n, s) => n + s.bytes, 0);
        expect(decoder.streamBytes).toEqual({ out: sum(flow.client), in: sum(flow.server) });
        // Every stream tshark saw has its bytes handed on (no retransmissions in these captures).
        for (const s of truth.quic_streams) {
          const dir = s.src === flow.client.addr && s.sport === flow.client.port ? 'out' : 'in';
          expect(collector.data.get(`${dir}:${s.stream}`)?.length, `${dir}:${s.stream}`).toBe(s.bytes);
        }
      }
    });
  }

  it('quic-draft22-new_cid.pcap with its QUIC_* labels read as the standard ones: decrypted', () => {
    const capture = join(ROOT, 'captures', 'quic-draft22-new_cid.pcap');
    const keylog = readFileSync(join(ROOT, 'captures', 'quic-draft22-new_cid.keys'), 'utf8').replace(/^QUIC_/gm, '');
    for (const flow of readUdpFlows(capture)) {
      const { decoder } = decode(flow.datagrams, keyLogLookup(keylog));
      expect(decoder.status).toBe('decrypted');
      // tshark 4.0 with the same relabelled key log counts 17 bytes out and 10918 in.
      expect(decoder.streamBytes).toEqual({ out: 17, in: 10918 });
    }
  });
});
