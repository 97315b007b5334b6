/** Classic pcap as a capture format (magic a1b2c3d4, a1b23c4d or a1b2cd34, either byte order). */
import type { CaptureFormat } from '../capture-format.js';
import { PcapParser, pcapMagicInfo } from './pcap-parser.js';

export const pcapFormat: CaptureFormat = {
  id: 'pcap',
  description: 'libpcap/tcpdump capture (µs or ns, modified pcap)',
  sniff(head) {
    if (head.length < 4) return false;
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    return pcapMagicInfo(view.getUint32(0, true)) !== null;
  },
  createParser: (stats, anomalies, file) => new PcapParser(stats, anomalies, file),
};
