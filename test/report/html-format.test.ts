import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatEpoch,
  formatSource,
  formatTime,
} from '../../src/report/html/format.js';

describe('how report.html writes figures', () => {
  it('writes durations in the largest units that keep them short', () => {
    expect([850, 12_340, 245_000, 7_389_000].map(formatDuration)).toEqual([
      '850 ms',
      '12.3 s',
      '4 min 05 s',
      '2 h 03 min 09 s',
    ]);
  });

  it('writes times in UTC to the second, and a value that is no time as it is', () => {
    expect(formatTime('2025-03-02T09:15:00.250Z')).toBe('2025-03-02 09:15:00 UTC');
    expect(formatTime('yesterday')).toBe('yesterday');
    expect(formatEpoch(Date.UTC(2025, 2, 2, 9, 0, 5))).toBe('2025-03-02 09:00:05 UTC');
    expect(formatEpoch(Number.NaN)).toBe('unknown');
  });

  it('writes sizes exactly, with a rounded unit beside large ones', () => {
    expect([512, 123_456, 12_345_678].map(formatBytes)).toEqual([
      '512 bytes',
      '123,456 bytes (120.6 KiB)',
      '12,345,678 bytes (11.8 MiB)',
    ]);
  });

  it('writes counts with separators and sources as file:line', () => {
    expect(formatCount(10_000)).toBe('10,000');
    expect(formatSource('in.csv', 12)).toBe('in.csv:12');
    expect(formatSource('in.csv', null)).toBe('in.csv');
    expect(formatSource(null, 12)).toBeNull();
  });
});
