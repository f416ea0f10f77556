import { describe, expect, it } from 'vitest';
import { environmentOf } from '../../src/checkpoint/index.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { exitErrorOf } from './support.js';

describe('environmentOf', () => {
  it('makes one environment of spellings of the same base URL', () => {
    const spellings = [
      'https://API.example.com:443/',
      'https://api.example.com',
      'HTTPS://api.EXAMPLE.com//',
    ];
    expect(spellings.map(environmentOf)).toEqual([
      'https://api.example.com',
      'https://api.example.com',
      'https://api.example.com',
    ]);
  });

  it('keeps a path, a port that is not the default, and the case of the path', () => {
    expect(environmentOf('http://127.0.0.1:4010/api/V1/')).toBe(
      'http://127.0.0.1:4010/api/V1',
    );
    expect(environmentOf('http://localhost:80/api/v1')).toBe('http://localhost/api/v1');
    expect(environmentOf('https://api.example.com:80/api/v1')).toBe(
      'https://api.example.com:80/api/v1',
    );
  });

  it('tells the playground and production apart', () => {
    expect(environmentOf('https://playground.example.com/api/v1')).not.toBe(
      environmentOf('https://api.example.com/api/v1'),
    );
  });

  it('leaves out credentials, query and fragment', () => {
    expect(environmentOf('https://me:secret@api.example.com/api/v1/?x=1#top')).toBe(
      'https://api.example.com/api/v1',
    );
  });

  it('refuses a value that is not an http(s) URL, without repeating credentials', () => {
    const notUrl = exitErrorOf(() => environmentOf('api.example.com'));
    expect([notUrl.exitCode, notUrl.message]).toEqual([
      EXIT.usage,
      'the API base URL "api.example.com" is not a URL; ' +
        'give one like https://api.example.com/api/v1',
    ]);
    expect(exitErrorOf(() => environmentOf('ftp://me:secret@example.com/')).message).toBe(
      'the API base URL uses ftp: where http: or https: is needed; ' +
        'give one like https://api.example.com/api/v1',
    );
  });
});
