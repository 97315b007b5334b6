/**
 * One direction of a TLS 1.2 connection once the hellos are known. Records are plaintext until this side's
 * ChangeCipherSpec, then protected under the keys of that handshake, sequence numbers from 0 (RFC 5246 §6.1).
 * Each ChangeCipherSpec starts the keys of the next handshake: the n-th one belongs to the n-th ClientHello /
 * ServerHello pair, which is how renegotiation and resumption (a new ClientHello.random each time) are
 * followed. The keys of a handshake may depend on the other direction's hello: then the record waits.
 */
import type { PayloadStatus } from '../types.js';
import {
  contentTypeName,
  type DirectionContext,
  describeAlert,
  directionName,
  type RecordOutcome,
} from './direction-context.js';
import type { RecordOpener } from './record-openers.js';
import {
  CONTENT_ALERT,
  CONTENT_APPLICATION_DATA,
  CONTENT_CHANGE_CIPHER_SPEC,
  CONTENT_HANDSHAKE,
  type TlsRecord,
} from './record-reader.js';

/** The keys for the n-th handshake of this direction: an opener, a reason to stop, or not yet known. */
export type Tls12KeysResult = { opener: RecordOpener } | { fail: PayloadStatus; reason: string } | 'wait';

export class Tls12Direction {
  #opener: RecordOpener | null = null;
  #changeCipherSpecs = 0;
  /** Set while a protected ChangeCipherSpec, already opened, waits for its keys (it must not be opened twice). */
  #protectedChangeWaiting = false;

  constructor(
    private readonly ctx: DirectionContext,
    private readonly keysFor: (handshake: number) => Tls12KeysResult,
  ) {}

  record(rec: TlsRecord): RecordOutcome {
    const ctx = this.ctx;
    // A protected ChangeCipherSpec (renegotiation) that had to wait for the peer's hello: already opened.
    if (this.#protectedChangeWaiting) return this.#changeCipherSpec();
    if (this.#opener === null && rec.type === CONTENT_CHANGE_CIPHER_SPEC) return this.#changeCipherSpec();
    let content = rec.fragment;
    if (this.#opener !== null) {
      const seq = this.#opener.seq;
      const opened = this.#opener.open(rec.type, rec.version, rec.fragment);
      if (opened === null) {
        ctx.fail(
          'decrypt-failed',
          `${directionName(ctx.dir)}: ${contentTypeName(rec.type)} record ${seq} (stream offset ${rec.streamOffset}) ` +
            'failed authentication (wrong key?)',
        );
        return 'done';
      }
      content = opened.content;
    }
    switch (rec.type) {
      case CONTENT_APPLICATION_DATA:
        // Plaintext application data before ChangeCipherSpec is a protocol error; it is not counted.
        if (this.#opener !== null) ctx.deliver(content, rec.frame);
        break;
      case CONTENT_HANDSHAKE:
        ctx.assembler.push(content);
        break;
      case CONTENT_ALERT:
        ctx.note(`${directionName(ctx.dir)}: ${describeAlert(content)}`);
        break;
      case CONTENT_CHANGE_CIPHER_SPEC:
        this.#protectedChangeWaiting = true;
        return this.#changeCipherSpec();
      default:
        break; // heartbeat: nothing to read
    }
    return 'done';
  }

  #changeCipherSpec(): RecordOutcome {
    const keys = this.keysFor(this.#changeCipherSpecs);
    if (keys === 'wait') return 'wait';
    this.#protectedChangeWaiting = false;
    this.#changeCipherSpecs++;
    if ('fail' in keys) {
      this.ctx.fail(keys.fail, keys.reason);
      return 'done';
    }
    this.#opener = keys.opener;
    this.ctx.assembler.reset();
    return 'done';
  }
}
