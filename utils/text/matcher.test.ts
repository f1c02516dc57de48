// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildMatcher } from './matcher';

function naive(patterns: string[], text: string) {
  const out: [number, number, number][] = [];
  patterns.forEach((p, idx) => {
    if (!p) return;
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) out.push([i, i + p.length, idx]);
  });
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
}

describe('buildMatcher', () => {
  it('finds overlapping and nested patterns with exact offsets', () => {
    const m = buildMatcher(['再接再励', '接再', '励', '按步就班']);
    const text = '我们要再接再励，不能按步就班。';
    const got = m.match(text).map((x) => text.slice(x.start, x.end));
    expect(got.sort()).toEqual(['再接再励', '励', '按步就班', '接再'].sort());
  });

  it('handles surrogate pairs as code units', () => {
    const m = buildMatcher(['𠮷野', '野家']);
    expect(m.match('吉野家𠮷野家').map((x) => [x.start, x.end, x.patternIndex])).toEqual([
      [1, 3, 1],
      [3, 6, 0],
      [5, 7, 1],
    ]);
  });

  it('agrees with a naive search on random inputs (small alphabet forces failure-link paths)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('甲', '乙', '丙', 'a'), minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('甲', '乙', '丙', 'a', '丁'), maxLength: 40 }),
        (patterns, text) => {
          const got = buildMatcher(patterns)
            .match(text)
            .map((x) => [x.start, x.end, x.patternIndex] as [number, number, number])
            .sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
          expect(got).toEqual(naive(patterns, text));
        },
      ),
      { numRuns: 300 },
    );
  });
});
