/** Whether the export files of a run are still what it was planned from. */
import type { InputFingerprint } from '../plan/plan-types.js';
import { fileSha256 } from '../util/file-sha256.js';

/** One sentence per file that changed or went missing; empty when all match. */
export async function changedInputs(
  inputs: readonly InputFingerprint[],
): Promise<string[]> {
  const changes: string[] = [];
  for (const input of inputs) {
    try {
      const now = await fileSha256(input.file);
      if (now.sha256 === input.sha256) continue;
      changes.push(
        `${input.file}: was ${input.bytes} bytes (sha256 ${input.sha256.slice(0, 12)}…), ` +
          `now ${now.bytes} bytes (sha256 ${now.sha256.slice(0, 12)}…)`,
      );
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      changes.push(`${input.file}: cannot be read now (${code})`);
    }
  }
  return changes;
}
