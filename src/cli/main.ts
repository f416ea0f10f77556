#!/usr/bin/env node
import { hideBin } from 'yargs/helpers';
import { runCli } from './program.js';
import { ignoreClosedOutput } from './closed-output.js';

ignoreClosedOutput();
process.exitCode = await runCli(hideBin(process.argv));
