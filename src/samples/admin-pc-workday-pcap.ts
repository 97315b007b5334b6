/** The sample capture's bytes, as `npm run samples` writes them: the scenario's frames through the pcap writer. */
import { writePcap } from '../writer/pcap-writer.js';
import { adminPcWorkday } from './admin-pc-workday.js';

export function adminPcWorkdayPcap(): { bytes: Uint8Array; packets: number } {
  const frames = adminPcWorkday();
  return {
    bytes: writePcap(
      { linkType: 1 },
      frames.map(([data, tsMicros]) => ({ data, tsMicros })),
    ),
    packets: frames.length,
  };
}
