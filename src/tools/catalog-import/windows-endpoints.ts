/**
 * The "Manage connection endpoints for Windows 11 Enterprise" table (windows-itpro-docs,
 * windows/privacy/manage-windows-11-endpoints.md): `Area | Description | Protocol | Destination`. An area row
 * opens a group (its Destination is a "learn how to turn off" link); a row with a description starts a block
 * within the area that the following rows without one continue. The same layout serves the "Windows 11 connection
 * endpoints for non-Enterprise editions" page (one such table per edition, the area named on its first row). A
 * Destination cell may hold several names separated by `<br>` / `</br>`.
 */
import { parseMarkdownTables } from './markdown-table.js';

export interface WindowsEndpoint {
  area: string;
  /** The description of the block the row belongs to ('' when the area gives none). */
  description: string;
  /** 0-based block index within the area: stable ids. */
  block: number;
  destination: string;
  line: number;
}

export interface WindowsParsed {
  endpoints: WindowsEndpoint[];
  /** Body rows before any area, or with an empty destination. */
  badRows: number;
}

export function parseWindowsEndpoints(text: string): WindowsParsed {
  const out: WindowsParsed = { endpoints: [], badRows: 0 };
  let area = '';
  let description = '';
  let block = -1;
  for (const row of parseMarkdownTables(text).rows) {
    // "| **Area** | **Description** | ...": the non-Enterprise editions page sets its header cells in bold.
    const header = row.header.map((h) => h.replace(/[*_]/g, '').trim().toLowerCase());
    const areaCol = header.indexOf('area');
    const destCol = header.indexOf('destination');
    const descCol = header.indexOf('description');
    if (areaCol < 0 || destCol < 0) continue;
    const rowArea = row.cells[areaCol] ?? '';
    const rowDesc = descCol < 0 ? '' : (row.cells[descCol] ?? '');
    const destination = row.cells[destCol] ?? '';
    if (rowArea !== '') {
      area = rowArea;
      description = '';
      block = -1;
    }
    if (rowDesc !== '' || block < 0) {
      if (rowDesc !== '') description = rowDesc;
      // A row that opens an area with only a link gets no block; the first endpoint row opens block 0.
      if (!destination.startsWith('[') && destination !== '') block++;
    }
    if (destination.startsWith('[')) continue;
    if (area === '' || destination === '') {
      out.badRows++;
      continue;
    }
    // "edge.activity.windows.com </br> edge.microsoft.com": one cell, several destinations.
    for (const d of destination.split(/<\/?br\s*\/?>/i)) {
      // "ctldl.windowsupdate.com/*", "licensing.mp.microsoft.com/v7.0/licenses/content": the host, not the path.
      const one = d.trim().replace(/\/.*$/, '');
      if (one !== '')
        out.endpoints.push({ area, description, block: Math.max(block, 0), destination: one, line: row.line });
    }
  }
  return out;
}
