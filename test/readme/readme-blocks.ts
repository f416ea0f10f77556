/**
 * Reads the README's console examples so that tests can run them. A block is
 * marked `<!-- readme-test: NAME -->` and holds `$ command` lines (continued
 * with a trailing backslash) each followed by the output it prints.
 */
import { readFileSync } from 'node:fs';

export interface ConsoleStep {
  command: string;
  expected: string;
}

const README = new URL('../../README.md', import.meta.url);

/** The text of the fenced block that follows the marker `readme-test: NAME`. */
export function readmeFence(name: string): string {
  const text = readFileSync(README, 'utf8');
  const marker = text.indexOf(`<!-- readme-test: ${name} -->`);
  if (marker < 0) throw new Error(`README.md has no block marked readme-test: ${name}`);
  const open = text.indexOf('```', marker);
  const start = text.indexOf('\n', open) + 1;
  return text.slice(start, text.indexOf('\n```', start));
}

/** The `$ command` steps of a console block, each with the output it shows. */
export function readmeBlock(name: string): ConsoleStep[] {
  return parseSteps(readmeFence(name).split('\n'));
}

function parseSteps(lines: string[]): ConsoleStep[] {
  const steps: ConsoleStep[] = [];
  let index = 0;
  while (index < lines.length) {
    const first = lines[index] ?? '';
    if (!first.startsWith('$ '))
      throw new Error(`README block line not a command: ${first}`);
    const command = [first.slice(2)];
    while ((command.at(-1) ?? '').endsWith('\\')) command.push(lines[++index] ?? '');
    const output: string[] = [];
    while (index + 1 < lines.length && !(lines[index + 1] ?? '').startsWith('$ ')) {
      output.push(lines[++index] ?? '');
    }
    steps.push({ command: command.join('\n'), expected: output.join('\n') });
    index += 1;
  }
  return steps;
}

/**
 * Sets aside what differs between runs: timestamps, a number's random digits,
 * run ids and the loopback port of the emulator.
 */
export function normalise(output: string): string {
  return output
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, '<time>')
    .replace(/(\+1\d{3})\d{7}/g, '$1<7 digits>')
    .replace(/\b\d{8}-\d{6}-[0-9a-f]{4}\b/g, '<run id>')
    .trimEnd();
}
