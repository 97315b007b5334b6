/**
 * One direction of a TLS 1.3 connection after the ServerHello (RFC 8446 §2, §7). Protected records pass
 * through up to three key phases:
 *
 *   early (client 0-RTT, CLIENT_EARLY_TRAFFIC_SECRET) → handshake (*_HANDSHAKE_TRAFFIC_SECRET)
 *     → application (*_TRAFFIC_SECRET_0, then the next secret at each KeyUpdate)
 *
 * Phases change after Finished (handshake → application) and EndOfEarlyData (early → handshake), read from the
 * decrypted handshake messages. 0-RTT records wait for the server's EncryptedExtensions to say whether it took
 * them (when that can be read at all). Where that cannot be read, trial decryption finds the phase: a record that does
 * not open under the current phase's key is tried under the later ones. Records that open under no key are
 * skipped (bounded) while that is expected: rejected 0-RTT data (the server skips it too, §4.2.10), or handshake
 * records whose secret is not in the key log.
 */
import { type DirectionContext, describeAlert, directionName, type RecordOutcome } from './direction-context.js';
import { HS_END_OF_EARLY_DATA, HS_FINISHED, HS_KEY_UPDATE } from './handshake-assembler.js';
import type { Tls13Opener } from './record-openers.js';
import {
  CONTENT_ALERT,
  CONTENT_APPLICATION_DATA,
  CONTENT_CHANGE_CIPHER_SPEC,
  CONTENT_HANDSHAKE,
  type TlsRecord,
} from './record-reader.js';

export type Tls13Phase = 'early' | 'handshake' | 'application';

const PHASE_ORDER: readonly Tls13Phase[] = ['early', 'handshake', 'application'];

/** Records in a row that may open under no key before the direction is given up as undecryptable. */
export const MAX_SKIPPED_RECORDS = 64;

export interface Tls13Openers {
  early: Tls13Opener | null;
  handshake: Tls13Opener | null;
  application: Tls13Opener | null;
}

export interface Tls13Labels {
  handshake: string;
  application: string;
}

export class Tls13Direction {
  #phase: Tls13Phase;
  /** Set by a handshake message; applied once its record is done (a key change falls between records). */
  #pending: Tls13Phase | 'key-update' | null = null;
  #handshakeOpened = false;
  #skipped = 0;
  #keyUpdates = 0;

  constructor(
    private readonly ctx: DirectionContext,
    private readonly openers: Tls13Openers,
    private readonly labels: Tls13Labels,
    earlyDataOffered: boolean,
    /**
     * Whether the server accepted 0-RTT data (its EncryptedExtensions), or null while that may still be read.
     * Rejected early data never reached the server's application, so it is skipped, not delivered.
     */
    private readonly earlyDataAccepted: () => boolean | null = () => true,
  ) {
    this.#phase = earlyDataOffered && ctx.dir === 'out' ? 'early' : 'handshake';
  }

  /** Records skipped in a row because no key opened them. */
  get skipped(): number {
    return this.#skipped;
  }

  get keyUpdates(): number {
    return this.#keyUpdates;
  }

  record(rec: TlsRecord): RecordOutcome {
    const ctx = this.ctx;
    switch (rec.type) {
      case CONTENT_APPLICATION_DATA:
        if (this.#phase === 'early' && this.openers.early !== null) {
          const accepted = this.earlyDataAccepted();
          if (accepted === null) return 'wait';
          if (!accepted) this.openers.early = null;
        }
        this.#protected(rec);
        return 'done';
      case CONTENT_HANDSHAKE:
        // Plaintext handshake after the ServerHello: the second ClientHello after a HelloRetryRequest.
        ctx.assembler.push(rec.fragment);
        return 'done';
      case CONTENT_ALERT:
        ctx.note(`${directionName(ctx.dir)}: plaintext ${describeAlert(rec.fragment)}`);
        return 'done';
      case CONTENT_CHANGE_CIPHER_SPEC:
        return 'done'; // middlebox compatibility only (§D.4)
      default:
        return 'done';
    }
  }

  /** A handshake message decrypted in this direction. */
  onHandshake(type: number): void {
    if (type === HS_FINISHED && this.#phase === 'handshake') this.#pending = 'application';
    else if (type === HS_END_OF_EARLY_DATA && this.#phase === 'early') this.#pending = 'handshake';
    else if (type === HS_KEY_UPDATE && this.#phase === 'application') this.#pending = 'key-update';
  }

  #protected(rec: TlsRecord): void {
    const ctx = this.ctx;
    const from = PHASE_ORDER.indexOf(this.#phase);
    for (let i = from; i < PHASE_ORDER.length; i++) {
      const phase = PHASE_ORDER[i] ?? 'application';
      const opener = this.openers[phase];
      if (opener === null) continue;
      const opened = opener.open(rec.type, rec.version, rec.fragment);
      if (opened === null) continue;
      if (phase !== this.#phase) this.#enter(phase);
      if (phase === 'handshake') this.#handshakeOpened = true;
      this.#skipped = 0;
      this.#inner(opened.type, opened.content, rec.frame);
      this.#applyPending();
      return;
    }
    const skippable = this.#phase === 'early' || (this.#phase === 'handshake' && !this.#handshakeOpened);
    if (skippable && this.#skipped < MAX_SKIPPED_RECORDS) {
      this.#skipped++;
      return;
    }
    const key = this.#phase === 'application' ? this.labels.application : this.labels.handshake;
    const what = this.#skipped > 0 ? `${this.#skipped + 1} records in a row` : 'a record';
    ctx.fail(
      'decrypt-failed',
      `${directionName(ctx.dir)}: ${what} (stream offset ${rec.streamOffset}) failed authentication ` +
        `under ${key}${this.#keyUpdates > 0 ? ` after ${this.#keyUpdates} key updates` : ''} (wrong key?)`,
    );
  }

  #inner(type: number, content: Uint8Array, frame: number): void {
    const ctx = this.ctx;
    if (type === CONTENT_APPLICATION_DATA) {
      // Application data is only legal under early and application keys.
      if (this.#phase !== 'handshake') ctx.deliver(content, frame);
    } else if (type === CONTENT_HANDSHAKE) ctx.assembler.push(content);
    else if (type === CONTENT_ALERT) ctx.note(`${directionName(ctx.dir)}: ${describeAlert(content)}`);
  }

  #enter(phase: Tls13Phase): void {
    this.#phase = phase;
    this.ctx.assembler.reset();
    if (phase === 'application' && this.openers.application === null) {
      this.ctx.fail('no-key', `${directionName(this.ctx.dir)}: no ${this.labels.application} in the key log`);
    }
  }

  #applyPending(): void {
    const pending = this.#pending;
    this.#pending = null;
    if (pending === null) return;
    if (pending === 'key-update') {
      const current = this.openers.application;
      if (current !== null) this.openers.application = current.next();
      this.#keyUpdates++;
      this.ctx.assembler.reset();
    } else this.#enter(pending);
  }
}
