import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import { REDACTED, createRedactor } from '../../src/log/redact.js';

const CANARY = 'sk_live_canary_0123456789';

function capture(format: 'text' | 'json'): { lines: () => string[]; log: ReturnType<typeof createLogger> } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const log = createLogger({ format, level: 'debug', secrets: [CANARY], stream });
  return { log, lines: () => chunks.join('').trimEnd().split('\n') };
}

describe('createRedactor', () => {
  it('replaces every occurrence of every secret', () => {
    const redact = createRedactor([CANARY, 'another-secret']);
    expect(redact(`a ${CANARY} b ${CANARY} another-secret`)).toBe(
      `a ${REDACTED} b ${REDACTED} ${REDACTED}`,
    );
  });

  it('leaves text alone when the secrets are too short to search for', () => {
    expect(createRedactor(['abc'])('abc abc')).toBe('abc abc');
  });
});

describe('createLogger', () => {
  it('writes JSON lines with the metadata and without the key', async () => {
    const { log, lines } = capture('json');
    log.info(`calling with ${CANARY}`, { tenant: 'acme', header: CANARY, nested: [CANARY] });
    await new Promise((resolve) => setImmediate(resolve));
    const [line] = lines();
    const parsed = JSON.parse(line!);
    expect(parsed.message).toBe(`calling with ${REDACTED}`);
    expect(parsed.tenant).toBe('acme');
    expect(parsed.header).toBe(REDACTED);
    expect(parsed.nested).toEqual([REDACTED]);
    expect(line).not.toContain(CANARY);
  });

  it('writes readable text lines with key=value fields', async () => {
    const { log, lines } = capture('text');
    log.warn('slowing down', { rate: 8, tenant: 'Bayside Dental' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines()[0]).toMatch(/^\d\d:\d\d:\d\d warn  slowing down rate=8 tenant="Bayside Dental"$/);
  });
});
