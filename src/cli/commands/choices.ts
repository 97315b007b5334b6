/**
 * The choice lists (and one name) the command definitions show in --help and check arguments against, spelt out
 * here so that defining the commands loads no renderer, exporter, registry or crypto: every command pays for its
 * definition at startup, only the one that runs pays for its work. Each list is in its registry's key order (the
 * order --help prints); tests/cli/choices.test.ts checks each against what it stands for.
 */
import type { DiffRendererId } from '../../compare/diff-renderers.js';
import type { TrendRendererId } from '../../compare/trend-renderers.js';
import type { DpfMode } from '../../enrich/jurisdiction/recipient-transfer.js';
import type { RendererId } from '../../report/registry.js';
import type { FlowFormat } from '../flow-output.js';
import type { RequestFormat } from '../request-output.js';

/** Keys of RENDERERS (report/registry.ts): audit and merge -f. */
export const RENDERER_CHOICES: readonly RendererId[] = ['table', 'json', 'csv', 'md', 'html', 'ndjson'];

/** Keys of DIFF_RENDERERS (compare/diff-renderers.ts). */
export const DIFF_FORMAT_CHOICES: readonly DiffRendererId[] = ['table', 'json', 'md'];

/** Keys of TREND_RENDERERS (compare/trend-renderers.ts). */
export const TREND_FORMAT_CHOICES: readonly TrendRendererId[] = ['table', 'html'];

/** Keys of FLOW_FORMATS (cli/flow-output.ts). */
export const FLOW_FORMAT_CHOICES: readonly FlowFormat[] = ['ndjson', 'csv', 'table'];

/** Keys of REQUEST_FORMATS (cli/request-output.ts). */
export const REQUEST_FORMAT_CHOICES: readonly RequestFormat[] = ['ndjson', 'json', 'csv', 'table'];

/** Keys of EXPORTERS (cli/commands/export-run.ts). */
export const EXPORT_TARGETS: readonly string[] = ['ecs'];

/** DPF_MODES (enrich/jurisdiction/recipient-transfer.ts): audit --dpf. */
export const DPF_MODE_CHOICES: readonly DpfMode[] = ['rely', 'ignore'];

/** PSEUDONYM_KEY_ENV (report/pseudonymize.ts), named in audit --pseudonymize's help. */
export const PSEUDONYM_KEY_ENV_NAME = 'OUTFLOW_PSEUDONYM_KEY';
