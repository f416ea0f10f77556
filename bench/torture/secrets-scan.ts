/**
 * Looking for the canary API key where it must never be: in what a command
 * printed and in every byte of every file under a folder, raw and in the
 * encodings a leak would likely take on the way (base64 at each of its three
 * alignments, URL-encoded, JSON-escaped, hex, UTF-16). Exports: `canaryForms`,
 * `CanaryScanner`, `ScanHit`.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One place the canary was found. */
export interface ScanHit {
  /** A file (relative to the scanned folder) or an output's label. */
  where: string;
  /** Which form of the canary: `raw`, `base64`, `url`, ... */
  form: string;
}

/** A form of the canary, by name; each is searched as bytes. */
export interface CanaryForm {
  name: string;
  bytes: Buffer;
}

/**
 * The forms the canary can take. Base64 of a string embedded in a longer one
 * depends on its offset modulo 3, so each alignment contributes the part of
 * its encoding that does not touch the neighbouring bytes.
 */
export function canaryForms(canary: string): CanaryForm[] {
  const forms: [string, string | Buffer][] = [
    ['raw', canary],
    ['url', encodeURIComponent(canary)],
    ['json', JSON.stringify(canary).slice(1, -1)],
    ['hex', Buffer.from(canary).toString('hex')],
    ['utf16le', Buffer.from(canary, 'utf16le')],
  ];
  for (let shift = 0; shift < 3; shift += 1) {
    forms.push([`base64+${shift}`, base64Core(canary, shift)]);
    forms.push([`base64url+${shift}`, base64Core(canary, shift, 'base64url')]);
  }
  // Forms equal to another (url of a plain key is the key) are kept: the list
  // stays the same whatever random digits the canary holds.
  return forms.map(([name, value]) => ({
    name,
    bytes: Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8'),
  }));
}

/** The base64 characters that depend on the canary alone when it sits `shift` bytes after a 3-byte boundary. */
function base64Core(
  canary: string,
  shift: number,
  encoding: BufferEncoding = 'base64',
): string {
  const padded = Buffer.concat([Buffer.alloc(shift), Buffer.from(canary)]);
  const text = padded.toString(encoding).replace(/=+$/, '');
  // Characters holding bits of the padding at the start, or of the unknown
  // next bytes at the end, are left out.
  const head = Math.ceil((shift * 8) / 6);
  const tail = Math.ceil((padded.length * 8) / 6) - Math.floor((padded.length * 8) / 6);
  return text.slice(head, text.length - tail);
}

/** Counts what was searched and where the canary turned up. */
export class CanaryScanner {
  readonly #forms: CanaryForm[];
  readonly hits: ScanHit[] = [];
  outputs = 0;
  files = 0;
  bytes = 0;

  constructor(canary: string) {
    this.#forms = canaryForms(canary);
  }

  /** Names of the forms searched, for the report. */
  get formNames(): string[] {
    return this.#forms.map((form) => form.name);
  }

  /** Searches one output (stdout or stderr of a command). */
  output(where: string, text: string | Buffer): void {
    this.outputs += 1;
    this.#search(where, Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'));
  }

  /** Searches every regular file under `root`, links not followed. */
  tree(root: string): void {
    for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      const path = join(root, name);
      if (!lstatSync(path).isFile()) continue;
      this.files += 1;
      this.#search(relative(root, path), readFileSync(path));
    }
  }

  #search(where: string, bytes: Buffer): void {
    this.bytes += bytes.length;
    for (const form of this.#forms) {
      if (bytes.includes(form.bytes)) this.hits.push({ where, form: form.name });
    }
  }
}
