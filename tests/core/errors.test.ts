/** The refused resources (core/errors.ts resourceErrorOf): what becomes exit 5 instead of an internal error. */
import { describe, expect, it } from 'vitest';
import { ResourceError, resourceErrorOf } from '../../src/core/errors.js';

function errno(code: string, path?: string): Error {
  return Object.assign(new Error(`${code}: something, open '${path ?? ''}'`), { code, ...(path ? { path } : {}) });
}

describe('resourceErrorOf', () => {
  it('takes the limits of open files, naming the file being opened and the remedy', () => {
    const emfile = resourceErrorOf(errno('EMFILE', '/data/a.pcap'));
    expect(emfile).toBeInstanceOf(ResourceError);
    expect(emfile?.message).toBe(
      'too many open files: the limit of open files for this process was reached (opening /data/a.pcap); raise the limit (ulimit -n; LimitNOFILE= for a systemd service) or read fewer inputs at once (-j)',
    );
    expect(resourceErrorOf(errno('ENFILE'))?.message).toMatch(/^too many open files in the system: .*raise the limit/);
  });

  it("takes a module Node's loader could not find (how it reports a file it could not open for want of descriptors)", () => {
    const e = resourceErrorOf(errno('ERR_MODULE_NOT_FOUND'));
    expect(e?.message).toMatch(/^could not load a part of outflow \(.*\): the installation is incomplete/);
  });

  it('leaves every other error alone, and keeps a ResourceError as it is', () => {
    for (const e of [errno('ENOENT', 'x'), errno('ENOSPC'), new Error('plain'), 'text', null, undefined, { code: 5 }])
      expect(resourceErrorOf(e)).toBeNull();
    const given = new ResourceError('given');
    expect(resourceErrorOf(given)).toBe(given);
    // A worker thread's error arrives as a plain object with its code.
    expect(resourceErrorOf({ code: 'EMFILE', message: 'x' })).toBeInstanceOf(ResourceError);
  });
});
