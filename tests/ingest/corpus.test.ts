/**
 * Packet counts against tshark/capinfos ground truth for the shared corpus of real captures (present only on
 * the team's machines: skipped elsewhere). Only files tshark read without complaint are compared.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Anomalies } from '../../src/core/anomalies.js';
import { readCapture } from '../../src/ingest/capture-reader.js';
import { openInput } from '../../src/ingest/source.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = resolve(repoRoot, '../shared/corpus');

function truthFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...truthFiles(p));
    else if (name.endsWith('.json')) out.push(p);
  }
  return out;
}

function expectedPackets(truth: unknown): number | null {
  if (typeof truth !== 'object' || truth === null) return null;
  const t = truth as { tshark_ok?: unknown; summary?: { packets?: unknown } };
  const ok = Array.isArray(t.tshark_ok) ? t.tshark_ok[0] : t.tshark_ok;
  if (ok !== true && ok !== 'true' && ok !== 'True') return null;
  const packets = Array.isArray(t.summary?.packets) ? t.summary?.packets[0] : t.summary?.packets;
  const n = Number(packets);
  return Number.isInteger(n) ? n : null;
}

describe.skipIf(!existsSync(join(corpus, 'truth')))('shared corpus packet counts', () => {
  it('delivers as many packets as capinfos counts', async () => {
    const mismatches: string[] = [];
    let compared = 0;
    for (const truthPath of truthFiles(join(corpus, 'truth'))) {
      const expected = expectedPackets(JSON.parse(readFileSync(truthPath, 'utf8')));
      if (expected === null) continue;
      const rel = relative(join(corpus, 'truth'), truthPath).replace(/\.json$/, '');
      const capture = join(corpus, 'pcaps', rel);
      if (!existsSync(capture)) continue;
      compared++;
      const anomalies = new Anomalies();
      try {
        const summary = await readCapture(await openInput(capture), { packet() {} }, anomalies);
        if (summary.packets !== expected) {
          const reasons = anomalies.entries().map((e) => e.reason);
          mismatches.push(`${rel}: ${summary.packets} != ${expected} [${reasons.join(' ')}]`);
        }
      } catch (e) {
        mismatches.push(`${rel}: ${String(e)}`);
      }
    }
    console.log(`corpus: ${compared - mismatches.length}/${compared} packet counts match`);
    expect(compared).toBeGreaterThan(0);
    expect(mismatches).toEqual([]);
  });
});
