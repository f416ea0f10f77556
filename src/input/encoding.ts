import { sniffBom, utf16Guess } from './encoding-sniff.js';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { usageError } from '../cli/errors.js';
import { asIoError, InputError } from './input-error.js';

/** The `--encoding` values aa-sync accepts, lower-cased. */
export const ENCODING_NAMES = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'latin1'];

/** The WHATWG label each accepted name decodes with. */
const DECODER_LABELS: Readonly<Record<string, string>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  // Browsers decode "latin1" as windows-1252 too: it is a superset that maps
  // 0x80-0x9F to the characters exports actually hold (curly quotes, euro).
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
};

/** Bytes read per chunk from an input file unless a test asks for fewer. */
export const DEFAULT_CHUNK_BYTES = 64 * 1024;

const LONGEST_BOM = 3;
/** Bytes a UTF-8 character can have after its first. */
const MAX_UTF8_CONTINUATION = 3;

/** A file's fingerprint, computed while it is read (the plan records it). */
export interface FileDigest {
  file: string;
  /** Lower-case hex SHA-256 of the file's bytes. */
  sha256: string;
  bytes: number;
}

export interface DecodeOptions {
  /** `--encoding`; a byte order mark in the file overrides it. Default `utf-8`. */
  encoding?: string;
  /** Bytes per read; tests make it small to split characters across chunks. */
  chunkBytes?: number;
}

/**
 * A file being decoded to text: iterate it once for the text chunks; `digest`
 * is set when the iteration has reached the end of the file.
 */
export interface DecodedFile extends AsyncIterable<string> {
  readonly file: string;
  readonly digest: FileDigest | undefined;
}

/** Checks an `--encoding` value and returns the decoder label for it. */
export function decoderLabel(encoding: string | undefined): string {
  const label = DECODER_LABELS[(encoding ?? 'utf-8').trim().toLowerCase()];
  if (label === undefined) {
    throw usageError(
      `--encoding must be one of ${ENCODING_NAMES.join(', ')}; got "${encoding}"`,
    );
  }
  return label;
}

/** Opens `file` for streaming decoding; nothing is read until iteration starts. */
export function decodeFile(file: string, options: DecodeOptions = {}): DecodedFile {
  const label = decoderLabel(options.encoding);
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const decoded: {
    file: string;
    digest: FileDigest | undefined;
  } & AsyncIterable<string> = {
    file,
    digest: undefined,
    [Symbol.asyncIterator]: () =>
      decodeChunks(file, label, chunkBytes, (digest) => {
        decoded.digest = digest;
      }),
  };
  return decoded;
}

async function* decodeChunks(
  file: string,
  label: string,
  chunkBytes: number,
  onDone: (digest: FileDigest) => void,
): AsyncGenerator<string> {
  const hash = createHash('sha256');
  let state: ChunkDecoder | undefined;
  let head = Buffer.alloc(0);
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: chunkBytes })) {
      const buffer = chunk as Buffer;
      hash.update(buffer);
      bytes += buffer.length;
      if (state === undefined) {
        // The byte order mark can arrive split over reads of a few bytes.
        head = Buffer.concat([head, buffer]);
        if (head.length < LONGEST_BOM) continue;
        state = startDecoder(file, label, head);
        const text = await state.decode(head.subarray(state.skip));
        if (text.length > 0) yield text;
        continue;
      }
      const text = await state.decode(buffer);
      if (text.length > 0) yield text;
    }
  } catch (error) {
    throw asIoError(file, error);
  }
  if (state === undefined) {
    // A file shorter than the longest byte order mark.
    state = startDecoder(file, label, head);
    const text = await state.decode(head.subarray(state.skip));
    if (text.length > 0) yield text;
  }
  const last = await state.finish();
  if (last.length > 0) yield last;
  onDone({ file, sha256: hash.digest('hex'), bytes });
}

interface ChunkDecoder {
  /** Bytes of byte order mark to drop from the start of the file. */
  skip: number;
  decode(bytes: Uint8Array): Promise<string>;
  finish(): Promise<string>;
}

function startDecoder(file: string, label: string, head: Uint8Array): ChunkDecoder {
  const bom = sniffBom(head);
  const chosen = bom?.label ?? label;
  const skip = bom?.length ?? 0;
  const utf16 = bom === undefined && chosen === 'utf-8' ? utf16Guess(head) : undefined;
  if (utf16 !== undefined) {
    // NUL bytes are valid UTF-8: without this, every value would carry them.
    throw new InputError({
      file,
      line: 1,
      byteOffset: 0,
      problem: `the file looks like ${utf16} text without a byte order mark (every other byte is 0)`,
      action: `Pass --encoding ${utf16}, or export it again as UTF-8`,
    });
  }
  if (chosen !== 'utf-8') {
    const decoder = new TextDecoder(chosen, { ignoreBOM: true });
    return {
      skip,
      decode: (bytes) => Promise.resolve(decoder.decode(bytes, { stream: true })),
      finish: () => Promise.resolve(decoder.decode()),
    };
  }
  return new Utf8Decoder(file, skip);
}

