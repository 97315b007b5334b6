/**
 * What a streaming decompressor (zstd-stream.ts, lz4-frame.ts) throws when the compressed data stops making
 * sense. source.ts turns it into an InputDataError with the input's name and the decompressed offset reached,
 * so capture readers count `reason` as an anomaly and keep what they read, as for gzip.
 */

export type DecompressReason =
  | 'zstd-data-error'
  | 'zstd-truncated'
  | 'zstd-window-too-large'
  | 'lz4-data-error'
  | 'lz4-truncated'
  | 'lz4-checksum-error';

export class DecompressError extends Error {
  override readonly name = 'DecompressError';
  constructor(
    readonly reason: DecompressReason,
    /** What was wrong, without the input's name (e.g. "match offset 70000 before the block's history"). */
    readonly detail: string,
  ) {
    super(detail);
  }
}
