#!/usr/bin/env node
/** `npm run demo:api`: the Partner API itself, step by step, on the emulator. */
import { runApiRehearsal } from './api-rehearsal.js';

await runApiRehearsal((line) => process.stdout.write(`${line}\n`));
