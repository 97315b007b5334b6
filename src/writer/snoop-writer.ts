/**
 * Solaris snoop writer (RFC 1761), for tests and samples: big-endian file header ("snoop\0\0\0", version,
 * datalink type) and records (original, included and record length, cumulative drops, seconds, microseconds)
 * with the data padded to 4 bytes, as `snoop -o` and `editcap -F snoop` write them. `padding` adds bytes after
 * the data: 16 or more in the first record make a Shomiti/Finisar Surveyor file for readers that tell them apart.
 */

export interface SnoopWriterOptions {
  /** RFC 1761 / DLPI datalink type: 4 (DL_ETHER, what Solaris and editcap write) by default. */
  datalink?: number;
  /** Version field; 2 by default. */
  version?: number;
}

export interface SnoopPacket {
  data: Uint8Array;
  tsMicros: number;
  /** Length on the wire; defaults to data.length. */
  origLen?: number;
  /** Cumulative drops field; 0 by default. */
  drops?: number;
  /** Extra bytes after the data and its 4-byte alignment (a Shomiti trailer is 16). */
  padding?: number;
  /** Overrides the record length field (for hostile tests). */
  recordLength?: number;
}

export const SNOOP_FILE_HEADER_BYTES = 16;
export const SNOOP_RECORD_HEADER_BYTES = 24;

export function snoopHeader(opts: SnoopWriterOptions = {}): Buffer {
  const b = Buffer.alloc(SNOOP_FILE_HEADER_BYTES);
  b.write('snoop', 0, 'latin1');
  b.writeUInt32BE(opts.version ?? 2, 8);
  b.writeUInt32BE((opts.datalink ?? 4) >>> 0, 12);
  return b;
}

export function snoopRecord(p: SnoopPacket): Buffer {
  const aligned = (SNOOP_RECORD_HEADER_BYTES + p.data.length + 3) & ~3;
  const size = aligned + (p.padding ?? 0);
  const b = Buffer.alloc(size);
  const sec = Math.floor(p.tsMicros / 1_000_000);
  b.writeUInt32BE((p.origLen ?? p.data.length) >>> 0, 0);
  b.writeUInt32BE(p.data.length, 4);
  b.writeUInt32BE((p.recordLength ?? size) >>> 0, 8);
  b.writeUInt32BE((p.drops ?? 0) >>> 0, 12);
  b.writeUInt32BE(sec >>> 0, 16);
  b.writeUInt32BE(p.tsMicros - sec * 1_000_000, 20);
  b.set(p.data, SNOOP_RECORD_HEADER_BYTES);
  return b;
}

export function writeSnoop(opts: SnoopWriterOptions, packets: readonly SnoopPacket[]): Buffer {
  return Buffer.concat([snoopHeader(opts), ...packets.map(snoopRecord)]);
}
