/**
 * The two facts the QUIC decoder needs from the TLS handshake in the Initial CRYPTO streams (RFC 8446 §4):
 * the ClientHello's random (which names the connection's secrets in the key log) and the ServerHello's cipher
 * suite (which says how to use them). Both sit at fixed places near the start of the first message:
 *
 *   Handshake: msg_type(1) length(3) body
 *   ClientHello / ServerHello body: legacy_version(2) random(32) legacy_session_id<0..32> ...
 *   ServerHello: ... cipher_suite(2) legacy_compression_method(1) extensions
 *
 * A HelloRetryRequest is a ServerHello with a fixed random; it names the same cipher suite as the ServerHello
 * that follows it (RFC 8446 §4.1.4), so its suite is as good.
 */

export const CLIENT_HELLO = 1;
export const SERVER_HELLO = 2;
export const RANDOM_LENGTH = 32;
const HANDSHAKE_HEADER = 4;
const LEGACY_VERSION = 2;
const MAX_SESSION_ID = 32;

export type HelloField<T> = { kind: 'ok'; value: T } | { kind: 'pending' } | { kind: 'invalid'; reason: string };

const PENDING = { kind: 'pending' } as const;

/** ClientHello.random from the start of the client's Initial CRYPTO stream. */
export function clientHelloRandom(stream: Uint8Array): HelloField<Uint8Array> {
  if (stream.length === 0) return PENDING;
  if (stream[0] !== CLIENT_HELLO) return { kind: 'invalid', reason: 'not-client-hello' };
  const at = HANDSHAKE_HEADER + LEGACY_VERSION;
  if (stream.length < at + RANDOM_LENGTH) return PENDING;
  return { kind: 'ok', value: Uint8Array.from(stream.subarray(at, at + RANDOM_LENGTH)) };
}

/** The cipher suite from the start of the server's Initial CRYPTO stream (ServerHello or HelloRetryRequest). */
export function serverHelloCipherSuite(stream: Uint8Array): HelloField<number> {
  if (stream.length === 0) return PENDING;
  if (stream[0] !== SERVER_HELLO) return { kind: 'invalid', reason: 'not-server-hello' };
  const sessionIdAt = HANDSHAKE_HEADER + LEGACY_VERSION + RANDOM_LENGTH;
  if (stream.length <= sessionIdAt) return PENDING;
  const sessionIdLength = stream[sessionIdAt] ?? 0;
  if (sessionIdLength > MAX_SESSION_ID) return { kind: 'invalid', reason: 'bad-session-id' };
  const suiteAt = sessionIdAt + 1 + sessionIdLength;
  if (stream.length < suiteAt + 2) return PENDING;
  return { kind: 'ok', value: ((stream[suiteAt] ?? 0) << 8) | (stream[suiteAt + 1] ?? 0) };
}
