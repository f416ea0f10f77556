import { describe, expect, it } from 'vitest';
import { runApiRehearsal } from '../../src/demo/api-rehearsal.js';

describe('npm run demo (the Partner API rehearsal)', () => {
  it('tells each step from what the client and the emulator really did', async () => {
    const lines: string[] = [];
    await runApiRehearsal((line) => lines.push(line));
    const text = lines
      .join('\n')
      .replace(/127\.0\.0\.1:\d+/, '127.0.0.1:<port>')
      .replace(/\+1617\d{7}/, '+1617<7 digits>')
      .replace(/\d+ answered, \d+ refused/, '<n> answered, <m> refused');
    expect(text).toBe(
      [
        'Emulator listening at http://127.0.0.1:<port>/api/v1 (10 requests/s per key, burst 20)\n',
        '1. Onboard a customer: the organization and its owner in one call',
        '   organization 1000001 "Bayside Dental", owner crm-4821',
        '   user crm-4822 joins as manager; embed token of 32 chars\n',
        '2. Add a location with area code 617: a phone number is provisioned',
        '   location 5000001: pending, number null',
        '   active after polling: +1617<7 digits>\n',
        '3. Fire 30 reads at once, as a client that ignores limits would',
        '   <n> answered, <m> refused with 429',
        '   Retry-After asks the client to wait 1000 ms before trying again\n',
        '4. The server commits a new location, then the connection drops',
        '   the client saw a network error; a naive client now sends the create again',
        '   locations named "Annex" now: 2, each with its own billed number',
        '   (aa-sync apply will look a lost write up and adopt it instead of resending it.)\n',
      ].join('\n'),
    );
    const [answered, refused] = (
      lines.join('\n').match(/(\d+) answered, (\d+) refused/) ?? []
    )
      .slice(1)
      .map(Number);
    expect(answered! + refused!).toBe(30);
    expect(refused).toBeGreaterThan(0);
  });
});
