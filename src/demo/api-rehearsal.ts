/**
 * A rehearsal of the Partner API on the emulator, told step by step: what a
 * partner's engineer should see before trusting a migration tool with real
 * phone numbers. Each step drives the real client against the real emulator;
 * nothing printed is canned.
 */
import { PartnerApiClient, isApiError } from '../api/index.js';
import type { Location } from '../api/index.js';
import { startEmulator } from '../emulator/index.js';
import type { RunningEmulator } from '../emulator/index.js';

const DEMO_KEY = 'sk_test_demo';
/** How often the rehearsal looks at a pending number, and for how long at most. */
const POLL_INTERVAL_MS = 250;
const POLL_LIMIT_MS = 10_000;
/** Requests fired at once to show the rate limit (the burst is 20). */
const BURST_SIZE = 30;

type Say = (line: string) => void;

interface Stage {
  emulator: RunningEmulator;
  client: PartnerApiClient;
  say: Say;
}

/** Runs the rehearsal, printing through `say`; resolves when all is closed. */
export async function runApiRehearsal(say: Say): Promise<void> {
  const emulator = await startEmulator({
    partners: [{ id: 'demo', keys: [DEMO_KEY] }],
    activationDelayMs: 1_500,
  });
  const client = new PartnerApiClient({ baseUrl: emulator.baseUrl, apiKey: DEMO_KEY });
  const stage = { emulator, client, say };
  try {
    say(`Emulator listening at ${emulator.baseUrl} (10 requests/s per key, burst 20)\n`);
    const organizationId = await onboardCustomer(stage);
    await watchNumberGoLive(stage, organizationId);
    await burstPastTheLimit(stage);
    await loseAnAnswer(stage, organizationId);
  } finally {
    await client.close();
    await emulator.close();
  }
}

async function onboardCustomer({ client, say }: Stage): Promise<number> {
  say('1. Onboard a customer: the organization and its owner in one call');
  const { organization, owner } = await client.createOrganization({
    name: 'Bayside Dental',
    owner: {
      external_id: 'crm-4821',
      email: 'owner@baysidedental.example',
      name: 'Dana Ruiz',
    },
  });
  say(
    `   organization ${organization.id} "${organization.name}", owner ${owner.external_id}`,
  );
  const { user, embed_token } = await client.createUser({
    organization_id: organization.id,
    external_id: 'crm-4822',
    email: 'frontdesk@baysidedental.example',
    name: 'Lee Park',
    role: 'manager',
  });
  const role = user.organizations[0]?.role ?? 'none';
  say(
    `   user ${user.external_id} joins as ${role}; embed token of ${embed_token.length} chars\n`,
  );
  return organization.id;
}

async function watchNumberGoLive({ client, say }: Stage, organizationId: number) {
  say('2. Add a location with area code 617: a phone number is provisioned');
  const created = await client.createLocation({
    organization_id: organizationId,
    name: 'Harbor Rd Office',
    area_code: '617',
    address: '77 Harbor Rd, Boston, MA',
  });
  say(
    `   location ${created.id}: ${created.status}, number ${String(created.phone_number)}`,
  );
  const live = await pollUntilActive(client, created.id);
  say(`   ${live.status} after polling: ${String(live.phone_number)}\n`);
}

async function pollUntilActive(client: PartnerApiClient, id: number): Promise<Location> {
  const deadline = Date.now() + POLL_LIMIT_MS;
  for (;;) {
    const location = await client.getLocation(id);
    if (location.status === 'active' || Date.now() > deadline) return location;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

async function burstPastTheLimit({ client, say }: Stage): Promise<void> {
  say(`3. Fire ${BURST_SIZE} reads at once, as a client that ignores limits would`);
  const outcomes = await Promise.allSettled(
    Array.from({ length: BURST_SIZE }, () => client.listOrganizations()),
  );
  const refused = outcomes.flatMap((o): unknown[] =>
    o.status === 'rejected' ? [o.reason] : [],
  );
  const waits = refused.flatMap((e) =>
    isApiError(e) && e.kind === 'rate-limited' ? [e] : [],
  );
  const retryAfter = waits[0]?.retryAfterMs;
  say(`   ${BURST_SIZE - refused.length} answered, ${waits.length} refused with 429`);
  say(
    `   Retry-After asks the client to wait ${String(retryAfter)} ms before trying again\n`,
  );
  await new Promise((resolve) => setTimeout(resolve, retryAfter ?? 1_000));
}

async function loseAnAnswer(stage: Stage, organizationId: number): Promise<void> {
  const { client, say } = stage;
  say('4. The server commits a new location, then the connection drops');
  await setDropRate(stage, 1);
  const body = { organization_id: organizationId, name: 'Annex', area_code: '617' };
  const failure = await client.createLocation(body).then(
    () => 'no failure',
    (error: unknown) => (isApiError(error) ? `${error.kind} error` : String(error)),
  );
  await setDropRate(stage, 0);
  say(`   the client saw a ${failure}; a naive client now sends the create again`);
  await client.createLocation(body);
  const annexes = (await client.listLocations({ organizationId })).filter(
    (location) => location.name === 'Annex',
  );
  say(
    `   locations named "Annex" now: ${annexes.length}, each with its own billed number`,
  );
  say(
    '   (aa-sync apply will look a lost write up and adopt it instead of resending it.)\n',
  );
}

async function setDropRate({ emulator }: Stage, rate: number): Promise<void> {
  const answer = await fetch(`${emulator.url}/_emulator/faults`, {
    method: 'PUT',
    headers: {
      'Content-Type': 'application/json',
      'X-Emulator-Token': emulator.controlToken,
    },
    body: JSON.stringify({ global: { dropAfterCommitRate: rate } }),
  });
  if (!answer.ok) throw new Error(`setting the drop rate failed: ${answer.status}`);
}
