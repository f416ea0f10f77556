/**
 * Every part of the torture campaign, in the order of issue 8 and of
 * docs/reliability.md. Exports: `TORTURE_PARTS`.
 */
import { concurrencyPart } from './concurrency.js';
import { crashPart } from './crash.js';
import { filesPart } from './files.js';
import { hostilePart } from './hostile.js';
import { loadPart } from './load.js';
import type { TorturePart } from './part.js';
import { secretsPart } from './secrets.js';
import { soakPart } from './soak.js';

export const TORTURE_PARTS: readonly TorturePart[] = [
  crashPart,
  soakPart,
  loadPart,
  hostilePart,
  secretsPart,
  filesPart,
  concurrencyPart,
];
