/**
 * A small ETW trace (.etl) writer for tests: a header buffer with the trace logfile header, then buffers of
 * EVENT_HEADER events from the PktMon provider (packet / drop events with their 34-byte metadata) or from
 * NDIS-PacketCapture (1001 fragments), optionally LZXPRESS-compressed as pktmon writes them. Layouts as read by
 * src/ingest/etl/ (see etl-parser.ts and etl-packets.ts).
 */

export const ETL_HEADER_BUFFER_BYTES = 0x400;
const WMI_HEADER = 0x48;
const EPOCH_100NS = 116_444_736_000_000_000n;
const QPC_FREQUENCY = 10_000_000n;
const QPC_START = 1_000_000_000n;

export interface PktmonEvent {
  kind: 'pktmon';
  tsMicros: number;
  data: Uint8Array;
  /** 160 packet (default) or 170 drop. */
  eventId?: number;
  groupId: number;
  pktNumber?: number;
  appearance?: number;
  /** 1 Ethernet (default), 2 Wi-Fi, 3 IP. */
  packetType?: number;
  componentId?: number;
  /** OriginalPayloadSize; data.length by default. */
  original?: number;
  /** LoggedPayloadSize; data.length by default (larger values make a lying event). */
  logged?: number;
}

export interface NdisEvent {
  kind: 'ndis';
  tsMicros: number;
  data: Uint8Array;
  /** 1001 fragment (default), 1002 metadata, 1003 VMSwitch fragment. */
  eventId?: number;
  /** Keywords: 0x40000000 packet start, 0x80000000 packet end, 0x10000 802.11, 0x200 WWAN. */
  keywords: bigint;
  lowerIfIndex?: number;
}

export type EtlEvent = PktmonEvent | NdisEvent;

export interface EtlWriterOptions {
  /** 'qpc' (default, 10 MHz, as pktmon) or 'filetime' (system time stamps). */
  clock?: 'qpc' | 'filetime';
  /** LZXPRESS-compress the event buffers (flag 0x40). */
  compress?: boolean;
  /** Most event bytes per buffer (default 64 KiB). */
  bufferBytes?: number;
  /** Start time of the trace in µs; the first event's time by default. */
  startMicros?: number;
  /** Give every event one extended data item (EVENT_HEADER_FLAG_EXTENDED_INFO). */
  extendedData?: boolean;
}

const PKTMON_GUID = '4d4f80d9-c8bd-4d73-bb5b-19c90402c5ac';
const NDIS_GUID = '2ed6006e-4729-4609-b423-3ee7bcd678ef';

/** A GUID in its on-disk (mixed-endian) byte order. */
function guidBytes(guid: string): Buffer {
  const hex = guid.replace(/-/g, '');
  const b = Buffer.from(hex, 'hex');
  const out = Buffer.from(b);
  out.writeUInt32LE(b.readUInt32BE(0), 0);
  out.writeUInt16LE(b.readUInt16BE(4), 4);
  out.writeUInt16LE(b.readUInt16BE(6), 6);
  return out;
}

export function writeEtl(events: readonly EtlEvent[], opts: EtlWriterOptions = {}): Buffer {
  const startMicros = opts.startMicros ?? events[0]?.tsMicros ?? 1_700_000_000_000_000;
  const startFt = BigInt(startMicros) * 10n + EPOCH_100NS;
  const qpc = opts.clock !== 'filetime';
  const stamp = (tsMicros: number): bigint =>
    qpc ? QPC_START + BigInt(tsMicros - startMicros) * 10n : BigInt(tsMicros) * 10n + EPOCH_100NS;
  const parts: Buffer[] = [headerBuffer(startFt, qpc ? QPC_START : startFt, qpc)];
  const limit = opts.bufferBytes ?? 64 * 1024;
  let pending: Buffer[] = [];
  let pendingLen = 0;
  const flush = () => {
    if (pending.length === 0) return;
    parts.push(eventBuffer(Buffer.concat(pending), opts.compress === true));
    pending = [];
    pendingLen = 0;
  };
  for (const ev of events) {
    const rec = eventRecord(ev, stamp(ev.tsMicros), opts.extendedData === true);
    if (pendingLen + rec.length > limit) flush();
    pending.push(rec);
    pendingLen += rec.length;
  }
  flush();
  return Buffer.concat(parts);
}

