/**
 * HTTP/1.x over one connection (RFC 9112): requests from the client direction, responses from the server
 * direction, matched in order (pipelining included). An exchange is reported once its request and its response
 * are complete, in request order; at end() the rest are reported, unanswered ones with status null.
 *
 * A response's framing depends on its request (HEAD, CONNECT), so the server direction waits for the matching
 * request, buffering up to MAX_PAUSED_BYTES; past that (one direction pushed whole before the other) responses
 * are read assuming a request other than HEAD or CONNECT, numbered, and matched when their requests arrive.
 */
import type { Direction, HttpExchange, HttpHeader } from '../types.js';
import { addNote, BodyCollector, type ExchangeSink, emptyExchange, finishExchange, headerValue } from './exchange.js';
import { contentLength, parseFieldLines, parseRequestLine, parseStatusLine, transferCodings } from './http1-head.js';
import { type HeadDecision, Http1MessageReader, type MessageHandler } from './http1-message-reader.js';
import { MAX_PENDING_EXCHANGES } from './limits.js';

export type { ExchangeSink } from './exchange.js';

/** The response side of an exchange, kept apart so that it can arrive before its request. */
interface ResponseState {
  status: number;
  headers: HttpHeader[];
  bodyBytes: number;
  done: boolean;
  notes: string[];
}

interface PendingRequest {
  exchange: HttpExchange;
  body: BodyCollector;
  requestDone: boolean;
  response: ResponseState | null;
  /** The request asked for a protocol switch (Upgrade): what follows depends on the response. */
  upgrade: boolean;
}

export class Http1StreamParser {
  private readonly out: Http1MessageReader;
  private readonly in: Http1MessageReader;
  private readonly pending: PendingRequest[] = [];
  /** Sequence number of pending[0]. */
  private firstPendingIndex = 0;
  private requestsSeen = 0;
  private finalResponsesSeen = 0;
  private currentRequest: PendingRequest | null = null;
  private currentResponse: ResponseState | null = null;
  private readonly earlyResponses = new Map<number, ResponseState>();
  private readonly outbox: HttpExchange[] = [];
  private ended = false;

  constructor(private readonly onExchange: ExchangeSink) {
    this.out = new Http1MessageReader('request', this.requestHandler());
    this.in = new Http1MessageReader('response', this.responseHandler());
  }

  get requestCount(): number {
    return this.requestsSeen;
  }

  push(dir: Direction, data: Uint8Array, frame: number): void {
    if (this.ended) return;
    this.guarded(dir, () => {
      this.reader(dir).push(data, frame);
      // New requests may let a waiting response be read.
      if (dir === 'out') this.in.poke();
    });
  }

  gap(dir: Direction): void {
    if (this.ended) return;
    this.guarded(dir, () => this.reader(dir).gap());
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.guarded('out', () => {
      this.out.finish();
      this.in.poke();
      this.in.finish();
      while (this.pending.length > 0) this.emitHead();
    });
  }

  private reader(dir: Direction): Http1MessageReader {
    return dir === 'out' ? this.out : this.in;
  }

  /** Parsing never throws out of the public API; exchanges are handed over after the work, outside the guard. */
  private guarded(dir: Direction, work: () => void): void {
    try {
      work();
    } catch {
      const target = dir === 'out' ? this.currentRequest?.exchange : this.pending[0]?.exchange;
      if (target) addNote(target, 'internal-error');
      this.reader(dir).stop();
      this.flush();
    } finally {
      const ready = this.outbox.splice(0);
      for (const exchange of ready) this.onExchange(exchange);
    }
  }

  private requestHandler(): MessageHandler {
    return {
      onHead: (lines, frame) => this.onRequestHead(lines, frame),
      onBody: (data) => this.currentRequest?.body.add(data),
      onTrailers: (headers) => this.currentRequest?.exchange.requestHeaders.push(...headers),
      onMessageEnd: () => this.onRequestEnd(),
      onNote: (note) => {
        if (this.currentRequest) addNote(this.currentRequest.exchange, note);
      },
      onIncomplete: (note) => {
        if (this.currentRequest) addNote(this.currentRequest.exchange, note);
        this.onRequestEnd();
      },
      onFailure: (note) => {
        const target = this.currentRequest ?? this.pending[this.pending.length - 1];
        if (target) addNote(target.exchange, note);
        this.onRequestEnd();
        this.in.poke();
      },
      mayStart: () => true,
    };
  }

  private responseHandler(): MessageHandler {
    return {
      onHead: (lines) => this.onResponseHead(lines),
      onBody: (data) => {
        if (this.currentResponse) this.currentResponse.bodyBytes += data.length;
      },
      onTrailers: (headers) => this.currentResponse?.headers.push(...headers),
      onMessageEnd: () => this.onResponseEnd(),
      onNote: (note) => this.currentResponse?.notes.push(note),
      onIncomplete: (note) => {
        this.currentResponse?.notes.push(note);
        this.onResponseEnd();
      },
      onFailure: (note) => {
        if (this.currentResponse) {
          this.currentResponse.notes.push(note);
          this.currentResponse.done = true;
        } else {
          const unanswered = this.nextUnanswered();
          if (unanswered) addNote(unanswered.exchange, note);
        }
        this.currentResponse = null;
        this.flush();
      },
      mayStart: () => this.requestsSeen > this.finalResponsesSeen || this.out.stopped,
    };
  }

