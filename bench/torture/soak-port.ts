/**
 * A free loopback port for the soak's emulator, chosen below the kernel's
 * ephemeral range (32768 and up on Linux): the port stays closed for a minute
 * during the refusal, and a server another process starts on port 0 in that
 * minute must not be able to take it and receive aa-sync's traffic.
 * Exports: `freeLoopbackPort`.
 */
import { createServer } from 'node:net';
import { randomInt } from 'node:crypto';

const LOWEST = 20_000;
const HIGHEST = 32_000;
const ATTEMPTS = 50;

/** Resolves with a port nothing listens on, or throws after ATTEMPTS tries. */
export async function freeLoopbackPort(): Promise<number> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const port = randomInt(LOWEST, HIGHEST);
    if (await canListen(port)) return port;
  }
  throw new Error(
    `no free loopback port from ${LOWEST} to ${HIGHEST} in ${ATTEMPTS} tries`,
  );
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
