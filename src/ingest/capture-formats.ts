/**
 * The capture formats outflow reads, in sniffing order. Adding a format = one file + one line here (the input
 * registry, the "formats tried" message and the docs/inputs.md table follow from this list; a test enforces it).
 */
import type { CaptureFormat } from './capture-format.js';
import { etlFormat } from './etl/etl-format.js';
import { netmonFormat } from './netmon/netmon-format.js';
import { pcapFormat } from './pcap/pcap-format.js';
import { pcapngFormat } from './pcapng/pcapng-format.js';
import { snoopFormat } from './snoop/snoop-format.js';

export const CAPTURE_FORMATS: readonly CaptureFormat[] = [
  pcapFormat,
  pcapngFormat,
  snoopFormat,
  netmonFormat,
  etlFormat,
];
