/** The deoptimisation counter of `npm run bench`: one per V8 bailout, placed in a file, hot path told apart. */
import { describe, expect, it } from 'vitest';
import { deoptLine, isHotScript, parseDeopts, summariseDeopts } from '../../src/bench/deopt-trace.js';

// Shaped as Node 20's --trace-deopt-verbose prints it (addresses shortened, frames cut to a line or two).
const APP = 'file:///app/dist';
const TRACE = [
  '[bailout (kind: deopt-eager, reason: wrong map): begin. deoptimizing 0x1 <JSFunction isURL (sfi = 0x2)>, 0x3 <Code TURBOFAN>, opt id 6]',
  '            ;;; deoptimize at <node:internal/url:764:22>',
  '  reading input frame isURL => bytecode_offset=12, args=2, height=2, retval=0(#0); inputs:',
  '      0: 0x1 ;  [fp -  16]  0x1 <JSFunction isURL (sfi = 0x2)>',
  '[bailout end. took 0.449 ms]',
  '[bailout (kind: deopt-eager, reason: Insufficient type feedback for call): begin. deoptimizing 0x4 <JSFunction account (sfi = 0x5)>, 0x6 <Code TURBOFAN>]',
  `            ;;; deoptimize at <${APP}/flows/flow-table.js:120:18>`,
  '  reading input frame account => bytecode_offset=1; inputs:',
  '[bailout end. took 0.1 ms]',
  // A builtin inlined into hot code: the deoptimised code is the hot function's.
  '[bailout (kind: deopt-eager, reason: not a Smi): begin. deoptimizing 0x7 <JSFunction onLayer (sfi = 0x8)>, 0x9 <Code TURBOFAN>]',
  `            ;;; deoptimize at <node:buffer:10:2> inlined at <${APP}/decode/decoder.js:40:3>`,
  '[bailout end. took 0.1 ms]',
  // V8 prints "marking dependent code" from another thread, into the middle of a line; a lazy bailout has no
  // position and is placed by its function's name (onLayer, placed above).
  '[marking dependent code 0xa <Code TURBOFAN> (0xb <SharedFunctionInfo onLayer>[bailout (kind: deopt-lazy, reason: (unknown)): begin. deoptimizing 0xc <JSFunction onLayer (sfi = 0x8)>, 0xd <Code TURBOFAN>]',
  '  reading input frame onLayer => bytecode_offset=357; inputs:',
  '[bailout end. took 0.1 ms]',
  '[bailout (kind: deopt-lazy, reason: (unknown)): begin. deoptimizing 0xe <JSFunction #neverEager (sfi = 0xf)>, 0x10 <Code TURBOFAN>]',
  '[bailout end. took 0.1 ms]',
  `[bailout (kind: deopt-eager, reason: wrong map): begin. deoptimizing 0x11 <JSFunction renderCsv (sfi = 0x12)>, 0x13 <Code TURBOFAN>]`,
  `            ;;; deoptimize at <${APP}/cli/output.js:5:1>`,
  '[bailout end. took 0.1 ms]',
].join('\n');

describe('deopt trace', () => {
  it('counts one deoptimisation per bailout, not its sub-lines, end lines or marking notes', () => {
    const deopts = parseDeopts(TRACE);
    expect(deopts.map((d) => d.fn)).toEqual(['isURL', 'account', 'onLayer', 'onLayer', '#neverEager', 'renderCsv']);
    expect(deopts.map((d) => d.kind)).toEqual([
      'deopt-eager',
      'deopt-eager',
      'deopt-eager',
      'deopt-lazy',
      'deopt-lazy',
      'deopt-eager',
    ]);
    expect(deopts[2]?.urls).toEqual(['node:buffer', `${APP}/decode/decoder.js`]);
  });

  it('counts those in flows/ decode/ ingest/, placing lazy ones by function name', () => {
    const s = summariseDeopts(TRACE);
    expect(s.total).toBe(6);
    expect(s.hot).toBe(3); // account, onLayer (inlined builtin), onLayer (lazy, placed by name)
    expect(s.byKind).toEqual({ 'deopt-eager': 4, 'deopt-lazy': 2 });
    expect(s.byFile[0]).toEqual(['decode/decoder.js', 2]);
    expect(s.byFile.map(([f]) => f)).toContain('(unplaced) #neverEager');
    expect(deoptLine(s)).toMatch(/^deopts: 6 \(of which in flows\/ decode\/ ingest\/: 3\); eager 4, lazy 2; most in /);
  });

  it('an empty trace is no deoptimisation', () => {
    expect(deoptLine(summariseDeopts(''))).toBe('deopts: 0 (of which in flows/ decode/ ingest/: 0)');
  });

  it('tells hot scripts by their folder under dist/ or src/', () => {
    expect(isHotScript(`${APP}/ingest/source.js`)).toBe(true);
    expect(isHotScript(`${APP}/pipeline/capture-flows.js`)).toBe(false);
    expect(isHotScript('file:///app/node_modules/flows/index.js')).toBe(false);
    expect(isHotScript('node:internal/streams/readable')).toBe(false);
  });
});
