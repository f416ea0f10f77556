import { describe, expect, it } from 'vitest';
import { decodeFile, findInvalidUtf8 } from '../../../src/input/encoding.js';
import { InputError } from '../../../src/input/input-error.js';
import { collect, failure, fixture } from './support.js';

async function decodeText(file: string, encoding?: string, chunkBytes?: number) {
  const decoded = decodeFile(file, { encoding, chunkBytes });
  const chunks = await collect(decoded);
  return { text: chunks.join(''), digest: decoded.digest };
}

describe('decodeFile', () => {
  it('strips a UTF-8 byte order mark', async () => {
    const file = await fixture('a.csv', Buffer.from('\uFEFFname\nCafé\n', 'utf8'));
    expect((await decodeText(file)).text).toBe('name\nCafé\n');
    expect((await decodeText(file, 'utf-8', 1)).text).toBe('name\nCafé\n');
  });

  it('decodes UTF-16LE when the file starts with its byte order mark', async () => {
    const body = Buffer.from('name,city\nZoë,Köln\n', 'utf16le');
    const file = await fixture('a.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
    expect((await decodeText(file, 'utf-8', 3)).text).toBe('name,city\nZoë,Köln\n');
  });

  it('decodes UTF-16BE when the file starts with its byte order mark', async () => {
    const body = Buffer.from('a\u00e9', 'utf16le').swap16();
    const file = await fixture('a.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), body]));
    expect((await decodeText(file)).text).toBe('a\u00e9');
  });

  it('decodes byte 0xE9 as é under --encoding windows-1252, and latin1 alike', async () => {
    const file = await fixture('a.csv', Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x80]));
    expect((await decodeText(file, 'windows-1252')).text).toBe('Café€');
    expect((await decodeText(file, 'latin1')).text).toBe('Café€');
  });

  it('rebuilds characters split across reads of one to five bytes', async () => {
    const text = 'x€y😀zé\n'.repeat(5);
    const file = await fixture('a.csv', Buffer.from(text, 'utf8'));
    for (const chunkBytes of [1, 2, 3, 4, 5]) {
      expect((await decodeText(file, 'utf-8', chunkBytes)).text).toBe(text);
    }
  });

  it('names the line, byte offset and bytes of invalid UTF-8, and suggests windows-1252', async () => {
    const bytes = Buffer.concat([
      Buffer.from('name,city\nAnn,Boston\nBea,Montr', 'latin1'),
      Buffer.from([0xe9]),
      Buffer.from('al\n', 'latin1'),
    ]);
    const file = await fixture('a.csv', bytes);
    const error = await failure(decodeText(file, 'utf-8', 4));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      `${file}:3: invalid UTF-8 at byte offset 30 (bytes E9). If the file is ` +
        'Windows-1252/Latin-1, pass --encoding windows-1252; otherwise export it again as UTF-8.',
    );
    expect(error).toMatchObject({ exitCode: 3, line: 3, byteOffset: 30, value: 'E9' });
  });

  it('locates an invalid sequence that starts in one read and breaks in the next', async () => {
    const file = await fixture(
      'a.csv',
      Buffer.from([0x61, 0x0a, 0x0a, 0x62, 0xe2, 0x82, 0x41]),
    );
    const error = await failure(decodeText(file, 'utf-8', 1));
    expect(error).toMatchObject({ line: 3, byteOffset: 4, value: 'E2 82' });
  });

  it('reports a character cut off by the end of the file', async () => {
    const file = await fixture('a.csv', Buffer.from([0x61, 0x0a, 0x62, 0xe2, 0x82]));
    const error = await failure(decodeText(file));
    expect(error).toMatchObject({ line: 2, byteOffset: 3, value: 'E2 82' });
  });

  it('computes the SHA-256 and byte count of the file while reading it', async () => {
    const file = await fixture('a.csv', 'abc');
    expect((await decodeText(file, undefined, 1)).digest).toEqual({
      file,
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      bytes: 3,
    });
  });

  it('decodes an empty file to no text', async () => {
    const file = await fixture('a.csv', '');
    expect(await decodeText(file)).toEqual({
      text: '',
      digest: {
        file,
        sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        bytes: 0,
      },
    });
  });

  it('refuses an unknown --encoding with a usage error', () => {
    expect(() => decodeFile('x.csv', { encoding: 'ebcdic' })).toThrow(
      '--encoding must be one of utf-8, utf-16le, utf-16be, windows-1252, latin1; got "ebcdic"',
    );
  });

  it('turns a missing file into an I/O error naming the file and the reason', async () => {
    const error = await failure(decodeText('/nonexistent/aa-sync/input.csv'));
    expect(error).toMatchObject({
      exitCode: 9,
      message:
        '/nonexistent/aa-sync/input.csv: cannot read the input file (ENOENT: no such ' +
        'file or directory). Check the path and its permissions.',
    });
  });
});

describe('findInvalidUtf8', () => {
  it('finds overlong forms, surrogates and stray continuation bytes', () => {
    expect(findInvalidUtf8(Uint8Array.from([0x61, 0xc0, 0x80]))).toEqual({
      index: 1,
      length: 1,
    });
    expect(findInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toEqual({
      index: 0,
      length: 1,
    });
    expect(findInvalidUtf8(Uint8Array.from([0xe2, 0x82, 0x41]))).toEqual({
      index: 0,
      length: 2,
    });
    expect(findInvalidUtf8(Uint8Array.from([0x80]))).toEqual({ index: 0, length: 1 });
    expect(findInvalidUtf8(Uint8Array.from([0xe2, 0x82, 0xac, 0xe2]))).toBeUndefined();
  });
});
