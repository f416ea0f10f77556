/**
 * The confirmation before a run writes to the API. Only on a terminal, and
 * only the word "yes" goes ahead, as with `terraform apply`: a stray Enter or
 * "y" must not provision phone numbers.
 */
import { createInterface } from 'node:readline/promises';
import { usageError } from './errors.js';

/** Whether a person can be asked: both standard input and output are terminals. */
export function canAsk(): boolean {
  return process.stdin.isTTY && process.stdout.isTTY;
}

/** Refuses, before any API call, to run unattended without `--yes`. */
export function requireYesOffTerminal(yes: boolean, command: string): void {
  if (yes || canAsk()) return;
  throw usageError(
    `${command} writes to the Partner API and is not on a terminal, so it cannot ask for ` +
      'confirmation: give --yes (for cron and scripts), or run it in a terminal to review the plan first',
  );
}

/**
 * Asks on the terminal; true only for "yes". Ctrl+C or Ctrl+D at the prompt
 * is a "no": readline turns them into an abort or a closed input.
 */
export async function confirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const closed = new Promise<string>((resolve) =>
    prompt.once('close', () => resolve('')),
  );
  try {
    const asked = prompt.question(`${question}\n  Only 'yes' will be accepted: `);
    const answer = await Promise.race([asked, closed]).catch(() => '');
    return answer.trim() === 'yes';
  } finally {
    prompt.close();
    process.stdout.write('\n');
  }
}
