/**
 * `aa-sync validate` end to end on the encodings exports arrive in: legacy
 * Windows-1252/Latin-1 (with `--encoding`, and the error when it is missing)
 * and UTF-16 with a byte order mark. The files are written byte by byte here.
 */
import { describe, expect, it } from 'vitest';
import { EMAIL_HINT, aaSync, rejectedTail, writeInput } from './support/e2e.js';

/** The same customers in every encoding test: accents, curly quotes and a euro sign. */
const LEGACY_TEXT =
  'customer_id,org_name,owner_external_id,owner_email,owner_name\n' +
  '0201,Café “Olé”,0000201,rene@ole.example,René\n' +
  '0202,Bäckerei €uro,0000202,jörg.baeckerei.example,Jörg\n';
const legacyOutput = (file: string): string =>
  `${file}:3 owner_email (column 4): owner_email is not a valid email address: it has ` +
  `no @ (value "jörg.baeckerei.example"). ${EMAIL_HINT}\n` +
  '2 records: 2 customers, 1 valid, 1 rejected (1 problem).\n';

/** Windows-1252 bytes of text made of Latin-1 letters, curly quotes and the euro sign. */
function windows1252(text: string): Uint8Array {
  const special: Record<string, number> = { '€': 0x80, '“': 0x93, '”': 0x94 };
  return Uint8Array.from(text, (char) => special[char] ?? char.charCodeAt(0));
}

function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const bytes = Buffer.from(`\ufeff${text}`, 'utf16le');
  return order === 'le' ? bytes : bytes.swap16();
}

describe('aa-sync validate: encodings', () => {
  it.each([['windows-1252'], ['latin1']])(
    'decodes a Windows-1252 export with --encoding %s',
    async (encoding) => {
      const file = writeInput('legacy.csv', windows1252(LEGACY_TEXT));
      const result = await aaSync(['validate', file, '--encoding', encoding]);
      expect(result).toEqual({
        code: 3,
        stdout: legacyOutput(file),
        stderr: rejectedTail('1 customer'),
      });
    },
  );

  it.each([
    ['utf-16le', 'le'],
    ['utf-16be', 'be'],
  ] as const)(
    'asks for --encoding %s when UTF-16 comes without a byte order mark',
    async (name, order) => {
      const file = writeInput('unmarked.csv', utf16(LEGACY_TEXT, order).subarray(2));
      const result = await aaSync(['validate', file]);
      expect(result).toEqual({
        code: 3,
        stdout: '',
        stderr:
          `aa-sync: ${file}:1: the file looks like ${name} text without a byte order mark ` +
          `(every other byte is 0). Pass --encoding ${name}, or export it again as UTF-8.\n`,
      });
    },
  );

  it('names the line and byte offset when a file read as UTF-8 is not, and exits 3', async () => {
    const file = writeInput('legacy.csv', windows1252(LEGACY_TEXT));
    const result = await aaSync(['validate', file]);
    // Line 1 is 62 bytes; "0201,Caf" 8 more: the é (0xE9) is at offset 70.
    expect(result).toEqual({
      code: 3,
      stdout: '',
      stderr:
        `aa-sync: ${file}:2: invalid UTF-8 at byte offset 70 (bytes E9). If the file is ` +
        'Windows-1252/Latin-1, pass --encoding windows-1252; otherwise export it again as UTF-8.\n',
    });
  });

  it.each([
    ['UTF-16LE', 'le'],
    ['UTF-16BE', 'be'],
  ] as const)(
    'reads %s with a byte order mark, which wins over --encoding',
    async (_, order) => {
      const file = writeInput(
        'unicode.csv',
        utf16(LEGACY_TEXT.replaceAll('\n', '\r\n'), order),
      );
      for (const extra of [[], ['--encoding', 'windows-1252']]) {
        const result = await aaSync(['validate', file, ...extra]);
        expect(result).toEqual({
          code: 3,
          stdout: legacyOutput(file),
          stderr: rejectedTail('1 customer'),
        });
      }
    },
  );
});
