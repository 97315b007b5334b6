/**
 * The payload PII detectors, in a fixed order, and detectPii(): the one entry point. Each detector is a small
 * object {id, kind, detect}; adding one is one file and one line here.
 */
import { deviceIdDetector } from './device-id.js';
import { emailDetector } from './email.js';
import { ibanDetector } from './iban.js';
import { imeiDetector } from './imei.js';
import { internalHostDetector, privateIpDetector } from './internal-address.js';
import { macAddressDetector } from './mac-address.js';
import { paymentCardDetector } from './payment-card.js';
import { phoneDetector } from './phone.js';
import { extractParams, maskValue, prepareText } from './text.js';
import type { PiiContext, PiiDetector, PiiFinding, PiiOptions } from './types.js';
import { uncPathDetector } from './unc-path.js';
import { userParamDetector } from './user-param.js';
import { windowsPathDetector } from './windows-path.js';

export const PII_DETECTORS: readonly PiiDetector[] = [
  emailDetector,
  windowsPathDetector,
  uncPathDetector,
  userParamDetector,
  macAddressDetector,
  deviceIdDetector,
  imeiDetector,
  phoneDetector,
  ibanDetector,
  paymentCardDetector,
  privateIpDetector,
  internalHostDetector,
];

export function detectPii(text: string, context: PiiContext, opts: PiiOptions = {}): PiiFinding[] {
  const prepared = prepareText(text, context.field);
  const input = { text: prepared, params: extractParams(prepared), internalSuffixes: opts.internalSuffixes ?? [] };
  const seen = new Set<string>();
  const findings: PiiFinding[] = [];
  for (const detector of PII_DETECTORS) {
    for (const hit of detector.detect(input)) {
      const key = `${detector.kind}\u0000${hit.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const finding: PiiFinding = {
        kind: detector.kind,
        detector: detector.id,
        field: context.field,
        excerpt: opts.showValues === true ? hit.value : maskValue(hit.value),
        confidence: hit.confidence,
      };
      if (context.frame !== undefined) finding.frame = context.frame;
      if (context.line !== undefined) finding.line = context.line;
      findings.push(finding);
    }
  }
  return findings;
}
