#!/usr/bin/env node
/**
 * `npm run demo`: the Boston migration and its nightly reconciliation against
 * the emulator (see boston-demo.ts). Run from the project root.
 */
import { runBostonDemo } from './boston-demo.js';

process.exitCode = await runBostonDemo((text) => process.stdout.write(text));
