/** Small helper so every detector caps its output the same way. */
import { MAX_HITS_PER_DETECTOR, type PiiConfidence, type RawHit } from './types.js';

export function collect(
  matches: Iterable<RegExpMatchArray>,
  judge: (m: RegExpMatchArray) => { value: string; confidence: PiiConfidence } | null,
): RawHit[] {
  const out: RawHit[] = [];
  for (const m of matches) {
    const hit = judge(m);
    if (hit !== null) out.push(hit);
    if (out.length >= MAX_HITS_PER_DETECTOR) break;
  }
  return out;
}
