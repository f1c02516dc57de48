// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDates, parseDate, ymd } from './parse';

/** Property tests: the date parser reads every page the inspector opens, so it must never break on text. */

function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  const t = new Date(Date.UTC(y!, m! - 1, d!));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m! - 1 && t.getUTCDate() === d;
}

// Characters that make date-like text: digits (ASCII and full-width), separators, 年月日, Chinese numerals, brackets, spaces.
const DATEISH = Array.from('0123456789０１２３４５６７８９-/.－／．：:年月日号〇零一二三四五六七八九十[]【】() \n\tT发布时间有效期至星期周');
const dateishText = fc.array(fc.constantFrom(...DATEISH), { maxLength: 80 }).map((a) => a.join(''));
const anyText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 120 }), fc.string({ unit: 'binary', maxLength: 120 }), dateishText);

// Filler that cannot form a label, a rejection context or digits.
const FILLER = Array.from('的工作会议通知要求各单位认真落实相关事项切实加强管理，。');
const filler = fc.array(fc.constantFrom(...FILLER), { minLength: 1, maxLength: 20 }).map((a) => a.join(''));
const validDate = fc
  .record({ y: fc.integer({ min: 1990, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
  .filter(({ y, m, d }) => ymd(y, m, d) !== null);

const CN = '〇一二三四五六七八九';
const cnSmall = (n: number) => (n < 10 ? CN[n]! : `${n >= 20 ? CN[Math.floor(n / 10)] : ''}十${n % 10 ? CN[n % 10] : ''}`);
const fullWidth = (s: string) => s.replace(/[0-9\-/.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

// Property tests: hundreds of generated cases each, CPU-bound, so a loaded machine stretches them
// to several seconds; their own limit keeps them clear of a timeout.
const PROPERTY_TIMEOUT = 30_000;

describe('findDates (fuzz)', { timeout: PROPERTY_TIMEOUT }, () => {
  it('never throws; every date is a real YYYY-MM-DD; index and raw point at the original text, in order', () => {
    fc.assert(
      fc.property(anyText, fc.option(validDate, { nil: undefined }), (text, ref) => {
        const refDate = ref ? ymd(ref.y, ref.m, ref.d)! : undefined;
        const found = findDates(text, { refDate });
        let last = -1;
        for (const f of found) {
          expect(isRealDate(f.date)).toBe(true);
          expect(f.raw.length).toBeGreaterThan(0);
          expect(text.slice(f.index, f.index + f.raw.length)).toBe(f.raw);
          expect(f.index).toBeGreaterThan(last);
          last = f.index;
          // A year-less date never lands after the reference date it was resolved against.
          if (f.inferredYear && refDate) expect(f.date <= refDate).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a real date written in any common form, with the exact date, wherever it sits in neutral text', () => {
    const form = fc.constantFrom('dash', 'slash', 'dot', 'chinese', 'numeral', 'fullwidth', 'padded');
    fc.assert(
      fc.property(filler, validDate, form, filler, (before, { y, m, d }, f, after) => {
        const p = (n: number) => String(n).padStart(2, '0');
        const raw =
          f === 'dash' ? `${y}-${p(m)}-${p(d)}`
          : f === 'slash' ? `${y}/${m}/${d}`
          : f === 'dot' ? `${y}.${p(m)}.${p(d)}`
          : f === 'chinese' ? `${y}年${m}月${d}日`
          : f === 'numeral' ? `${Array.from(String(y)).map((c) => CN[Number(c)]).join('')}年${cnSmall(m)}月${cnSmall(d)}日`
          : f === 'fullwidth' ? fullWidth(`${y}-${p(m)}-${p(d)}`)
          : `${y} 年 ${m} 月 ${d} 日`;
        const text = before + raw + after;
        const found = findDates(text);
        expect(found).toHaveLength(1);
        expect(found[0]!.date).toBe(ymd(y, m, d));
        expect(found[0]!.index).toBe(before.length);
        expect(found[0]!.raw).toBe(raw);
        expect(found[0]!.inferredYear).toBe(false);
        expect(parseDate(raw)).toBe(ymd(y, m, d));
      }),
      { numRuns: 1000 },
    );
  });

  it('never invents an impossible date (month 13, 02-30, 04-31)', () => {
    const impossible = fc
      .record({ y: fc.integer({ min: 1990, max: 2099 }), m: fc.integer({ min: 0, max: 19 }), d: fc.integer({ min: 0, max: 39 }) })
      .filter(({ y, m, d }) => ymd(y, m, d) === null);
    fc.assert(
      fc.property(filler, impossible, filler, (before, { y, m, d }, after) => {
        const p = (n: number) => String(n).padStart(2, '0');
        expect(findDates(`${before}${y}-${p(m)}-${p(d)}${after}`)).toEqual([]);
        expect(findDates(`${before}${y}年${m}月${d}日${after}`)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('an edit far from a date does not change what is found for it', () => {
    fc.assert(
      fc.property(filler, validDate, filler, anyText, (before, { y, m, d }, after, noise) => {
        const raw = `${y}年${m}月${d}日`;
        const base = findDates(`${before}${raw}${after}`);
        // Noise after a paragraph break and plenty of neutral text cannot reach back to the date.
        const edited = findDates(`${before}${raw}${after}\n${'相关工作'.repeat(10)}\n${noise}`);
        expect(edited[0]).toEqual(base[0]);
      }),
      { numRuns: 500 },
    );
  });
});
