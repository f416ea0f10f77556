/**
 * The crash part's two sizes and how each aims its kills.
 * Exports: `CrashSize`, `crashSize`.
 */
import type { Random } from '../../src/emulator/random.js';
import type { KillAim } from './crash-aims.js';
import { AIMS, writesAim } from './crash-aims.js';

/** One size of the campaign. */
export interface CrashSize {
  kills: number;
  customers: number;
  seed: number;
  /** At least this share of the kills must catch a create between send and record. */
  windowShare: number;
  aimOf: (index: number, command: 'apply' | 'resume', random: Random) => KillAim | null;
  /** For the setup paragraph. */
  aiming: string;
}

/** The issue: at least 200 of 1,000 kills between a create's send and its record. */
const WINDOW_SHARE = 0.2;

/** 80 customers take about 7 s of writes: kills fall anywhere in the first 2 s of them. */
const FULL_WRITES = writesAim(0, 2_000);
/**
 * 24 customers take about a second and a half of writes; a resume first looks up what
 * its predecessor left in flight, so the kill comes after 150 ms at least.
 */
const QUICK_WRITES = writesAim(150, 650);

const planningAim = (command: 'apply' | 'resume'): KillAim =>
  command === 'apply' ? AIMS.planning : AIMS.resumeStart;

/**
 * Full: the first process of a round is killed in its start (before the
 * checkpoint exists); later ones at random, 7 in 10 in the writes and 1 in 10
 * each at the start, in planning and in the report.
 */
function fullAim(index: number, command: 'apply' | 'resume', random: Random): KillAim {
  if (index === 0) return AIMS.start;
  const draw = random.int(10);
  if (draw === 0) return AIMS.start;
  if (draw === 1) return planningAim(command);
  if (draw === 2) return AIMS.report;
  return FULL_WRITES;
}

/**
 * Quick: one round, its processes aimed in this order: the short phases
 * twice where they can be (a missed aim lands in the next phase), and half
 * of the kills into the writes, where creates are on the wire.
 */
const QUICK_AIMS = [
  AIMS.start,
  'planning',
  'planning',
  QUICK_WRITES,
  AIMS.start,
  'planning',
  QUICK_WRITES,
  QUICK_WRITES,
  'planning',
  QUICK_WRITES,
  QUICK_WRITES,
  QUICK_WRITES,
  QUICK_WRITES,
  AIMS.report,
] as const;

function quickAim(index: number, command: 'apply' | 'resume'): KillAim | null {
  const aim = QUICK_AIMS[index];
  return aim === 'planning' ? planningAim(command) : (aim ?? null);
}

/** The full campaign (1,000 kills, about 20 minutes) or the short one `npm test` runs. */
export function crashSize(quick: boolean): CrashSize {
  if (quick) {
    return {
      kills: QUICK_AIMS.length,
      customers: 24,
      seed: 8,
      windowShare: WINDOW_SHARE,
      aimOf: quickAim,
      aiming:
        'the processes are aimed, in order, at the start, the planning twice, the ' +
        'writes, the start, the moment resume takes the run up, the writes twice, ' +
        'that moment again, the writes four times and the report',
    };
  }
  return {
    kills: 1_000,
    customers: 80,
    seed: 1,
    windowShare: WINDOW_SHARE,
    aimOf: fullAim,
    aiming:
      "each round's first process is killed in its start; later ones 7 times in 10 " +
      'up to 2 s into the writes, and once in 10 each in the start, the planning ' +
      '(resume: the moment it takes the run up) and the report',
  };
}
