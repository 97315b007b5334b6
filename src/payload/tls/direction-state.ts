/**
 * Everything the connection decoder keeps per direction: the record reader, the handshake message stream, the
 * records waiting for the other direction, the version-specific reader, counters and how the direction ended.
 */
import type { Direction, PayloadStatus } from '../types.js';
import { type DirectionContext, directionName } from './direction-context.js';
import {
  HandshakeAssembler,
  HS_CLIENT_HELLO,
  HS_ENCRYPTED_EXTENSIONS,
  HS_END_OF_EARLY_DATA,
  HS_FINISHED,
  HS_KEY_UPDATE,
  HS_SERVER_HELLO,
} from './handshake-assembler.js';
import { type TlsRecord, TlsRecordReader } from './record-reader.js';
import type { Tls12Direction } from './tls12-direction.js';
import type { Tls13Direction } from './tls13-direction.js';

/** Notes (alerts and the like) kept per direction for the reason text. */
const MAX_NOTES = 4;

export type PlaintextHandler = (dir: Direction, data: Uint8Array, frame: number) => void;

export interface Failure {
  status: PayloadStatus;
  reason: string;
}

/** Everything kept per direction. */
export class DirectionState implements DirectionContext {
  readonly reader = new TlsRecordReader();
  readonly assembler: HandshakeAssembler;
  /** Records waiting for the other direction's hello, oldest first from queueHead (copied fragments). */
  queue: TlsRecord[] = [];
  queueHead = 0;
  queuedBytes = 0;
  failure: Failure | null = null;
  gap = false;
  notes: string[] = [];
  appBytes = 0;
  appRecords = 0;
  /** Records seen before the hellos were read (the first one decides whether this is TLS at all). */
  records = 0;
  reader12: Tls12Direction | null = null;
  reader13: Tls13Direction | null = null;

  constructor(
    readonly dir: Direction,
    private readonly onPlaintext: PlaintextHandler,
    onMessage: (dir: Direction, type: number, body: Uint8Array) => void,
  ) {
    this.assembler = new HandshakeAssembler(
      (type) =>
        type === HS_CLIENT_HELLO ||
        type === HS_SERVER_HELLO ||
        type === HS_ENCRYPTED_EXTENSIONS ||
        type === HS_FINISHED ||
        type === HS_KEY_UPDATE ||
        type === HS_END_OF_EARLY_DATA,
      (type, body) => onMessage(dir, type, body),
    );
  }

  get stopped(): boolean {
    return this.failure !== null;
  }

  get waiting(): boolean {
    return this.queueHead < this.queue.length;
  }

  deliver(content: Uint8Array, frame: number): void {
    this.appRecords++;
    this.appBytes += content.length;
    if (content.length > 0) this.onPlaintext(this.dir, content, frame);
  }

  fail(status: PayloadStatus, reason: string): void {
    if (this.failure === null) this.failure = { status, reason };
    this.queue = [];
    this.queueHead = 0;
    this.queuedBytes = 0;
  }

  note(text: string): void {
    if (this.notes.length < MAX_NOTES) this.notes.push(text);
  }

  /** This direction's own status, or null when it has nothing to say yet. */
  status(): Failure | null {
    if (this.appRecords > 0) return null;
    if (this.failure !== null) return this.failure;
    const skipped = this.reader13?.skipped ?? 0;
    if (skipped > 0) {
      return {
        status: 'decrypt-failed',
        reason: `${directionName(this.dir)}: ${skipped} records opened under no key (wrong key?)`,
      };
    }
    if (this.gap) return { status: 'gap', reason: `${directionName(this.dir)}: bytes missing in the stream` };
    return null;
  }
}
