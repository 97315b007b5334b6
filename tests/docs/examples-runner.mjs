/**
 * Runs the help examples one after another in this one process, through the CLI's own entry (dist/cli/main.js,
 * set up as bin/outflow.js sets it up), and writes what each did as JSON to the file named by argv[3]. One
 * process instead of one per example: the 29 examples cost ~4 s of CPU this way against ~21 s as separate
 * processes, almost all of it the start of each (modules, databases, catalog). Standard output is the parent's
 * choice (ignored by the test); standard error is collected per example. argv[2]: JSON list of argument lists
 * (without "outflow").
 */
import { writeFileSync } from 'node:fs';

const { main } = await import(new URL('../../dist/cli/main.js', import.meta.url).href);
const { prepareStdout } = await import(new URL('../../dist/cli/stdout.js', import.meta.url).href);

prepareStdout(); // as bin/outflow.js does before main
const runs = JSON.parse(process.argv[2]);
const results = [];
const write = process.stderr.write.bind(process.stderr);
for (const args of runs) {
  let stderr = '';
  process.stderr.write = (chunk) => {
    stderr += String(chunk);
    return true;
  };
  process.exitCode = undefined;
  try {
    await main(['node', 'outflow', ...args]);
  } finally {
    process.stderr.write = write;
  }
  results.push({ status: process.exitCode ?? 0, stderr });
}
process.exitCode = 0;
writeFileSync(process.argv[3], JSON.stringify(results));
