/**
 * What a signal undoes (core/interrupt.ts), driven without a real signal: the atomic writer's temporary file is
 * removed, a progress line on a terminal is erased, asynchronous undos get a grace, and a second signal exits at
 * once. The real CLI under a real signal: tests/e2e/signals.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeRenderedFile, writeTextFile } from '../../src/cli/output.js';
import { ReadProgress } from '../../src/cli/progress.js';
import { interruptHandlers, onInterrupt, pendingUndos } from '../../src/core/interrupt.js';
import { tempDir } from '../e2e/helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('a signal undoes what must not outlive the run', () => {
  it('removes the temporary file of a report being written; the old report stays whole', async () => {
    const dir = join(tmp.dir, 'w');
    const path = join(dir, 'report.json');
    await writeTextFile(path, 'old report\n');
    const exits: number[] = [];
    const handle = interruptHandlers({ exit: (code) => exits.push(code) });
    let tempSeen = false;
    const written = writeRenderedFile(path, (sink) => {
      sink('x'.repeat(2 << 20)); // more than one batch: the temporary file exists and holds a part
      const temp = readdirSync(dir).find((f) => f.endsWith('.tmp'));
      tempSeen = temp !== undefined && existsSync(join(dir, temp));
      void handle(130);
      // The process would be gone here; the writer stops as any renderer failure stops it.
      throw new Error('stopped');
    });
    await expect(written).rejects.toThrow('stopped');
    expect(tempSeen).toBe(true);
    expect(exits).toEqual([130]);
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(readFileSync(path, 'utf8')).toBe('old report\n');
    expect(pendingUndos()).toBe(0);
  });

  it('a finished write leaves nothing registered', async () => {
    await writeTextFile(join(tmp.dir, 'done.txt'), 'whole\n');
    expect(pendingUndos()).toBe(0);
  });

  it('erases the progress line on a terminal, so the prompt does not follow a half line', async () => {
    const out: string[] = [];
    let now = 0;
    const progress = new ReadProgress({ enabled: true, write: (t) => out.push(t), now: () => now });
    progress.begin('big.pcap', 1000, 0, 1);
    now += 1000;
    progress.advance(100);
    expect(out.at(-1)).toContain('big.pcap');
    const exits: number[] = [];
    await interruptHandlers({ exit: (code) => exits.push(code) })(143);
    expect(out.at(-1)).toBe('\r\x1b[K');
    expect(exits).toEqual([143]);
    // Ended normally: nothing left for a later signal to erase.
    progress.begin('next.pcap', 1000, 0, 1);
    progress.end();
    expect(pendingUndos()).toBe(0);
  });

  it('waits for asynchronous undos (workers stopping), but a second signal exits at once', async () => {
    const exits: number[] = [];
    const handle = interruptHandlers({ exit: (code) => exits.push(code), graceMs: 10_000 });
    let stopped = false;
    onInterrupt(() => new Promise<void>(() => undefined)); // a worker that never finishes stopping
    onInterrupt(() => {
      stopped = true;
    });
    const first = handle(130);
    expect(stopped).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(exits).toEqual([]);
    await handle(130);
    expect(exits).toEqual([130]);
    void first;
  });

  it('gives up on a hanging undo after the grace', async () => {
    const exits: number[] = [];
    onInterrupt(() => new Promise<void>(() => undefined));
    await interruptHandlers({ exit: (code) => exits.push(code), graceMs: 30 })(143);
    expect(exits).toEqual([143]);
  });
});
