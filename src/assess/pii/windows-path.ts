/**
 * Windows profile paths: C:\Users\<name>\..., also with forward slashes, JSON-doubled backslashes, and the
 * unexpanded %USERPROFILE% variable (which says a profile path leaks, without the name).
 */
import { collect } from './hits.js';
import type { PiiDetector } from './types.js';

const PROFILE = /\b[A-Za-z]:(?:\\{1,2}|\/)(?:Users|Documents and Settings)(?:\\{1,2}|\/)([^\\/:*?"<>|\r\n&;]{1,64})/gi;
const VARIABLE = /%USERPROFILE%|%HOMEPATH%|%APPDATA%|%LOCALAPPDATA%/gi;
/** Built-in profiles that name no person. */
const SHARED = new Set(['public', 'default', 'default user', 'all users', 'defaultuser0', 'defaultapppool']);

export const windowsPathDetector: PiiDetector = {
  id: 'windows-profile-path',
  kind: 'windows-profile-path',
  detect: ({ text }) => [
    ...collect(text.matchAll(PROFILE), (m) => {
      const name = (m[1] ?? '').trim();
      if (name === '' || SHARED.has(name.toLowerCase())) return null;
      return { value: name, confidence: 'high' };
    }),
    ...collect(text.matchAll(VARIABLE), (m) => ({ value: m[0], confidence: 'medium' })),
  ],
};
