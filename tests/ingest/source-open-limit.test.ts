/**
 * An input that cannot be opened for want of descriptors is not an unreadable input (skipped, the run going on
 * with the next, which would fail the same way): openInput ends the run with a ResourceError (exit 5).
 */
import { describe, expect, it, vi } from 'vitest';
import { ResourceError, UnreadableInputError } from '../../src/core/errors.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    open: vi.fn(async (path: string) => {
      const code = path.endsWith('limit.pcap') ? 'EMFILE' : 'ENOENT';
      throw Object.assign(new Error(`${code}: open '${path}'`), { code, path });
    }),
  };
});

const { openInput } = await import('../../src/ingest/source.js');

describe('openInput out of descriptors', () => {
  it('throws a ResourceError naming the file, not an UnreadableInputError', async () => {
    const e = await openInput('/data/limit.pcap').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ResourceError);
    expect(e).not.toBeInstanceOf(UnreadableInputError);
    expect((e as Error).message).toContain('(opening /data/limit.pcap)');
  });

  it('still skips a missing file as unreadable', async () => {
    const e = await openInput('/data/missing.pcap').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UnreadableInputError);
  });
});
