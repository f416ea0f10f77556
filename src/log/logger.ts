import winston from 'winston';
import { besideStatusLine } from './status-line.js';
import { SecretRedactor } from '../secrets/redactor.js';

export const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type Logger = winston.Logger;

export interface LoggerOptions {
  /** `text` for people at a terminal, `json` (one object per line) for machines. */
  format: LogFormat;
  /** The least important lines shown on `stream` (a run's log file takes every line). */
  level: LogLevel;
  /** Values that must never be written (the API key); each is replaced by a mark. */
  secrets?: readonly string[];
  /** Where lines go; standard error by default so that standard output stays data. */
  stream?: NodeJS.WritableStream;
}

/** Replaces secrets in the message and in every metadata value. */
function redaction(redactor: SecretRedactor): winston.Logform.Format {
  return winston.format((info) => {
    for (const key of Object.keys(info)) {
      info[key] = redactor.value(info[key]);
    }
    return info;
  })();
}

/** `12:00:01 info  applied 3 changes tenant=acme ops=3` */
const textLine = winston.format.printf((info) => {
  const { level, message, timestamp, ...meta } = info;
  const fields = Object.entries(meta).map(
    ([key, value]) => `${key}=${formatValue(value)}`,
  );
  const time = String(timestamp).slice(11, 19);
  return [time, level.padEnd(5), String(message), ...fields].join(' ');
});

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value) ?? String(value);
}

/**
 * Creates the logger that a command hands to every module it runs. The time
 * stamp and the redaction belong to the logger, so that every transport, the
 * log file added later included, gets lines already stripped of secrets.
 */
export function createLogger(options: LoggerOptions): Logger {
  const redactor = new SecretRedactor(options.secrets ?? []);
  const transports: winston.transport[] = [
    new winston.transports.Stream({
      level: options.level,
      stream: options.stream ?? besideStatusLine(process.stderr),
      format: options.format === 'json' ? winston.format.json() : textLine,
    }),
  ];
  return winston.createLogger({
    // Each transport filters by its own level; the logger passes everything on.
    level: 'debug',
    format: winston.format.combine(winston.format.timestamp(), redaction(redactor)),
    transports,
  });
}
