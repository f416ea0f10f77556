/**
 * Watches a running aa-sync from the outside: every SAMPLE_INTERVAL_MS, its
 * resident memory (VmRSS and VmHWM of /proc/<pid>/status) beside the run's
 * progress, read from the run log (`<state dir>/logs/<run id>.log`) as it
 * grows. The product carries no hook for this: the log is opened read-only
 * and read from where the last look stopped, so a 15 MB log costs one pass.
 * Exports: `MemorySample`, `RunPhase`, `ProcessWatch`, `watchProcess`,
 * `SAMPLE_INTERVAL_MS`.
 */
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
} from 'node:fs';
import { join } from 'node:path';

export const SAMPLE_INTERVAL_MS = 250;
const KIB_PER_MIB = 1024;
/** Bytes read from the log per look at most; the rest waits for the next look. */
const READ_BYTES = 1 << 20;

/** The executor's debug line, one per finished operation (src/execute/executor.ts). */
const FINISHED_MARK = '"message":"operation timing"';
/** Logged once every operation has been attempted; the report is written after it. */
const EXECUTED_MARK = '"message":"progress at the end:';

/**
 * Where the run is: `planning` until its log file exists (the file is opened
 * once the run is recorded), `executing` until the executor's last progress
 * line, `reporting` after it.
 */
export type RunPhase = 'planning' | 'executing' | 'reporting';

export interface MemorySample {
  /** Since the watch started. */
  atMs: number;
  rssMiB: number;
  /** Operations finished so far, by the run log. */
  done: number;
  phase: RunPhase;
}

export interface ProcessWatch {
  samples: MemorySample[];
  /** The peak resident memory at the last look (VmHWM), in MiB. */
  peakMiB(): number | null;
  /** Takes a last look and stops watching; once, however often it is called. */
  stop(): void;
}

/** The VmRSS and VmHWM lines of a process, in MiB; null once it is gone. */
function memoryOf(pid: number): { rss: number; hwm: number } | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kib = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  const [rss, hwm] = [kib('VmRSS'), kib('VmHWM')];
  // A process that has exited but is not yet reaped has no memory lines.
  if (!Number.isFinite(rss) || !Number.isFinite(hwm)) return null;
  return { rss: rss / KIB_PER_MIB, hwm: hwm / KIB_PER_MIB };
}

/** Counts the finished operations of the one log in `logDir`, a new piece per look. */
class LogTail {
  readonly #logDir: string;
  #fd: number | null = null;
  #offset = 0;
  #partial = '';
  done = 0;
  phase: RunPhase = 'planning';

  constructor(logDir: string) {
    this.#logDir = logDir;
  }

  look(): void {
    if (this.#fd === null && !this.#open()) return;
    const buffer = Buffer.alloc(READ_BYTES);
    const read = readSync(this.#fd ?? 0, buffer, 0, READ_BYTES, this.#offset);
    this.#offset += read;
    const lines = (this.#partial + buffer.toString('utf8', 0, read)).split('\n');
    // A line is counted once whole; the log's writes may end mid-line.
    this.#partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.includes(FINISHED_MARK)) this.done += 1;
      else if (line.includes(EXECUTED_MARK)) this.phase = 'reporting';
    }
  }

  #open(): boolean {
    if (!existsSync(this.#logDir)) return false;
    const name = readdirSync(this.#logDir).find((entry) => entry.endsWith('.log'));
    if (name === undefined) return false;
    this.#fd = openSync(join(this.#logDir, name), 'r');
    this.phase = 'executing';
    return true;
  }

  close(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }
}

/**
 * Samples process `pid`, whose run log goes to `<stateDir>/logs`, until
 * `stop`. The state directory must be fresh: its first log is taken as the run's.
 */
export function watchProcess(pid: number, stateDir: string): ProcessWatch {
  const startedMs = performance.now();
  const tail = new LogTail(join(stateDir, 'logs'));
  const samples: MemorySample[] = [];
  let peak: number | null = null;
  let stopped = false;
  const look = (): void => {
    const memory = memoryOf(pid);
    tail.look();
    if (memory === null) return;
    peak = memory.hwm;
    const atMs = Math.round(performance.now() - startedMs);
    samples.push({ atMs, rssMiB: memory.rss, done: tail.done, phase: tail.phase });
  };
  look();
  const timer = setInterval(look, SAMPLE_INTERVAL_MS);
  return {
    samples,
    peakMiB: () => peak,
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      look();
      tail.close();
    },
  };
}
