/** pcapng as a capture format: a Section Header Block with its byte-order magic, in either byte order. */
import type { CaptureFormat } from '../capture-format.js';
import { BLOCK_SHB, BYTE_ORDER_MAGIC } from './block-types.js';
import { PcapngParser } from './pcapng-parser.js';

export const pcapngFormat: CaptureFormat = {
  id: 'pcapng',
  description: 'pcapng capture (Wireshark, dumpcap, pktmon etl2pcap)',
  sniff(head) {
    if (head.length < 12) return false;
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    if (view.getUint32(0, true) !== BLOCK_SHB) return false;
    return view.getUint32(8, true) === BYTE_ORDER_MAGIC || view.getUint32(8, false) === BYTE_ORDER_MAGIC;
  },
  createParser: (stats, anomalies, file) => new PcapngParser(stats, anomalies, file),
};
