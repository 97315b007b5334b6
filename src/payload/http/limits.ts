/**
 * Bounds of the HTTP stage beyond the shared ones in ../types.ts: each keeps memory and work finite when a peer
 * (or a damaged capture) sends hostile framing.
 */

/** HTTP/1 chunk-size line (hex size + extensions); real ones are a few bytes. */
export const MAX_CHUNK_LINE_BYTES = 4096;
/** Requests parsed but not yet answered, per HTTP/1 connection; past this the oldest is reported unanswered. */
export const MAX_PENDING_EXCHANGES = 256;
/** Bytes a waiting HTTP/1 direction may buffer: a client awaiting the answer to an Upgrade, a server's response
 * awaiting its request. */
export const MAX_PAUSED_BYTES = 64 << 10;
/** Open HTTP/2 or HTTP/3 streams tracked at once; past this the oldest is reported as it stands. */
export const MAX_OPEN_STREAMS = 512;
/** HTTP/2 control frames (SETTINGS, GOAWAY, ...) are read up to this many octets; the rest is skipped. */
export const MAX_CONTROL_FRAME_BYTES = 4096;
/** Dynamic table size an HPACK encoder may ask for before the decoder's SETTINGS are seen (Chrome uses 64 KiB). */
export const DEFAULT_LENIENT_HPACK_TABLE_BYTES = 64 << 10;
/** Hard ceiling for an HPACK or QPACK dynamic table, whatever SETTINGS say. */
export const MAX_DYNAMIC_TABLE_BYTES = 1 << 20;
/** QPACK field sections waiting for encoder-stream inserts, per direction. */
export const MAX_BLOCKED_SECTIONS = 64;
/** HTTP/3 server pushes tracked per connection. */
export const MAX_PUSHES = 64;
/** HTTP/3 unidirectional streams tracked per connection (a peer needs 3 per side, plus pushes). */
export const MAX_UNI_STREAMS = 256;
