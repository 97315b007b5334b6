/**
 * Issue #21 item 3: the reference pages cannot drift. Each generated file (docs/cli.md, docs/report-schema.md,
 * man/outflow.1) is regenerated in memory from the program and the schema and must equal the committed file;
 * the generation must not depend on the terminal's width, the machine's paths or the day.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import schema from '../../src/report/schema.json' with { type: 'json' };
import { generatedDocs } from '../../src/tools/docs/generated-docs.js';
import { renderSchemaMarkdown, type SchemaNode } from '../../src/tools/docs/schema-markdown.js';
import { repoRoot } from '../e2e/helpers.js';

const docs = generatedDocs();

describe('generated reference pages', () => {
  it.each(docs.map((d) => [d.path, d] as const))('%s is current', (path, doc) => {
    const file = join(repoRoot, path);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (current !== doc.text) expect.fail(`${path} is stale: run npm run docs`);
  });

  it('are the same at any terminal width and name no path of this machine', () => {
    const columns = process.stdout.columns;
    try {
      process.stdout.columns = 40;
      expect(generatedDocs()).toEqual(docs);
    } finally {
      process.stdout.columns = columns;
    }
    for (const doc of docs) {
      expect(doc.text).not.toContain(repoRoot);
      expect(doc.text).not.toMatch(/\b20\d\d-\d\d-\d\dT/);
    }
  });

  it('the CLI page names every option of every command, and each choice', () => {
    const cli = docs.find((d) => d.path === 'docs/cli.md')?.text ?? '';
    for (const flag of [
      '--fail-on <level>',
      '--dns-grace <seconds>',
      '--geoip-dir <dir...>',
      '--category <category>',
    ]) {
      expect(cli).toContain(flag);
    }
    expect(cli).toContain('`rely`, `ignore`');
    expect(cli).toContain('## outflow rules validate');
    expect(cli).toContain('## Exit codes');
  });

  it('the schema page has a row for every field of every object', () => {
    const text = renderSchemaMarkdown(schema as SchemaNode);
    const defs = (schema as SchemaNode).$defs ?? {};
    for (const [name, def] of Object.entries(defs)) {
      expect(text).toContain(`## ${name}`);
      for (const field of Object.keys(def.properties ?? {})) expect(text).toContain(`| \`${field}\``);
    }
    // Objects written inline list their fields under the parent's name.
    for (const nested of ['tool.name', 'vantage.lat', 'options.*', 'content.notReadable[].']) {
      expect(text).toContain(`| \`${nested}`);
    }
  });

  it('the man page is plain roff: every line a request or text that does not start with a dot by accident', () => {
    const man = docs.find((d) => d.path === 'man/outflow.1')?.text ?? '';
    expect(man).toMatch(/^\.\\" Generated/);
    expect(man).toContain('.TH OUTFLOW 1 ""');
    for (const line of man.split('\n')) {
      if (line.startsWith('.')) expect(line, line).toMatch(/^\.(\\"|TH|SH|SS|TP|B|I|PP|RS|RE|nf|fi)( |$)/);
    }
  });
});
