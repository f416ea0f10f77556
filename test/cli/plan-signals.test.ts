import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { finished, spawnCli } from '../support/cli.js';
import { childEnv, workDir, writeInput } from './support/e2e.js';
import { KEY } from './support/plan-seed.js';

const EXPORT = 'customer_id,org_name,owner_external_id,owner_email\n1,A,o1,a@a.example\n';

let server: Server | undefined;
const sockets = new Set<Socket>();

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await new Promise<void>((resolve) =>
    server ? server.close(() => resolve()) : resolve(),
  );
  server = undefined;
});

/** A server that takes the request and never answers: the live read hangs. */
async function silentServer(onRequest: () => void): Promise<number> {
  server = createServer((socket) => {
    sockets.add(socket);
    socket.once('data', onRequest);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : 0;
}

describe('aa-sync plan and signals', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'ends at once with the interrupted code on %s while the live read hangs',
    async (signal) => {
      let signalSent: () => void = () => undefined;
      const port = await silentServer(() => signalSent());
      const input = writeInput('export.csv', EXPORT);
      const child = spawnCli(
        ['plan', input, '--base-url', `http://127.0.0.1:${port}/api/v1`],
        { cwd: workDir(), env: childEnv({ ANSWERING_AGENT_API_KEY: KEY }) },
      );
      signalSent = () => child.kill(signal);
      const result = await finished(child);
      expect(result).toEqual({
        code: 6,
        stdout: '',
        stderr: `aa-sync: plan interrupted by ${signal}; it only reads, so nothing was changed\n`,
      });
    },
  );
});
