/** Microsoft Network Monitor 2.x capture files ("GMBU"); 1.x files ("RTSS") are recognised and refused clearly. */
import type { CaptureFormat } from '../capture-format.js';
import { NETMON_MAGIC_1X, NETMON_MAGIC_2X, NetmonParser } from './netmon-parser.js';

export const netmonFormat: CaptureFormat = {
  id: 'netmon',
  description: 'Microsoft Network Monitor 2.x capture (.cap; NetMon 3.4, Message Analyzer)',
  sniff(head) {
    if (head.length < 4) return false;
    const magic = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(0, true);
    return magic === NETMON_MAGIC_2X || magic === NETMON_MAGIC_1X;
  },
  createParser: (stats, anomalies, file) => new NetmonParser(stats, anomalies, file),
};