/** UTF-8 decoding that reports where an invalid byte sequence is. */
class Utf8Decoder implements ChunkDecoder {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  /** Offset in the file of the next byte to decode. */
  private offset: number;
  /** Bytes at the end of what was decoded so far that start an unfinished character. */
  private carry: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly file: string,
    readonly skip: number,
  ) {
    this.offset = skip;
  }

  async decode(bytes: Uint8Array): Promise<string> {
    let text: string;
    try {
      text = this.decoder.decode(bytes, { stream: true });
    } catch {
      const held = concatBytes(this.carry, bytes);
      const found = findInvalidUtf8(held);
      const at = found ?? { index: held.length - 1, length: 1 };
      throw await this.invalid(this.offset - this.carry.length + at.index, held, at);
    }
    this.carry = unfinishedTail(
      concatBytes(this.carry, bytes.subarray(-MAX_UTF8_CONTINUATION)),
    );
    this.offset += bytes.length;
    return text;
  }

  async finish(): Promise<string> {
    try {
      return this.decoder.decode();
    } catch {
      const at = { index: 0, length: this.carry.length };
      throw await this.invalid(this.offset - this.carry.length, this.carry, at);
    }
  }

  private async invalid(
    byteOffset: number,
    held: Uint8Array,
    at: { index: number; length: number },
  ): Promise<InputError> {
    const hex = Array.from(held.subarray(at.index, at.index + at.length), (byte) =>
      byte.toString(16).toUpperCase().padStart(2, '0'),
    ).join(' ');
    const line = (await countLineFeeds(this.file, byteOffset)) + 1;
    return new InputError({
      file: this.file,
      line,
      byteOffset,
      value: hex,
      problem: `invalid UTF-8 at byte offset ${byteOffset} (bytes ${hex})`,
      action:
        'If the file is Windows-1252/Latin-1, pass --encoding windows-1252; ' +
        'otherwise export it again as UTF-8',
    });
  }
}

function concatBytes(first: Uint8Array, second: Uint8Array): Uint8Array {
  if (first.length === 0) return second;
  return Buffer.concat([first, second]);
}

/** How many bytes a UTF-8 lead byte announces (0 for a byte that cannot lead). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The trailing bytes of `bytes` that begin a character not yet complete. */
function unfinishedTail(bytes: Uint8Array): Uint8Array {
  const start = Math.max(0, bytes.length - MAX_UTF8_CONTINUATION);
  for (let index = bytes.length - 1; index >= start; index -= 1) {
    const byte = bytes[index] ?? 0;
    if (byte < 0x80 || byte >= 0xc0) {
      const needed = sequenceLength(byte);
      return needed > bytes.length - index ? bytes.slice(index) : new Uint8Array(0);
    }
  }
  return new Uint8Array(0);
}

/** The range allowed for the second byte after a lead (WHATWG UTF-8 decoder). */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/**
 * The first invalid sequence in `bytes` (its start and the length of its valid
 * prefix plus one), or undefined when every complete sequence is valid. Only run
 * after the native decoder has refused the bytes, so it need not be fast.
 */
export function findInvalidUtf8(
  bytes: Uint8Array,
): { index: number; length: number } | undefined {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    const length = sequenceLength(lead);
    if (length === 0) return { index, length: 1 };
    for (let next = 1; next < length; next += 1) {
      const byte = bytes[index + next];
      if (byte === undefined) return undefined;
      const [low, high] = next === 1 ? secondByteRange(lead) : [0x80, 0xbf];
      if (byte < low || byte > high) return { index, length: next };
    }
    index += length;
  }
  return undefined;
}

/** Counts line feed bytes before `end` (reads the file again: error path only). */
async function countLineFeeds(file: string, end: number): Promise<number> {
  if (end <= 0) return 0;
  let count = 0;
  for await (const chunk of createReadStream(file, { end: end - 1 })) {
    const buffer = chunk as Buffer;
    for (let at = buffer.indexOf(0x0a); at !== -1; at = buffer.indexOf(0x0a, at + 1)) {
      count += 1;
    }
  }
  return count;
}
