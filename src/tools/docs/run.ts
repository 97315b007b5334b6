/**
 * `npm run docs`: writes docs/cli.md, docs/report-schema.md and man/outflow.1 from the program and the schema.
 * With --check it writes nothing and exits 1 naming each stale file.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packageRoot } from '../../core/package-root.js';
import { generatedDocs } from './generated-docs.js';

const root = packageRoot();
const check = process.argv.includes('--check');
let stale = 0;
for (const doc of generatedDocs()) {
  const file = join(root, doc.path);
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === doc.text) continue;
  if (check) {
    process.stderr.write(`${doc.path} is stale: run npm run docs\n`);
    stale++;
    continue;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, doc.text);
  process.stdout.write(`wrote ${doc.path}\n`);
}
if (stale > 0) process.exitCode = 1;
