/**
 * What the fuzzer's main thread and its worker say to each other, and the shared memory slot through which the
 * worker shows its current input: meta[0] execution counter, meta[1] input length, time[0] start (ms), then the
 * input's first SLOT_BYTES bytes.
 */

/** Inputs are at most this long (mutate.ts MAX_INPUT_BYTES), so the slot always holds the whole input. */
export const SLOT_BYTES = 1 << 20;
const HEADER = 16;

export interface WorkerJob {
  target: string;
  seed: number;
  /** When to stop (ms since the epoch): the slice's end, worker start-up and seed generation included. */
  deadline: number;
  dir: string;
  /** Folders of shared captures and logs to take extra seeds from (read, never written). */
  extraSeeds: string[];
  slot: SharedArrayBuffer;
  /** Run this one file once and report its outcome or finding. */
  repro?: string;
}

export interface FindingMessage {
  type: 'finding';
  kind: 'exception' | 'cli';
  signature: string;
  message: string;
  stack: string;
  input: Uint8Array;
  /** CLI target: the command's arguments, "@IN" standing for the input file. */
  args?: string[];
}

export type WorkerMessage =
  | { type: 'stats'; execs: number; corpus: number; outcomes: number; findings: number }
  | FindingMessage
  | { type: 'repro'; outcome: string }
  | { type: 'fatal'; message: string }
  | { type: 'done' };

export function newSlot(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER + SLOT_BYTES);
}

export function slotViews(slot: SharedArrayBuffer): { meta: Int32Array; time: Float64Array; bytes: Uint8Array } {
  return {
    meta: new Int32Array(slot, 0, 2),
    time: new Float64Array(slot, 8, 1),
    bytes: new Uint8Array(slot, HEADER, SLOT_BYTES),
  };
}

/** The input the worker is running now (a copy). */
export function currentInput(slot: SharedArrayBuffer): Uint8Array {
  const v = slotViews(slot);
  return Uint8Array.from(v.bytes.subarray(0, v.meta[1] ?? 0));
}
