import { describe, expect, it } from 'vitest';
import { startEmulator, validateSeedDocument } from '../../src/emulator/index.js';
import { readmeFence } from './readme-blocks.js';

describe('README: the seed file example', () => {
  it('loads into a fresh emulator as the README describes', async () => {
    const seed = validateSeedDocument(JSON.parse(readmeFence('seed-example')));
    const emulator = await startEmulator({ seed, rateLimit: null });
    try {
      expect(emulator.seed).toEqual({
        loaded: true,
        counts: { partners: 1, organizations: 1, users: 2, locations: 2 },
      });
      const answer = await fetch(`${emulator.baseUrl}/organizations`, {
        headers: { 'X-API-KEY': 'sk_test_demo' },
      });
      const [organization] = (await answer.json()) as {
        name: string;
        phone_numbers: { name: string; phone_number: string | null }[];
      }[];
      expect(organization?.name).toBe('Bayside Dental');
      expect(organization?.phone_numbers.map((l) => l.name)).toEqual([
        'Harbor Rd Office',
        'Annex',
      ]);
      expect(organization?.phone_numbers[1]?.phone_number).toBe('+16175550134');
    } finally {
      await emulator.close();
    }
  });
});
