/**
 * The onboarding loop a partner writes from the Partner API quick start, kept
 * as naive as such a script is, to be measured beside aa-sync: it reads the
 * customer CSV and, for each row in turn, creates the organization with its
 * owner, creates the location under it and fetches the owner's embed token.
 * Sequential, no pacing, no retry, no checkpoint: a failed call is logged
 * and the loop goes on with the next customer; started again, it starts again
 * from the first row. Exports nothing; it is a script.
 *
 *   ANSWERING_AGENT_BASE_URL=http://127.0.0.1:PORT/api/v1 \
 *   ANSWERING_AGENT_API_KEY=sk_test_demo \
 *     node --import tsx bench/quickstart-loop.ts customers.csv
 *
 * Prints one line per failed customer and a last line with the counts; exits
 * 1 when any customer failed, 64 on a bad command line.
 */
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';

const USAGE_EXIT = 64;
/** How much of an error body a failure line shows. */
const BODY_CHARS = 200;

type Row = Record<string, string | undefined>;

class CallError extends Error {}

/** The value of a column, or undefined when the cell is empty. */
function value(row: Row, column: string): string | undefined {
  const text = row[column]?.trim();
  return text === undefined || text === '' ? undefined : text;
}

async function call(method: string, path: string, body?: object): Promise<unknown> {
  const base = process.env.ANSWERING_AGENT_BASE_URL ?? '';
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      'X-API-KEY': process.env.ANSWERING_AGENT_API_KEY ?? '',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new CallError(
      `${method} ${path} answered ${response.status}: ${text.slice(0, BODY_CHARS)}`,
    );
  }
  return JSON.parse(text) as unknown;
}

/** The three calls of the quick start for one customer. */
async function onboard(row: Row): Promise<void> {
  const ownerId = value(row, 'owner_external_id') ?? '';
  const created = (await call('POST', '/organizations', {
    name: value(row, 'org_name'),
    description: value(row, 'org_description'),
    owner: {
      external_id: ownerId,
      email: value(row, 'owner_email'),
      name: value(row, 'owner_name'),
    },
  })) as { organization: { id: number } };
  await call('POST', '/locations', {
    organization_id: created.organization.id,
    name: value(row, 'location_name'),
    address: value(row, 'location_address'),
    area_code: value(row, 'location_area_code'),
    google_place_id: value(row, 'location_google_place_id'),
  });
  await call('GET', `/users/${encodeURIComponent(ownerId)}/embed-token`);
}

/** fetch() says only "fetch failed"; the cause names the reset or refusal. */
function networkReason(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof Error ? `${String(error)}: ${cause.message}` : String(error);
}

async function readRows(path: string): Promise<Row[]> {
  const parsed = Papa.parse<Row>(await readFile(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  return parsed.data;
}

async function main(): Promise<void> {
  const [path] = process.argv.slice(2);
  if (path === undefined) {
    process.stderr.write('usage: node --import tsx bench/quickstart-loop.ts FILE.csv\n');
    process.exitCode = USAGE_EXIT;
    return;
  }
  const rows = await readRows(path);
  let failed = 0;
  for (const [index, row] of rows.entries()) {
    try {
      await onboard(row);
    } catch (error) {
      failed += 1;
      const reason = error instanceof CallError ? error.message : networkReason(error);
      process.stdout.write(
        `row ${index + 2} (${value(row, 'customer_id')}): ${reason}\n`,
      );
    }
  }
  process.stdout.write(
    `onboarded ${rows.length - failed} of ${rows.length} customers, ${failed} failed\n`,
  );
  if (failed > 0) process.exitCode = 1;
}

await main();
