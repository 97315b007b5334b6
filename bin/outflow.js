#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run by `npm ci` through the prepare script).
import { main } from '../dist/cli/main.js';
import { prepareStdout } from '../dist/cli/stdout.js';
import { installSignalHandlers } from '../dist/core/interrupt.js';

prepareStdout();
installSignalHandlers();
await main(process.argv);
