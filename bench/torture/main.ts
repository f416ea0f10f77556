/**
 * `npm run torture`: the campaign of issue 8 (crashes, a fault soak, load,
 * hostile input, secrets and files, concurrency), one part after another,
 * each in its own process (run-part.ts). A part that fails or dies does not
 * stop the others. The full campaign records each part's result in
 * docs/reliability.json and rewrites the generated block of
 * docs/reliability.md; `--quick` runs the short versions (the ones `npm test`
 * runs) and writes nothing unless told where. Exits 1 when a check failed.
 * Exports: `parseTortureArgs`, `TortureFlags`.
 *
 *   npm run torture [-- --only soak,load] [--quick] [--results F.json --doc F.md]
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readFlags, removeOnInterrupt } from '../lib/bench-cli.js';
import type { TortureResult } from './part.js';
import { passed } from './part.js';
import type { RecordedPart, TortureId } from './record.js';
import { TORTURE_IDS, deadPartResult, mergeResults, readStored } from './record.js';
import { renderResults, replaceBlock } from './render.js';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUN_PART = join(PROJECT_ROOT, 'bench/torture/run-part.ts');
const DEFAULT_RESULTS = join(PROJECT_ROOT, 'docs/reliability.json');
const DEFAULT_DOC = join(PROJECT_ROOT, 'docs/reliability.md');
/** Pathspecs leaving out what the campaign writes, for its dirty check. */
const OWN_DOCUMENTS = [':!docs/reliability.json', ':!docs/reliability.md'];
/** Characters of a dead part's stderr kept for the document. */
const STDERR_TAIL = 600;
const USAGE =
  `usage: npm run torture [-- --only ${TORTURE_IDS.join(',')}] [--quick] ` +
  '[--results FILE.json] [--doc FILE.md]';

export interface TortureFlags {
  parts: TortureId[];
  quick: boolean;
  /** Where results are merged and the document written; none: print only. */
  results: string | undefined;
  doc: string | undefined;
}

/** The flags; an unknown part or flag is a RangeError or TypeError. */
export function parseTortureArgs(args: string[]): TortureFlags {
  const { values } = parseArgs({
    args,
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      results: { type: 'string' },
      doc: { type: 'string' },
    },
  });
  const parts = values.only === undefined ? [...TORTURE_IDS] : onlyParts(values.only);
  const written = !values.quick;
  return {
    parts,
    quick: values.quick,
    results: values.results ?? (written ? DEFAULT_RESULTS : undefined),
    doc: values.doc ?? (written ? DEFAULT_DOC : undefined),
  };
}

function onlyParts(list: string): TortureId[] {
  const names = list.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(TORTURE_IDS as readonly string[]).includes(name)) {
      throw new RangeError(
        `--only: no part "${name}" (parts: ${TORTURE_IDS.join(', ')})`,
      );
    }
  }
  return TORTURE_IDS.filter((id) => names.includes(id));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\nParts and figures: docs/reliability.md\n`);
    return;
  }
  const flags = readFlags(() => parseTortureArgs(args), USAGE);
  if (flags === undefined) return;
  const outDir = mkdtempSync(join(tmpdir(), 'aa-sync-torture-'));
  removeOnInterrupt(outDir);
  const fresh = new Map<TortureId, RecordedPart>();
  for (const id of flags.parts) {
    process.stdout.write(`torture: ${id}${flags.quick ? ' (short version)' : ''}\n`);
    const recorded = await runPart(id, flags.quick, join(outDir, `${id}.json`));
    fresh.set(id, recorded);
    const { result } = recorded;
    const held = result.checks.filter((item) => item.ok).length;
    process.stdout.write(
      `torture: ${id}: ${held} of ${result.checks.length} checks held` +
        `${passed(result) ? '' : ' (FAILED)'}\n`,
    );
  }
  writeDocuments(flags, fresh);
  process.exitCode = [...fresh.values()].every(({ result }) => passed(result)) ? 0 : 1;
}

async function runPart(
  id: TortureId,
  quick: boolean,
  out: string,
): Promise<RecordedPart> {
  const context = {
    ranAt: new Date().toISOString(),
    commit: describeCommit(),
    node: process.version,
    cpus: availableParallelism(),
    quick,
  };
  const started = performance.now();
  const args = ['--import', 'tsx', RUN_PART, '--part', id, '--out', out];
  const child = spawn(process.execPath, quick ? [...args, '--quick'] : args, {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
  });
  const exit = await new Promise<string>((resolve) =>
    child.on('close', (code, signal) => resolve(signal ?? `exit ${code}`)),
  );
  const wallMs = performance.now() - started;
  const result = existsSync(out)
    ? (JSON.parse(readFileSync(out, 'utf8')) as TortureResult)
    : deadPartResult(id, exit, stderr.trim(), wallMs);
  return { context, result };
}

/**
 * The commit that ran, with `-dirty` when the tree differs from it. The
 * campaign's own documents do not count: every run rewrites them.
 */
function describeCommit(): string {
  const git = (args: string[]): string =>
    execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
  try {
    const changed = git(['status', '--porcelain', '--', '.', ...OWN_DOCUMENTS]);
    return `${git(['rev-parse', '--short', 'HEAD'])}${changed === '' ? '' : '-dirty'}`;
  } catch {
    return 'unknown';
  }
}

function writeDocuments(flags: TortureFlags, fresh: Map<TortureId, RecordedPart>): void {
  const stored = mergeResults(readStored(flags.results), fresh);
  if (flags.results !== undefined) {
    writeFileSync(flags.results, `${JSON.stringify(stored, null, 2)}\n`);
  }
  const block = renderResults(
    flags.doc === undefined ? mergeResults({ parts: {} }, fresh) : stored,
  );
  if (flags.doc === undefined) {
    process.stdout.write(`\n${block}\n`);
    return;
  }
  const document = existsSync(flags.doc) ? readFileSync(flags.doc, 'utf8') : '';
  writeFileSync(flags.doc, replaceBlock(document, block));
  process.stdout.write(`torture: figures written to ${flags.doc}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
