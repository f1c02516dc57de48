// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvError, decodeBytes, isDangerousCell, parseCsv, parseCsvRecords, toCsv } from './csv';

const cellArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  // Shapes that stress the writer: separators, quotes, line ends and formula signs.
  fc.string({
    unit: fc.constantFrom(',', '"', '\r', '\n', '\r\n', ' ', '\t', '=', '+', '-', '@', "'", '中', 'a', '\u3000'),
    maxLength: 8,
  }),
);
const tableArb = fc.array(fc.array(cellArb, { minLength: 1, maxLength: 6 }), { maxLength: 8 });

// Property tests: hundreds of generated cases each, CPU-bound, so a loaded machine stretches them
// to several seconds; their own limit keeps them clear of a timeout.
const PROPERTY_TIMEOUT = 30_000;

describe('toCsv', { timeout: PROPERTY_TIMEOUT }, () => {
  it('writes BOM, CRLF and RFC 4180 quoting', () => {
    const csv = toCsv([
      ['序号', '网站名称', '存在问题'],
      ['1', '兴平市人民政府', '1. 栏目不更新；\n2. 缺少"标识", 已整改'],
    ]);
    expect(csv).toBe(
      '\uFEFF序号,网站名称,存在问题\r\n1,兴平市人民政府,"1. 栏目不更新；\n2. 缺少""标识"", 已整改"\r\n',
    );
  });

  it('quotes cells with leading or trailing spaces so they survive', () => {
    expect(toCsv([[' a', 'b ', 'c']])).toBe('\uFEFF" a","b ",c\r\n');
  });

  it('neutralises formula-looking cells with an apostrophe', () => {
    const csv = toCsv([['=HYPERLINK("http://evil")', '  @SUM(A1)', '-5', '+86 10 1234', '\tx', '6104810043', '2025-03-31', '＝HYPERLINK("x")', '＠SUM(A1)', '首页＝栏目']]);
    const [row] = parseCsv(csv);
    expect(row).toEqual([
      `'=HYPERLINK("http://evil")`,
      "'  @SUM(A1)",
      "'-5",
      "'+86 10 1234",
      "'\tx",
      '6104810043', // written as ="6104810043", read back as text
      '2025-03-31',
      `'＝HYPERLINK("x")`,
      "'＠SUM(A1)",
      '首页＝栏目',
    ]);
  });

  it('writes codes and dates as ="…" text cells (digits and separators only), small numbers as they are', () => {
    const csv = toCsv([['6104810043', '0123', '2025-03-31', '2025-03-31 10:05', '2025年3月31日', '3-5', '12', '1E5', '2025-03-31 =1+1', '首页2025-03-31']]);
    expect(csv).toBe('\uFEFF"=""6104810043""","=""0123""","=""2025-03-31""","=""2025-03-31 10:05""","=""2025年3月31日""","=""3-5""",12,"=""1E5""",2025-03-31 =1+1,首页2025-03-31\r\n');
    // Only our own form is unwrapped: a page's ="…" is neutralised and stays visible.
    expect(parseCsv(toCsv([['="=1+1"', '="0123"']]))[0]).toEqual([`'="=1+1"`, `'="0123"`]);
  });

  it('keeps a row with one empty cell distinct from a blank line', () => {
    expect(parseCsv(toCsv([['a'], [''], ['b']]))).toEqual([['a'], [''], ['b']]);
    expect(toCsv([])).toBe('\uFEFF');
    expect(parseCsv(toCsv([]))).toEqual([]);
  });

  it('round-trips random tables exactly, modulo the neutralising apostrophe', () => {
    fc.assert(
      fc.property(tableArb, (table) => {
        const back = parseCsv(toCsv(table));
        expect(back.length).toBe(table.length);
        table.forEach((row, r) => {
          expect(back[r]!.length).toBe(row.length);
          row.forEach((cell, c) => {
            const expected = isDangerousCell(cell) ? `'${cell}` : cell;
            expect(back[r]![c]).toBe(expected);
          });
        });
      }),
      { numRuns: 500 },
    );
  });

  it('never lets a cell start with = + - @ TAB or CR, even after leading whitespace', () => {
    fc.assert(
      fc.property(tableArb, (table) => {
        for (const row of parseCsv(toCsv(table))) {
          for (const cell of row) {
            expect(cell[0] === '\t' || cell[0] === '\r').toBe(false);
            expect(/^\s*[=+\-@]/.test(cell)).toBe(false);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseCsv', { timeout: PROPERTY_TIMEOUT }, () => {
  it('reads quoted fields, doubled quotes, embedded CRLF, BOM, LF and CR line ends', () => {
    expect(parseCsv('\uFEFFa,"b,""c""\r\nd"\r\ne,f')).toEqual([
      ['a', 'b,"c"\r\nd'],
      ['e', 'f'],
    ]);
    expect(parseCsv('a,b\nc,d\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsv('a\rb\r')).toEqual([['a'], ['b']]);
    expect(parseCsv('a,,\r\n,')).toEqual([
      ['a', '', ''],
      ['', ''],
    ]);
  });

  it('keeps stray quotes literally, as Excel does', () => {
    expect(parseCsv('ab"c,"d"e')).toEqual([['ab"c', 'de']]);
  });

  it('reports the physical line of each record', () => {
    const recs = parseCsvRecords('h1,h2\r\n"x\r\ny",z\r\n\r\nlast,1');
    expect(recs.map((r) => r.line)).toEqual([1, 2, 4, 5]);
    expect(recs[2]!.cells).toEqual(['']);
  });

  it('throws CsvError with the line of an unterminated quote', () => {
    let err: unknown;
    try {
      parseCsv('a,b\r\nc,"d\r\ne,f\r\n');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CsvError);
    expect((err as CsvError).line).toBe(2);
    expect((err as CsvError).message).toContain('第2行');
    expect((err as CsvError).message).toContain('引号未闭合');
  });

  it('reads TAB-separated text when told', () => {
    expect(parseCsv('a\tb\r\n"c\td"\te', { delimiter: '\t' })).toEqual([
      ['a', 'b'],
      ['c\td', 'e'],
    ]);
  });

  it('only ever throws CsvError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', '中'), maxLength: 30 }), (s) => {
        try {
          const rows = parseCsv(s);
          expect(Array.isArray(rows)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(CsvError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('decodeBytes', { timeout: PROPERTY_TIMEOUT }, () => {
  // 中文,网站 in GBK: D6 D0 CE C4 2C CD F8 D5 BE
  const gbk = new Uint8Array([0xd6, 0xd0, 0xce, 0xc4, 0x2c, 0xcd, 0xf8, 0xd5, 0xbe]);

  it('detects GBK when the bytes are not valid UTF-8', () => {
    expect(decodeBytes(gbk)).toEqual({ text: '中文,网站', encoding: 'gbk' });
  });

  it('strips a UTF-8 BOM and reads BOM-less UTF-8', () => {
    const bytes = new TextEncoder().encode('\uFEFF网站名称');
    expect(decodeBytes(bytes)).toEqual({ text: '网站名称', encoding: 'utf-8' });
    expect(decodeBytes(bytes.subarray(3))).toEqual({ text: '网站名称', encoding: 'utf-8' });
  });

  it('reads UTF-16LE with BOM (Excel "Unicode text")', () => {
    const s = '序号\t网站';
    const bytes = new Uint8Array(2 + s.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let k = 0; k < s.length; k++) {
      bytes[2 + 2 * k] = s.charCodeAt(k) & 0xff;
      bytes[3 + 2 * k] = s.charCodeAt(k) >> 8;
    }
    expect(decodeBytes(bytes)).toEqual({ text: s, encoding: 'utf-16le' });
  });

  it('round-trips toCsv output through bytes', () => {
    fc.assert(
      fc.property(tableArb, (table) => {
        const csv = toCsv(table);
        const { text, encoding } = decodeBytes(new TextEncoder().encode(csv));
        expect(encoding).toBe('utf-8');
        expect(parseCsv(text)).toEqual(parseCsv(csv));
      }),
      { numRuns: 200 },
    );
  });
});
