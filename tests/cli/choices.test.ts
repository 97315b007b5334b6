/**
 * The choice lists the command definitions carry (src/cli/commands/choices.ts) are spelt out so that defining a
 * command loads no renderer or registry; each must stay what its registry says, in the registry's order.
 */
import { describe, expect, it } from 'vitest';
import {
  DIFF_FORMAT_CHOICES,
  DPF_MODE_CHOICES,
  EXPORT_TARGETS,
  FLOW_FORMAT_CHOICES,
  PSEUDONYM_KEY_ENV_NAME,
  RENDERER_CHOICES,
  REQUEST_FORMAT_CHOICES,
  TREND_FORMAT_CHOICES,
} from '../../src/cli/commands/choices.js';
import { EXPORTERS } from '../../src/cli/commands/export-run.js';
import { FLOW_FORMATS } from '../../src/cli/flow-output.js';
import { REQUEST_FORMATS } from '../../src/cli/request-output.js';
import { DIFF_RENDERERS } from '../../src/compare/diff-renderers.js';
import { TREND_RENDERERS } from '../../src/compare/trend-renderers.js';
import { DPF_MODES } from '../../src/enrich/jurisdiction/recipient-transfer.js';
import { PSEUDONYM_KEY_ENV } from '../../src/report/pseudonymize.js';
import { RENDERERS } from '../../src/report/registry.js';

describe('command choice lists', () => {
  it.each([
    ['report renderers', RENDERER_CHOICES, Object.keys(RENDERERS)],
    ['diff renderers', DIFF_FORMAT_CHOICES, Object.keys(DIFF_RENDERERS)],
    ['trend renderers', TREND_FORMAT_CHOICES, Object.keys(TREND_RENDERERS)],
    ['flow formats', FLOW_FORMAT_CHOICES, Object.keys(FLOW_FORMATS)],
    ['request formats', REQUEST_FORMAT_CHOICES, Object.keys(REQUEST_FORMATS)],
    ['export targets', EXPORT_TARGETS, Object.keys(EXPORTERS)],
    ['DPF modes', DPF_MODE_CHOICES, [...DPF_MODES]],
  ])('%s are the registry keys in order', (_name, choices, keys) => {
    expect([...choices]).toEqual(keys);
  });

  it('names the pseudonym key variable the audit reads', () => {
    expect(PSEUDONYM_KEY_ENV_NAME).toBe(PSEUDONYM_KEY_ENV);
  });
});
