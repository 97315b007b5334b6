/**
 * The fuzzer itself (src/tools/fuzz/): its targets cover every reader, its mutations are deterministic, and each
 * capture and report target runs a short loop with a fixed seed without a finding (log, HAR and key log targets:
 * fuzz-text-targets.test.ts). The real campaign is `npm run fuzz`.
 */
import { describe, expect, it } from 'vitest';
import { CAPTURE_FORMATS } from '../../../src/ingest/capture-formats.js';
import { LOG_FORMATS } from '../../../src/ingest/logs/registry.js';
import { mutateJson } from '../../../src/tools/fuzz/json-mutate.js';
import { mutate, Rng } from '../../../src/tools/fuzz/mutate.js';
import { TARGETS } from '../../../src/tools/fuzz/targets.js';
import { shortRun } from './fuzz-helpers.js';

describe('fuzz targets', () => {
  it('cover every capture format, compression, log format and the other readers', () => {
    const names = TARGETS.map((t) => t.name);
    for (const f of CAPTURE_FORMATS) expect(names).toContain(f.id);
    for (const f of LOG_FORMATS) expect(names).toContain(`log-${f.id}`);
    for (const n of ['gzip', 'zstd', 'lz4', 'har', 'keylog', 'report', 'cli']) expect(names).toContain(n);
  });

  it('mutations are deterministic for a seed and leave the input alone', () => {
    const input = Uint8Array.from({ length: 200 }, (_, i) => i);
    const run = () => {
      const rng = new Rng(7);
      return Array.from({ length: 50 }, () =>
        Buffer.from(mutate(input, rng, input, [Buffer.from('tok')])).toString('hex'),
      );
    };
    expect(run()).toEqual(run());
    expect(input[10]).toBe(10);
  });

  it('JSON mutations always give JSON text (inserted values are copies: no cycle, no pollution)', () => {
    const rng = new Rng(3);
    let text = '{"a":[1,{"b":"c"}],"d":{}}';
    for (let i = 0; i < 3000; i++) {
      const next = mutateJson(text, rng);
      expect(typeof next).toBe('string');
      text = next ?? text;
    }
  });

  for (const name of ['pcap', 'pcapng', 'snoop', 'netmon', 'etl', 'gzip', 'zstd', 'lz4', 'report']) {
    it(`${name}: seeds read as ${name}, and a short run finds nothing`, async () => {
      const t = TARGETS.find((x) => x.name === name);
      if (t === undefined) throw new Error(`no target ${name}`);
      await shortRun(t);
    });
  }
});
