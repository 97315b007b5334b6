/**
 * Windows ETW traces (.etl) as a capture format: `pktmon start --capture` (PktMon provider) and
 * `netsh trace start capture=yes` (NDIS-PacketCapture provider). Recognised by content: a WMI buffer whose
 * first event is the trace logfile header (etl-parser.ts `looksLikeEtl`), never by file name.
 */
import type { CaptureFormat } from '../capture-format.js';
import { EtlParser, looksLikeEtl } from './etl-parser.js';

export const etlFormat: CaptureFormat = {
  id: 'etl',
  description: 'Windows ETW trace (pktmon start --capture, netsh trace capture=yes)',
  sniff: (head) => looksLikeEtl(head),
  createParser: (stats, anomalies, file) => new EtlParser(stats, anomalies, file),
};
