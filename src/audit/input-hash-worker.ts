/**
 * Worker-thread entry: the SHA-256 of each input file it is sent, posted back in the order sent (null when the
 * file cannot be read). Started by InputHashes (input-hash.ts) so the hashing overlaps the reading.
 */
import { parentPort } from 'node:worker_threads';
import { sha256File } from './input-hash.js';

const port = parentPort;
if (port === null) throw new Error('input-hash-worker.js runs only as a worker thread');

let queue: Promise<void> = Promise.resolve();
port.on('message', (path: string) => {
  queue = queue.then(async () => {
    port.postMessage({ path, sha256: await sha256File(path) });
  });
});
