/**
 * What a version-specific direction reader (tls12-direction.ts, tls13-direction.ts) gets from the connection
 * decoder: where plaintext goes, how to give up, and the direction's handshake message stream.
 */
import type { Direction, PayloadStatus } from '../types.js';
import type { HandshakeAssembler } from './handshake-assembler.js';
import {
  CONTENT_ALERT,
  CONTENT_APPLICATION_DATA,
  CONTENT_CHANGE_CIPHER_SPEC,
  CONTENT_HANDSHAKE,
  CONTENT_HEARTBEAT,
} from './record-reader.js';

/** A record is handled ('done') or must wait until the other direction's handshake has got further. */
export type RecordOutcome = 'done' | 'wait';

export interface DirectionContext {
  readonly dir: Direction;
  /** Handshake messages of this direction (plaintext or decrypted). */
  readonly assembler: HandshakeAssembler;
  /** Application data plaintext, in order. */
  deliver(content: Uint8Array, frame: number): void;
  /** Stops this direction for good with a status and a reason. */
  fail(status: PayloadStatus, reason: string): void;
  /** Something worth saying about the direction that is not a failure (an alert, skipped records). */
  note(text: string): void;
}

export function directionName(dir: Direction): string {
  return dir === 'out' ? 'client → server' : 'server → client';
}

export function contentTypeName(type: number): string {
  switch (type) {
    case CONTENT_CHANGE_CIPHER_SPEC:
      return 'change_cipher_spec';
    case CONTENT_ALERT:
      return 'alert';
    case CONTENT_HANDSHAKE:
      return 'handshake';
    case CONTENT_APPLICATION_DATA:
      return 'application_data';
    case CONTENT_HEARTBEAT:
      return 'heartbeat';
    default:
      return `type ${type}`;
  }
}

/** "alert 2/40" words for a decrypted or plaintext alert body (RFC 8446 §6: level, description). */
export function describeAlert(body: Uint8Array): string {
  const level = body[0];
  const description = body[1];
  if (level === undefined || description === undefined) return 'a truncated alert';
  if (description === 0) return 'close_notify';
  return `alert ${level === 2 ? 'fatal' : 'warning'} ${description}`;
}