function wmiHeader(size: number, filled: number, flags: number, type: number): Buffer {
  const h = Buffer.alloc(WMI_HEADER);
  h.writeUInt32LE(size, 0);
  h.writeUInt32LE(filled, 4);
  h.writeUInt32LE(filled, 8);
  h.writeUInt32LE(filled, 0x30);
  h.writeUInt16LE(flags, 0x34);
  h.writeUInt16LE(type, 0x36);
  return h;
}

function headerBuffer(startFt: bigint, startStamp: bigint, qpc: boolean): Buffer {
  const names = Buffer.from('PktMon\0C:\\pktmon.etl\0', 'utf16le');
  const payload = Buffer.alloc(0x118 + names.length);
  payload.writeUInt32LE(0x10000, 0); // BufferSize in memory
  payload.writeUInt32LE(0x0002000a, 4);
  payload.writeUInt32LE(1, 0x24); // BuffersWritten (not relied on)
  payload.writeUInt32LE(8, 0x2c); // PointerSize
  payload.writeUInt32LE(2600, 0x34); // CpuSpeedInMHz
  const tail = 0x38 + 16 + 0xb0;
  payload.writeBigUInt64LE(startFt - 1_000_000_000n, tail); // BootTime
  payload.writeBigUInt64LE(QPC_FREQUENCY, tail + 8);
  payload.writeBigUInt64LE(startFt, tail + 16);
  payload.writeUInt32LE(qpc ? 1 : 2, tail + 24);
  names.copy(payload, 0x118);
  const sys = Buffer.alloc(0x20);
  sys.writeUInt16LE(2, 0);
  sys.writeUInt8(2, 2); // SYSTEM64
  sys.writeUInt8(0xc0, 3);
  sys.writeUInt16LE(0x20 + payload.length, 4);
  sys.writeUInt16LE(0, 6); // hook id: trace header
  sys.writeBigUInt64LE(startStamp, 0x10);
  const event = pad8(Buffer.concat([sys, payload]));
  const filled = WMI_HEADER + event.length;
  const out = Buffer.alloc(ETL_HEADER_BUFFER_BYTES, 0xff);
  wmiHeader(ETL_HEADER_BUFFER_BYTES, filled, 0x01, 4).copy(out, 0);
  event.copy(out, WMI_HEADER);
  return out;
}

function pad8(b: Buffer): Buffer {
  const n = (b.length + 7) & ~7;
  return n === b.length ? b : Buffer.concat([b, Buffer.alloc(n - b.length)]);
}

function eventRecord(ev: EtlEvent, ts: bigint, extended: boolean): Buffer {
  let user: Buffer;
  let id: number;
  let keywords = 0n;
  let guid: string;
  if (ev.kind === 'pktmon') {
    guid = PKTMON_GUID;
    id = ev.eventId ?? 160;
    keywords = 0x10n;
    user = Buffer.alloc(34 + ev.data.length);
    user.writeUInt32LE(ev.groupId >>> 0, 0);
    user.writeUInt32LE(Math.floor(ev.groupId / 2 ** 32), 4);
    user.writeUInt16LE(ev.pktNumber ?? 1, 8);
    user.writeUInt16LE(ev.appearance ?? 1, 10);
    user.writeUInt16LE(3, 12);
    user.writeUInt16LE(ev.packetType ?? 1, 14);
    user.writeUInt16LE(ev.componentId ?? 59, 16);
    user.writeUInt16LE(1, 18);
    user.writeUInt16LE(1, 20);
    user.writeUInt16LE(ev.original ?? ev.data.length, 30);
    user.writeUInt16LE(ev.logged ?? ev.data.length, 32);
    user.set(ev.data, 34);
  } else {
    guid = NDIS_GUID;
    id = ev.eventId ?? 1001;
    keywords = ev.keywords;
    user = Buffer.alloc(12 + ev.data.length);
    user.writeUInt32LE(ev.lowerIfIndex ?? 7, 0);
    user.writeUInt32LE(ev.lowerIfIndex ?? 7, 4);
    user.writeUInt32LE(ev.data.length, 8);
    user.set(ev.data, 12);
  }
  const ext = extended ? Buffer.alloc(16) : Buffer.alloc(0);
  if (extended) {
    ext.writeUInt16LE(16, 0); // item size
    ext.writeUInt16LE(3, 2); // EVENT_HEADER_EXT_TYPE_TS_ID
    ext.writeUInt16LE(0, 4); // no further item
    ext.writeUInt16LE(4, 6);
    ext.writeUInt32LE(1, 8);
  }
  const h = Buffer.alloc(0x50);
  h.writeUInt16LE(0x50 + ext.length + user.length, 0);
  h.writeUInt8(0x13, 2);
  h.writeUInt8(0xc0, 3);
  h.writeUInt16LE(extended ? 0x41 : 0x40, 4);
  h.writeUInt32LE(1234, 8);
  h.writeUInt32LE(4, 0xc);
  h.writeBigUInt64LE(ts, 0x10);
  guidBytes(guid).copy(h, 0x18);
  h.writeUInt16LE(id, 0x28);
  h.writeBigUInt64LE(keywords, 0x30);
  return pad8(Buffer.concat([h, ext, user]));
}

