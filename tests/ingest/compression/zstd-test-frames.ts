/**
 * Hand-made zstd frames (RFC 8878) for tests: raw and RLE blocks only, which need no entropy coding, so any
 * content can be written exactly. Real compressed blocks come from the `zstd` CLI in skip-guarded tests.
 */

export interface ZstdTestFrameOptions {
  /** Window log (10-41) for a multi-segment frame; ignored with singleSegment. Default 17. */
  windowLog?: number;
  /** Single-segment frame: the window is the content size (written in 1, 2, 4 or 8 bytes as needed). */
  singleSegment?: boolean;
  /** Content size field for a multi-segment frame. */
  contentSize?: boolean;
  /** Dictionary id (frames that need one are refused). */
  dictId?: number;
  /** Largest block written (≤ 128 KiB); default 128 KiB. */
  blockBytes?: number;
  /** Write runs of at least this many equal bytes as RLE blocks; default 64. */
  rleMin?: number;
  /** Declared content size override (single segment) for hostile tests. */
  declaredSize?: number;
}

export const ZSTD_MAGIC_BYTES = [0x28, 0xb5, 0x2f, 0xfd] as const;

function le(n: number, bytes: number): number[] {
  const out: number[] = [];
  let v = n;
  for (let i = 0; i < bytes; i++) {
    out.push(v % 256);
    v = Math.floor(v / 256);
  }
  return out;
}

/** A zstd block header: last flag, type (0 raw, 1 RLE, 2 compressed, 3 reserved), size. */
export function blockHeader(last: boolean, type: number, size: number): number[] {
  return le((size << 3) | (type << 1) | (last ? 1 : 0), 3);
}

export function zstdTestFrame(data: Uint8Array, opts: ZstdTestFrameOptions = {}): Buffer {
  const ss = opts.singleSegment === true;
  const declared = opts.declaredSize ?? data.length;
  const out: number[] = [...ZSTD_MAGIC_BYTES];
  let fcsFlag = 0;
  let fcsBytes = 0;
  if (ss || opts.contentSize === true) {
    if (ss && declared < 256) [fcsFlag, fcsBytes] = [0, 1];
    else if (declared >= 256 && declared < 65536 + 256) [fcsFlag, fcsBytes] = [1, 2];
    else if (declared < 2 ** 32) [fcsFlag, fcsBytes] = [2, 4];
    else [fcsFlag, fcsBytes] = [3, 8];
    if (!ss && declared < 256) [fcsFlag, fcsBytes] = [2, 4];
  }
  const dictId = opts.dictId ?? 0;
  const dictFlag = dictId === 0 ? 0 : dictId < 256 ? 1 : dictId < 65536 ? 2 : 3;
  out.push((fcsFlag << 6) | ((ss ? 1 : 0) << 5) | dictFlag);
  if (!ss) out.push(((opts.windowLog ?? 17) - 10) << 3);
  if (dictFlag > 0) out.push(...le(dictId, [0, 1, 2, 4][dictFlag] ?? 0));
  if (fcsBytes > 0) out.push(...le(fcsFlag === 1 ? declared - 256 : declared, fcsBytes));
  const window = ss ? declared : 2 ** (opts.windowLog ?? 17);
  const blockMax = Math.min(opts.blockBytes ?? 128 * 1024, 128 * 1024, Math.max(window, 1));
  const rleMin = opts.rleMin ?? 64;
  if (data.length === 0) out.push(...blockHeader(true, 0, 0));
  let at = 0;
  while (at < data.length) {
    // An RLE block for a run of equal bytes, else a raw block up to the next such run.
    let run = 1;
    while (at + run < data.length && run < blockMax && data[at + run] === data[at]) run++;
    if (run >= rleMin) {
      at += run;
      out.push(...blockHeader(at >= data.length, 1, run), data[at - run] ?? 0);
      continue;
    }
    let end = at + 1;
    while (end < data.length && end - at < blockMax) {
      let r = 1;
      while (end + r < data.length && r < rleMin && data[end + r] === data[end]) r++;
      if (r >= rleMin) break;
      end++;
    }
    out.push(...blockHeader(end >= data.length, 0, end - at));
    for (let i = at; i < end; i++) out.push(data[i] ?? 0);
    at = end;
  }
  return Buffer.from(out);
}

/** A skippable frame (magic 184d2a5X). */
export function zstdSkippable(payload: Uint8Array): Buffer {
  return Buffer.from([0x50, 0x2a, 0x4d, 0x18, ...le(payload.length, 4), ...payload]);
}
