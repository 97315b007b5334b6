/** pcapng block type codes (draft-ietf-opsawg-pcapng §11.1, "Block Type Codes"). */
export const BLOCK_SHB = 0x0a0d0d0a;
export const BLOCK_IDB = 0x00000001;
/** Obsolete Packet Block (Appendix A of the draft). */
export const BLOCK_PB = 0x00000002;
export const BLOCK_SPB = 0x00000003;
export const BLOCK_NRB = 0x00000004;
export const BLOCK_ISB = 0x00000005;
export const BLOCK_EPB = 0x00000006;
export const BLOCK_SYSTEMD_JOURNAL = 0x00000009;
export const BLOCK_DSB = 0x0000000a;
export const BLOCK_CUSTOM_COPY = 0x00000bad;
export const BLOCK_CUSTOM_NO_COPY = 0x40000bad;

/** Section Header Block byte-order magic (§4.1). */
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** Option codes (§3.5, §4.2). */
export const OPT_ENDOFOPT = 0;
export const OPT_IF_NAME = 2;
export const OPT_IF_TSRESOL = 9;
export const OPT_IF_TSOFFSET = 14;

/** Smallest legal block: type, length, trailing length (§3.1). */
export const MIN_BLOCK_BYTES = 12;
/** Blocks longer than this are treated as damage: no real capture has one, and it bounds our buffering. */
export const MAX_BLOCK_BYTES = 64 * 1024 * 1024;
