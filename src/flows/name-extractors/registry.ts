/**
 * The extractors that read the start of a client's TCP stream, in probing order: the first whose probe accepts
 * the stream reads it. Adding one = one file + one line here.
 */
import { httpRequestExtractor } from './http-request.js';
import { tlsClientHelloExtractor } from './tls-client-hello.js';
import type { StreamNameExtractor } from './types.js';

export const CLIENT_STREAM_EXTRACTORS: readonly StreamNameExtractor[] = [
  tlsClientHelloExtractor as StreamNameExtractor,
  httpRequestExtractor as StreamNameExtractor,
];
