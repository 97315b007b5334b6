/** UNC paths \\server\share (MS-DTYP §2.2.57), also JSON-escaped (\\\\server\\share). Device paths \\?\ and \\.\ are not UNC. */
import { collect } from './hits.js';
import type { PiiDetector } from './types.js';

const UNC = /(?<![\\\w])\\{2}(?:\\{2})?([A-Za-z0-9][A-Za-z0-9._-]{0,62})\\{1,2}([A-Za-z0-9$][\w$ .-]{0,79})/g;

export const uncPathDetector: PiiDetector = {
  id: 'unc-path',
  kind: 'unc-path',
  detect: ({ text }) =>
    collect(text.matchAll(UNC), (m) => ({ value: `\\\\${m[1] ?? ''}\\${(m[2] ?? '').trim()}`, confidence: 'high' })),
};
