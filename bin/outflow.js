#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run by `npm ci` through the prepare script).
import { setFlagsFromString } from 'node:v8';

// Before the CLI's code loads: V8's young generation keeps its starting size (two 1 MiB semi-spaces) instead of
// doubling up to 2 x 16 MiB (2 x 64 MiB on Node 24), which a long run fills and holds to its end. `outflow flows`
// on the benchmark capture peaked 25-30 MB lower (148 instead of 175 MB), CPU time the same within the noise of
// runs back to back; the audit and log reads the same CPU time too (issue #18, docs/performance.md). It is what
// `node --max-semi-space-size=1` does, which only node's command line can set, and a launcher cannot pass that
// everywhere: npm's Windows shim runs `node <script>`, BusyBox's env has no `-S` for a shebang. V8 reads this flag
// each time it would grow the young generation, so it holds for the whole run (checked on Node 20, 22 and 24;
// tests/e2e/launcher-heap.test.ts). Worker threads get theirs from the pool that starts them (input-pool.ts).
setFlagsFromString('--semi-space-growth-factor=1');

const { main } = await import('../dist/cli/main.js');
const { prepareStdout } = await import('../dist/cli/stdout.js');
const { installSignalHandlers } = await import('../dist/core/interrupt.js');

prepareStdout();
installSignalHandlers();
await main(process.argv);
