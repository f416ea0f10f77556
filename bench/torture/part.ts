/**
 * What every part of the torture campaign (`npm run torture`) hands back to
 * the runner, which writes docs/reliability.md from it: the part's figures
 * (cases tried, faults injected, kills survived, ...) and its checks (each a
 * property that must hold, with what was expected and what was seen). A part
 * passes when every check holds; the runner exits 1 when one does not.
 * Exports: `TorturePart`, `TortureOptions`, `TortureResult`, `TortureFigure`,
 * `TortureCheck`, `check`, `passed`.
 */

/** How a part is run: the full campaign, or the short version `npm test` runs. */
export interface TortureOptions {
  /** The short version: same checks, fewer cases, seconds not minutes. */
  quick: boolean;
  /** A directory the part owns for its files; the runner removes it. */
  workDir: string;
  /** Progress for the person watching (one line, no newline); never a figure. */
  log: (line: string) => void;
}

/** One measured number or fact, shown in the part's table. */
export interface TortureFigure {
  label: string;
  value: number | string;
}

/** One property the campaign proves, e.g. "duplicate creates: 0". */
export interface TortureCheck {
  label: string;
  expected: string;
  actual: string;
  ok: boolean;
}

export interface TortureResult {
  /** The part's id, as `--only` takes it: `crash`, `soak`, `load`, ... */
  part: string;
  title: string;
  /** One paragraph: what was run, with which settings, against what. */
  setup: string;
  figures: TortureFigure[];
  checks: TortureCheck[];
  /** Anything a reader of the figures should know (limits, what was not tried). */
  notes: string[];
  wallMs: number;
}

/** A part of the campaign, as the runner and the tests see it. */
export interface TorturePart {
  id: string;
  run(options: TortureOptions): Promise<TortureResult>;
}

/** A check that `actual` equals `expected`, shown as text in the report. */
export function check(
  label: string,
  expected: number | string | boolean,
  actual: number | string | boolean,
): TortureCheck {
  return {
    label,
    expected: String(expected),
    actual: String(actual),
    ok: expected === actual,
  };
}

/** True when every check of `result` holds. */
export function passed(result: TortureResult): boolean {
  return result.checks.every((item) => item.ok);
}
