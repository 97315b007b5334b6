#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run by `npm ci` through the prepare script).
// Before the CLI's code loads: V8's young generation keeps its starting size (two 1 MiB semi-spaces) instead of
// doubling up to 2 x 16 MiB (2 x 64 MiB on Node 24), which a long run fills and holds to its end. `outflow flows`
// on the benchmark capture peaked 25-30 MB lower (148 instead of 175 MB), CPU time the same within the noise of
// runs back to back (issue #18, docs/performance.md). It is what `node --max-semi-space-size=1` does, which only
// node's command line can set, and a launcher cannot pass that everywhere: npm's Windows shim runs `node <script>`,
// BusyBox's env has no `-S` for a shebang. V8 reads this flag each time it would grow the young generation, so it
// holds for the whole run (checked on Node 20, 22 and 24; tests/e2e/launcher-heap.test.ts), as long as no worker
// thread's start resets it: src/core/heap-flags.ts. Worker threads get their own limit from whoever starts them.
let keepYoungGenerationSmall = null;
try {
  ({ keepYoungGenerationSmall } = await import('../dist/core/heap-flags.js'));
} catch {
  // Not built or not loadable: said below, where the CLI's modules fail to load the same way.
}
keepYoungGenerationSmall?.();

let loaded;
try {
  loaded = await Promise.all([
    import('../dist/cli/main.js'),
    import('../dist/cli/stdout.js'),
    import('../dist/core/interrupt.js'),
  ]);
} catch (e) {
  // The CLI's own modules could not be loaded: Node opens many at once, so a low limit of open files fails here
  // (EMFILE, or reported as a missing module), as does an incomplete installation. One line and exit 5, as the
  // CLI says it of the modules it loads later (src/core/errors.ts ResourceError). Any other error while loading
  // (a module that throws) is a bug, and goes on as one.
  const code = e?.code;
  if (code !== 'EMFILE' && code !== 'ENFILE' && code !== 'ERR_MODULE_NOT_FOUND') throw e;
  const why =
    code === 'ERR_MODULE_NOT_FOUND'
      ? `could not load outflow (${e.message}): the installation is incomplete (run npm ci, or npm run build in a clone) or the limit of open files is too low`
      : 'too many open files while loading outflow';
  process.stderr.write(`outflow: ${why}; raise the limit (ulimit -n; LimitNOFILE= for a systemd service)\n`);
  process.exit(5);
}
const [{ main }, { prepareStdout }, { installSignalHandlers }] = loaded;

prepareStdout();
installSignalHandlers();
await main(process.argv);
