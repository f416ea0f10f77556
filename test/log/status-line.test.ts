import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { besideStatusLine, setStatusLine } from '../../src/log/status-line.js';

function recorder(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return { stream, text: () => chunks.join('') };
}

async function write(stream: NodeJS.WritableStream, line: string): Promise<void> {
  await new Promise<void>((resolve) => stream.write(line, () => resolve()));
}

describe('log lines beside a status line', () => {
  afterEach(() => setStatusLine(null));

  it('clears the status line before a log line while one is shown', async () => {
    const target = recorder();
    const logs = besideStatusLine(target.stream);
    await write(logs, 'before\n');
    setStatusLine(target.stream);
    await write(logs, 'during\n');
    setStatusLine(null);
    await write(logs, 'after\n');
    expect(target.text()).toBe('before\n\r\u001b[2Kduring\nafter\n');
  });

  it('leaves lines to another stream alone', async () => {
    const target = recorder();
    const other = recorder();
    setStatusLine(other.stream);
    await write(besideStatusLine(target.stream), 'line\n');
    expect(target.text()).toBe('line\n');
  });
});
