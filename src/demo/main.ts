#!/usr/bin/env node
import { runApiRehearsal } from './api-rehearsal.js';

// `npm run demo`: until `aa-sync apply` lands, the demo rehearses the Partner API.
await runApiRehearsal((line) => process.stdout.write(`${line}\n`));
