/** The names of exit codes, as `EXIT` in cli/exit-codes.ts spells them. */
import { EXIT } from '../cli/exit-codes.js';

const NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(EXIT).map(([name, code]) => [code, name]),
);

/** `ok` for 0, `partial` for 5, ...; null for null or a code aa-sync never gives. */
export function exitNameOf(code: number | null): string | null {
  return code === null ? null : (NAMES.get(code) ?? null);
}
