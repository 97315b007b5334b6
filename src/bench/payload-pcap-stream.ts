/** A classic pcap written frame by frame to a file (Ethernet, microseconds): the bench capture never sits in memory. */
import { closeSync, openSync, writeSync } from 'node:fs';

export class PcapWriterStream {
  readonly #fd: number;
  #size = 0;
  #pending: Buffer[] = [];
  #pendingBytes = 0;

  constructor(path: string) {
    this.#fd = openSync(path, 'w');
    const header = Buffer.alloc(24);
    header.writeUInt32LE(0xa1b2c3d4, 0);
    header.writeUInt16LE(2, 4);
    header.writeUInt16LE(4, 6);
    header.writeUInt32LE(262_144, 16);
    header.writeUInt32LE(1, 20);
    this.#push(header);
  }

  write(frame: Uint8Array, tsMicros: number): void {
    const record = Buffer.alloc(16);
    record.writeUInt32LE(Math.floor(tsMicros / 1e6), 0);
    record.writeUInt32LE(Math.round(tsMicros % 1e6), 4);
    record.writeUInt32LE(frame.length, 8);
    record.writeUInt32LE(frame.length, 12);
    this.#push(record);
    this.#push(Buffer.from(frame.buffer, frame.byteOffset, frame.length));
  }

  async close(): Promise<number> {
    this.#flush();
    closeSync(this.#fd);
    return this.#size;
  }

  #push(b: Buffer): void {
    this.#pending.push(b);
    this.#pendingBytes += b.length;
    this.#size += b.length;
    if (this.#pendingBytes >= 1 << 22) this.#flush();
  }

  #flush(): void {
    if (this.#pending.length === 0) return;
    writeSync(this.#fd, Buffer.concat(this.#pending));
    this.#pending = [];
    this.#pendingBytes = 0;
  }
}
