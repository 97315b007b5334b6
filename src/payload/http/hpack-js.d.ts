/**
 * The small part of hpack.js (2.1.6, plain JavaScript, no types of its own) that outflow uses: the bit-level
 * decoder and encoder, the HPACK table (static + dynamic, with eviction) and the compressor the test writers use.
 * Typed from its source (lib/hpack/*.js); every method throws an Error on malformed or truncated input.
 */
declare module 'hpack.js' {
  namespace hpack {
    /** One static or dynamic table entry; sizes are in octets, totalSize includes the 32-octet overhead. */
    interface TableEntry {
      readonly name: string;
      readonly value: string;
      readonly nameSize: number;
      readonly totalSize: number;
    }

    interface Table {
      /** Current size of the dynamic table in octets. */
      readonly size: number;
      /** Current maximum size (changed by dynamic table size updates). */
      readonly maxSize: number;
      /** The largest size an update may ask for (the decoder's SETTINGS_HEADER_TABLE_SIZE); writable. */
      protocolMaxSize: number;
      /** Dynamic entries, oldest first. */
      readonly dynamic: readonly TableEntry[];
      /** 1-based HPACK index over static then dynamic entries (newest dynamic first). */
      lookup(index: number): TableEntry;
      add(name: string, value: string, nameSize: number, valueSize: number): void;
      updateSize(size: number): void;
    }

    interface Decoder {
      push(chunk: Buffer): void;
      isEmpty(): boolean;
      decodeBit(): number;
      /** An integer whose prefix is the rest of the current octet (RFC 7541 §5.1). */
      decodeInt(): number;
      /** A string literal (RFC 7541 §5.2): raw octets as a Buffer, or Huffman-decoded octets as numbers. */
      decodeStr(): Buffer | number[];
    }

    interface Encoder {
      encodeBit(bit: number): void;
      encodeBits(bits: number, length: number): void;
      encodeInt(value: number): void;
      encodeStr(octets: ArrayLike<number>, huffman: boolean): void;
      render(): Buffer[];
    }

    interface HeaderInput {
      name: string;
      value: string;
      /** false: never add this field to the dynamic table. */
      incremental?: boolean;
      huffman?: boolean;
      neverIndex?: boolean;
    }

    interface Compressor {
      write(headers: HeaderInput[]): boolean;
      read(): Buffer | null;
    }
  }

  const hpack: {
    decoder: { create(): hpack.Decoder };
    encoder: { create(): hpack.Encoder };
    table: { create(options: { maxSize: number }): hpack.Table };
    compressor: { create(options: { table: { maxSize: number } }): hpack.Compressor };
    huffman: {
      /** Per symbol 0..256: [code length in bits, code]. */
      encode: ReadonlyArray<readonly [number, number]>;
    };
  };
  export default hpack;
}
