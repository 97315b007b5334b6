/**
 * hpack.js, loaded on first use. Its entry point also loads the compressor and decompressor streams
 * (readable-stream and its dependencies): ~30 ms of CPU that every start of flows and audit paid (issue #18), though
 * only an HTTP/2 connection or a Huffman-coded QPACK string needs it.
 */
import { createRequire } from 'node:module';
import type hpackModule from 'hpack.js';

export type Hpack = typeof hpackModule;

let loaded: Hpack | undefined;

export function hpackLib(): Hpack {
  loaded ??= createRequire(import.meta.url)('hpack.js') as Hpack;
  return loaded;
}
