import { describe, expect, it } from 'vitest';
import { normaliseName } from '../../../src/input/normalise.js';

describe('normaliseName', () => {
  it('lower-cases, trims and collapses inner whitespace to one space', () => {
    expect(normaliseName('  Harbor   Rd\tOffice \n')).toBe('harbor rd office');
  });

  it('applies NFKC so compatibility forms compare equal', () => {
    expect(normaliseName('ＨＡＲＢＯＲ\u00a0ﬁsh')).toBe('harbor fish');
    expect(normaliseName('Cafe\u0301')).toBe(normaliseName('Café'));
  });

  it('keeps punctuation and accents, so different businesses stay different', () => {
    expect(normaliseName('A&B Dental')).toBe('a&b dental');
    expect(normaliseName('AB Dental')).not.toBe(normaliseName('A&B Dental'));
    expect(normaliseName('Café')).not.toBe(normaliseName('Cafe'));
  });
});
