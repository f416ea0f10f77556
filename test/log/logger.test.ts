import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import { REDACTED, SecretRedactor } from '../../src/secrets/redactor.js';

const CANARY = 'sk_live_canary_0123456789';

function capture(format: 'text' | 'json'): {
  lines: () => string[];
  log: ReturnType<typeof createLogger>;
} {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const log = createLogger({ format, level: 'debug', secrets: [CANARY], stream });
  return { log, lines: () => chunks.join('').trimEnd().split('\n') };
}

describe('SecretRedactor with several secrets', () => {
  it('replaces every occurrence of every secret, the longer one first', () => {
    const redactor = new SecretRedactor(['sk_live', CANARY, 'another-secret']);
    expect(redactor.text(`a ${CANARY} b ${CANARY} another-secret sk_live`)).toBe(
      `a ${REDACTED} b ${REDACTED} ${REDACTED} ${REDACTED}`,
    );
  });

  it('keeps the message of an Error it is handed', () => {
    const redactor = new SecretRedactor(CANARY);
    expect(redactor.value(new TypeError(`bad ${CANARY}`))).toEqual({
      name: 'TypeError',
      message: `bad ${REDACTED}`,
    });
  });
});

describe('createLogger', () => {
  it('writes JSON lines with the metadata and without the key', async () => {
    const { log, lines } = capture('json');
    log.info(`calling with ${CANARY}`, {
      tenant: 'acme',
      header: CANARY,
      nested: [CANARY],
    });
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
    expect(lines()[0]).toMatch(
      /^\d\d:\d\d:\d\d warn {2}slowing down rate=8 tenant="Bayside Dental"$/,
    );
  });
});
