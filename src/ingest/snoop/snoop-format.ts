/** Solaris snoop (RFC 1761) as a capture format, Shomiti/Finisar Surveyor's variant included: "snoop\0\0\0". */
import type { CaptureFormat } from '../capture-format.js';
import { isSnoopMagic, SnoopParser } from './snoop-parser.js';

export const snoopFormat: CaptureFormat = {
  id: 'snoop',
  description: 'Solaris snoop capture (RFC 1761; Shomiti/Finisar Surveyor too)',
  sniff: (head) => isSnoopMagic(head),
  createParser: (stats, anomalies, file) => new SnoopParser(stats, anomalies, file),
};
