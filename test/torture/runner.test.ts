import { describe, expect, it } from 'vitest';
import { parseTortureArgs } from '../../bench/torture/main.js';
import type { TortureResult } from '../../bench/torture/part.js';
import { check, passed } from '../../bench/torture/part.js';
import type { RecordedPart, TortureId } from '../../bench/torture/record.js';
import { deadPartResult, mergeResults } from '../../bench/torture/record.js';
import { END_MARK, renderResults, replaceBlock } from '../../bench/torture/render.js';

const CONTEXT = {
  ranAt: '2026-12-05T07:00:00.000Z',
  commit: 'abc1234',
  node: 'v20.20.2',
  cpus: 2,
  quick: false,
};

function result(part: string, checks = [check('duplicates', 0, 0)]): TortureResult {
  return {
    part,
    title: `The ${part} part`,
    setup: 'Set up | so.',
    figures: [
      { label: 'kills', value: 1000 },
      { label: 'seed', value: 'a|b' },
    ],
    checks,
    notes: ['A note.'],
    wallMs: 61_600,
  };
}

describe('the torture runner', () => {
  it('runs every part in the order of the issue unless told which', () => {
    expect(parseTortureArgs([]).parts).toEqual([
      'crash',
      'soak',
      'load',
      'hostile',
      'secrets',
      'files',
      'concurrency',
    ]);
    expect(parseTortureArgs(['--only', 'load,crash']).parts).toEqual(['crash', 'load']);
  });

  it('writes the documents for the full campaign and nothing for the short one', () => {
    const full = parseTortureArgs([]);
    expect(full.results?.endsWith('docs/reliability.json')).toBe(true);
    expect(full.doc?.endsWith('docs/reliability.md')).toBe(true);
    expect(parseTortureArgs(['--quick'])).toMatchObject({
      results: undefined,
      doc: undefined,
    });
  });

  it('refuses a part that does not exist, naming the parts there are', () => {
    expect(() => parseTortureArgs(['--only', 'crash,fuzz'])).toThrow(
      '--only: no part "fuzz" (parts: crash, soak, load, hostile, secrets, files, concurrency)',
    );
  });

  it('keeps the stored result of a part that was not run again', () => {
    const old: RecordedPart = { context: CONTEXT, result: result('crash') };
    const newer: RecordedPart = {
      context: { ...CONTEXT, commit: 'def5678' },
      result: result('soak'),
    };
    const merged = mergeResults(
      { parts: { crash: old } },
      new Map<TortureId, RecordedPart>([['soak', newer]]),
    );
    expect(Object.keys(merged.parts)).toEqual(['crash', 'soak']);
    expect(merged.parts.crash?.context.commit).toBe('abc1234');
  });

  it('records a part that died as a failed check with its last output', () => {
    const dead = deadPartResult('load', 'SIGKILL', 'out of memory', 5_000);
    expect(passed(dead)).toBe(false);
    expect(dead.checks).toEqual([
      {
        label: 'the part ran to its end and handed back its figures',
        expected: 'a result',
        actual: 'SIGKILL',
        ok: false,
      },
    ]);
    expect(dead.notes).toEqual(['Last output: out of memory']);
  });

  it('renders the summary, figures and checks, escaping table cells', () => {
    const failing = result('load', [check('lost operations', 0, 2)]);
    const block = renderResults({
      parts: {
        load: { context: { ...CONTEXT, quick: true }, result: failing },
        crash: { context: CONTEXT, result: result('crash') },
      },
    });
    expect(block.split('\n')).toEqual([
      '<!-- torture:begin (written by npm run torture) -->',
      '',
      '| part | checks held | wall time | run |',
      '| --- | ---: | ---: | --- |',
      '| [The crash part](#crash) | 1 of 1 | 1 min 2 s | 2026-12-05, full, abc1234 |',
      '| [The load part](#load) | 0 of 1 | 1 min 2 s | 2026-12-05, short, abc1234 |',
      '',
      '<a id="crash"></a>',
      '',
      '### The crash part',
      '',
      'the full campaign, 2026-12-05T07:00:00.000Z, commit abc1234, Node v20.20.2, 2 CPUs, 1 min 2 s. Set up | so.',
      '',
      '| figure | value |',
      '| --- | ---: |',
      '| kills | 1,000 |',
      '| seed | a\\|b |',
      '',
      '| check | expected | seen | held |',
      '| --- | ---: | ---: | :---: |',
      '| duplicates | 0 | 0 | yes |',
      '',
      '- A note.',
      '',
      '<a id="load"></a>',
      '',
      '### The load part',
      '',
      'the short version (`--quick`), 2026-12-05T07:00:00.000Z, commit abc1234, Node v20.20.2, 2 CPUs, 1 min 2 s. Set up | so.',
      '',
      '| figure | value |',
      '| --- | ---: |',
      '| kills | 1,000 |',
      '| seed | a\\|b |',
      '',
      '| check | expected | seen | held |',
      '| --- | ---: | ---: | :---: |',
      '| lost operations | 0 | 2 | **NO** |',
      '',
      '- A note.',
      '',
      END_MARK,
    ]);
  });

  it('replaces only the generated block of the document', () => {
    const document = `# Reliability\n\nBy hand.\n\n${renderResults({ parts: {} })}\n\n## Defects\n`;
    const block = renderResults({
      parts: { crash: { context: CONTEXT, result: result('crash') } },
    });
    const replaced = replaceBlock(document, block);
    expect(replaced.startsWith('# Reliability\n\nBy hand.\n\n<!-- torture:begin')).toBe(
      true,
    );
    expect(replaced.endsWith(`${END_MARK}\n\n## Defects\n`)).toBe(true);
    expect(replaced).toContain('| [The crash part](#crash) | 1 of 1 |');
    expect(replaceBlock('# New\n', block)).toBe(`# New\n\n${block}\n`);
  });
});