  private onRequestHead(lines: string[], frame: number | null): HeadDecision | null {
    const line = parseRequestLine(lines[0] ?? '');
    if (!line) return null;
    const headers = parseFieldLines(lines.slice(1));
    const exchange = emptyExchange(line.version, frame);
    exchange.method = line.method;
    exchange.path = line.target;
    exchange.host = headerValue(headers, 'host');
    exchange.requestHeaders = headers;

    const codings = transferCodings(headers);
    const length = contentLength(headers);
    let framing: HeadDecision['framing'];
    if (codings.length > 0) {
      // RFC 9112 §6.3: a request whose last coding is not chunked has no knowable length.
      if (codings[codings.length - 1] !== 'chunked') return null;
      framing = { kind: 'chunked' };
    } else if (length === null) {
      return null;
    } else {
      framing = { kind: 'length', length: length ?? 0 };
    }

    const index = this.requestsSeen++;
    const request: PendingRequest = {
      exchange,
      body: new BodyCollector(),
      requestDone: false,
      response: this.earlyResponses.get(index) ?? null,
      upgrade: headerValue(headers, 'upgrade') !== null,
    };
    this.earlyResponses.delete(index);
    if (this.pending.length === 0) this.firstPendingIndex = index;
    this.pending.push(request);
    this.currentRequest = request;

    let after: HeadDecision['after'] = 'continue';
    if (line.method.toUpperCase() === 'CONNECT') {
      // Whatever the client sends next is tunnel payload, not HTTP.
      framing = { kind: 'none' };
      after = 'stop';
    } else if (request.upgrade) {
      after = request.response?.done ? (request.response.status === 101 ? 'stop' : 'continue') : 'pause';
    }
    return { framing, after };
  }

  private onRequestEnd(): void {
    const request = this.currentRequest;
    this.currentRequest = null;
    if (request) {
      request.requestDone = true;
      if (request.upgrade && request.response?.done && request.response.status !== 101) this.out.resume();
    }
    this.flush();
  }

  private onResponseHead(lines: string[]): HeadDecision | null {
    const line = parseStatusLine(lines[0] ?? '');
    if (!line) return null;
    const headers = parseFieldLines(lines.slice(1));
    if (line.status >= 100 && line.status < 200 && line.status !== 101) {
      // Interim response (100-continue, 103 early hints): the final one is still to come.
      this.currentResponse = null;
      return { framing: { kind: 'none' }, after: 'continue' };
    }
    const index = this.finalResponsesSeen++;
    const request = this.requestAt(index);
    const response: ResponseState = { status: line.status, headers, bodyBytes: 0, done: false, notes: [] };
    if (request) request.response = response;
    else if (index >= this.requestsSeen && this.earlyResponses.size < MAX_PENDING_EXCHANGES) {
      this.earlyResponses.set(index, response);
    }
    this.currentResponse = response;

    const method = request?.exchange.method.toUpperCase() ?? null;
    if (line.status === 101) {
      response.notes.push('protocol-switch');
      return { framing: { kind: 'none' }, after: 'stop' };
    }
    if (method === 'CONNECT' && line.status >= 200 && line.status < 300) {
      response.notes.push('connect-tunnel');
      return { framing: { kind: 'none' }, after: 'stop' };
    }
    if (method === 'HEAD' || line.status === 204 || line.status === 304) {
      return { framing: { kind: 'none' }, after: 'continue' };
    }
    const codings = transferCodings(headers);
    if (codings.length > 0) {
      const chunked = codings[codings.length - 1] === 'chunked';
      return { framing: chunked ? { kind: 'chunked' } : { kind: 'close' }, after: 'continue' };
    }
    const length = contentLength(headers);
    if (length === null) {
      response.notes.push('bad-content-length');
      return { framing: { kind: 'close' }, after: 'continue' };
    }
    return { framing: length === undefined ? { kind: 'close' } : { kind: 'length', length }, after: 'continue' };
  }

  private onResponseEnd(): void {
    const response = this.currentResponse;
    this.currentResponse = null;
    if (!response) return;
    response.done = true;
    const request = this.pending.find((p) => p.response === response);
    if (response.status === 101) this.out.stop();
    else if (request?.upgrade && request.requestDone) this.out.resume();
    this.flush();
  }

  private requestAt(index: number): PendingRequest | undefined {
    if (index < this.firstPendingIndex) return undefined;
    return this.pending[index - this.firstPendingIndex];
  }

  private nextUnanswered(): PendingRequest | undefined {
    return this.pending.find((p) => !p.response?.done);
  }

  /** Reports finished exchanges from the front, in request order. */
  private flush(): void {
    for (;;) {
      const head = this.pending[0];
      if (!head?.requestDone) break;
      if (!(head.response?.done || this.in.stopped)) break;
      this.emitHead();
    }
    // A server that never answers must not make the client's requests pile up without bound.
    while (this.pending.length > MAX_PENDING_EXCHANGES) {
      const head = this.pending[0];
      if (head && !head.response) addNote(head.exchange, 'response-not-seen');
      this.emitHead();
    }
  }

  private emitHead(): void {
    const request = this.pending.shift();
    if (!request) return;
    this.firstPendingIndex++;
    if (request === this.currentRequest) {
      addNote(request.exchange, 'incomplete');
      this.currentRequest = null;
    }
    const exchange = request.exchange;
    const response = request.response;
    if (response) {
      exchange.status = response.status;
      exchange.responseHeaders = response.headers;
      exchange.responseBodyBytes = response.bodyBytes;
      for (const note of response.notes) addNote(exchange, note);
      if (!response.done) addNote(exchange, 'response-incomplete');
    }
    this.outbox.push(finishExchange(exchange, request.body));
  }
}
