/** The JSON telemetry recognisers, tried in this order on every document and batch element. */
import { mixpanelRecognizer } from './mixpanel.js';
import { oneDsRecognizer } from './one-ds.js';
import type { JsonRecognizer } from './recognizer.js';
import { segmentRecognizer } from './segment.js';
import { sentryRecognizer } from './sentry.js';

export const JSON_RECOGNIZERS: readonly JsonRecognizer[] = [
  oneDsRecognizer,
  sentryRecognizer,
  segmentRecognizer,
  mixpanelRecognizer,
];