function eventBuffer(events: Buffer, compress: boolean): Buffer {
  const filled = WMI_HEADER + events.length;
  if (!compress) {
    const size = (filled + 0xfff) & ~0xfff;
    const out = Buffer.alloc(size, 0xff);
    wmiHeader(size, filled, 0, 0).copy(out, 0);
    events.copy(out, WMI_HEADER);
    return out;
  }
  const packed = xpressCompress(events);
  return Buffer.concat([wmiHeader(WMI_HEADER + packed.length, filled, 0x40, 0), packed]);
}

/** Greedy LZXPRESS plain LZ77 compression ([MS-XCA] §2.3), enough to exercise every length encoding. */
export function xpressCompress(src: Uint8Array): Buffer {
  const out = Buffer.alloc(src.length + Math.ceil(src.length / 32) * 4 + 64);
  let o = 4;
  let flagAt = 0;
  let flags = 0;
  let flagCount = 0;
  let nibbleAt = -1;
  const last = new Map<number, number>();
  const pushFlag = (bit: number) => {
    if (flagCount === 32) {
      out.writeUInt32LE(flags >>> 0, flagAt);
      flagAt = o;
      o += 4;
      flags = 0;
      flagCount = 0;
    }
    flags = (flags << 1) | bit;
    flagCount++;
  };
  let i = 0;
  while (i < src.length) {
    let len = 0;
    let off = 0;
    if (i + 3 <= src.length) {
      const key = ((src[i] as number) << 16) | ((src[i + 1] as number) << 8) | (src[i + 2] as number);
      const prev = last.get(key);
      last.set(key, i);
      if (prev !== undefined && i - prev <= 8192) {
        while (i + len < src.length && src[prev + len] === src[i + len] && len < 70_000) len++;
        off = i - prev;
      }
    }
    if (len < 3) {
      pushFlag(0);
      out[o++] = src[i++] as number;
      continue;
    }
    pushFlag(1);
    let l = len - 3;
    const field = Math.min(l, 7);
    out.writeUInt16LE(((off - 1) << 3) | field, o);
    o += 2;
    if (l >= 7) {
      l -= 7;
      const nib = Math.min(l, 15);
      if (nibbleAt < 0) {
        nibbleAt = o;
        out[o++] = nib;
      } else {
        out[nibbleAt] = (out[nibbleAt] as number) | (nib << 4);
        nibbleAt = -1;
      }
      if (l >= 15) {
        l -= 15;
        if (l < 255) out[o++] = l;
        else {
          out[o++] = 255;
          const total = len - 3;
          if (total < 65536) {
            out.writeUInt16LE(total, o);
            o += 2;
          } else {
            out.writeUInt16LE(0, o);
            out.writeUInt32LE(total, o + 2);
            o += 6;
          }
        }
      }
    }
    i += len;
  }
  // Fill the last flag word with ones: the decoder stops at the end of input on a match bit.
  while (flagCount < 32) {
    flags = (flags << 1) | 1;
    flagCount++;
  }
  out.writeUInt32LE(flags >>> 0, flagAt);
  return out.subarray(0, o);
}
