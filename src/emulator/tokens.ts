/**
 * Embed tokens (§7): base64url without padding of `<user id>|<signature>`,
 * where the signature is the user's current 16-character secret; rotating the
 * secret invalidates the old token. Exports: `newEmbedSecret`, `embedToken`.
 */
import { randomInt } from 'node:crypto';

const ALPHANUMERICS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const SECRET_LENGTH = 16;

/** A fresh random secret of 16 alphanumerics. */
export function newEmbedSecret(): string {
  let secret = '';
  for (let i = 0; i < SECRET_LENGTH; i += 1)
    secret += ALPHANUMERICS[randomInt(ALPHANUMERICS.length)];
  return secret;
}

/** The token a user's current secret stands for. */
export function embedToken(userId: number, secret: string): string {
  return Buffer.from(`${userId}|${secret}`).toString('base64url');
}
