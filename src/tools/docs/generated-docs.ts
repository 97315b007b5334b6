/**
 * The generated reference pages and their text, from the sources they describe: `npm run docs` writes them
 * (run.ts) and tests/docs/generated-docs.test.ts regenerates them in memory and fails when a file differs.
 */
import { buildProgram, toolVersion } from '../../cli/program.js';
import schema from '../../report/schema.json' with { type: 'json' };
import { MAN_PAGE_PATH, renderManPage } from './cli-man.js';
import { CLI_DOC_PATH, renderCliMarkdown } from './cli-markdown.js';
import { describeCommand } from './cli-model.js';
import { renderSchemaMarkdown, SCHEMA_DOC_PATH, type SchemaNode } from './schema-markdown.js';

export interface GeneratedDoc {
  /** Relative to the repository root. */
  path: string;
  text: string;
}

export function generatedDocs(): GeneratedDoc[] {
  const program = describeCommand(buildProgram());
  return [
    { path: CLI_DOC_PATH, text: renderCliMarkdown(program) },
    { path: MAN_PAGE_PATH, text: renderManPage(program, toolVersion()) },
    { path: SCHEMA_DOC_PATH, text: renderSchemaMarkdown(schema as SchemaNode) },
  ];
}
