/** SHA-256 of a file, read as a stream so that a large export costs no memory. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** The hex SHA-256 and size of `file`; rejects with the fs error when unreadable. */
export async function fileSha256(
  file: string,
): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    const buffer = chunk as Buffer;
    bytes += buffer.length;
    hash.update(buffer);
  }
  return { sha256: hash.digest('hex'), bytes };
}
