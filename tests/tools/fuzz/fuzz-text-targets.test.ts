/** The fuzzer's log, HAR and key log targets: seeds read as their format, and a short run finds nothing. */
import { describe, it } from 'vitest';
import { TARGETS } from '../../../src/tools/fuzz/targets.js';
import { shortRun } from './fuzz-helpers.js';

describe('fuzz text targets', () => {
  for (const t of TARGETS.filter((x) => x.name.startsWith('log-') || x.name === 'har' || x.name === 'keylog')) {
    it(`${t.name}: seeds read as their format, and a short run finds nothing`, async () => {
      await shortRun(t);
    });
  }
});
