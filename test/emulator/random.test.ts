import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/emulator/random.js';
import type { Random } from '../../src/emulator/random.js';

function firstValues(random: Random, count: number): number[] {
  return Array.from({ length: count }, () => random.next());
}

describe('createRandom', () => {
  it('yields the same first five values for the same seed', () => {
    const expected = [
      0.1135629778727889, 0.1923972088843584, 0.5514567221980542, 0.9481301489286125,
      0.7601867341436446,
    ];
    expect(firstValues(createRandom(42), 5)).toEqual(expected);
    expect(firstValues(createRandom(42), 5)).toEqual(expected);
  });

  it('seeds a number and its decimal text identically', () => {
    expect(firstValues(createRandom('42'), 5)).toEqual(firstValues(createRandom(42), 5));
  });

  it('gives different sequences for different seeds', () => {
    expect(createRandom(43).next()).toBe(0.6322243751492351);
    expect(firstValues(createRandom(43), 5)).not.toEqual(
      firstValues(createRandom(42), 5),
    );
    const keyA = firstValues(createRandom('1:demo#1'), 5);
    const keyB = firstValues(createRandom('1:demo#2'), 5);
    expect(keyA).not.toEqual(keyB);
  });

  it('keeps every value in [0, 1) with a mean of 0.49..0.51 over 10,000 draws', () => {
    const random = createRandom(7);
    const values = firstValues(random, 10_000);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(mean).toBeGreaterThanOrEqual(0.49);
    expect(mean).toBeLessThanOrEqual(0.51);
  });

  it('draws integers in [0, max) that reach both ends', () => {
    const random = createRandom('dice');
    const rolls = Array.from({ length: 10_000 }, () => random.int(6));
    expect(rolls.every((roll) => Number.isInteger(roll))).toBe(true);
    expect(Math.min(...rolls)).toBe(0);
    expect(Math.max(...rolls)).toBe(5);
    expect(createRandom(1).int(1)).toBe(0);
  });

  it('rejects an int bound that is not an integer from 1 to 2^32', () => {
    const random = createRandom(1);
    const range = 'must be an integer from 1 to 4294967296';
    expect(() => random.int(0)).toThrow(`random int bound ${range}; got 0`);
    expect(() => random.int(2.5)).toThrow(`random int bound ${range}; got 2.5`);
    expect(() => random.int(2 ** 32 + 1)).toThrow(
      `random int bound ${range}; got 4294967297`,
    );
  });

  it('rejects a seed that is not a finite number', () => {
    expect(() => createRandom(Number.NaN)).toThrow(
      'random seed must be a finite number or a string; got NaN',
    );
    expect(() => createRandom(Infinity)).toThrow(
      'random seed must be a finite number or a string; got Infinity',
    );
  });
});
