import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { toXlsx, xmlText } from './xlsx';
import type { Sheet } from './sheets';

function parseXml(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

/** Reads a worksheet back the way a spreadsheet would: by cell reference. */
function readSheet(xml: string): string[][] {
  const doc = parseXml(xml);
  const rows: string[][] = [];
  for (const row of Array.from(doc.getElementsByTagName('row'))) {
    const r = Number(row.getAttribute('r')) - 1;
    const cells: string[] = (rows[r] = []);
    for (const c of Array.from(row.getElementsByTagName('c'))) {
      const ref = c.getAttribute('r')!;
      const letters = /^[A-Z]+/.exec(ref)![0];
      let col = 0;
      for (const ch of letters) col = col * 26 + (ch.charCodeAt(0) - 64);
      const t = c.getElementsByTagName('t')[0];
      const v = c.getElementsByTagName('v')[0];
      const raw = t ? t.textContent! : v!.textContent!;
      cells[col - 1] = raw.replace(/_x005F_(x[0-9A-Fa-f]{4}_)/g, '_$1');
    }
  }
  return rows.map((r) => Array.from(r, (c) => c ?? ''));
}

const sheets: Sheet[] = [
  {
    name: '网站检查结果',
    rows: [
      ['序号', '网站名称', '存在问题'],
      ['1', '兴平市人民政府', '1. 政策解读未与原文关联；\n2. 缺少<党政机关标识> & "ICP"'],
      ['2', '=HYPERLINK("x")', '_x0041_ 字面量'],
    ],
  },
  { name: '问题明细', rows: [['序号', '页面标题']] },
  { name: '政务新媒体检查结果', rows: [['序号'], ['3']] },
];

describe('toXlsx', () => {
  const bytes = toXlsx(sheets, new Date(Date.UTC(2025, 0, 1)));
  const files = unzipSync(bytes);

  it('is a zip with the OOXML parts, all well-formed XML', () => {
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      'xl/worksheets/sheet3.xml',
    ]);
    for (const data of Object.values(files)) parseXml(strFromU8(data));
  });

  it('names the sheets and wires their relationships', () => {
    const wb = parseXml(strFromU8(files['xl/workbook.xml']!));
    const names = Array.from(wb.getElementsByTagName('sheet')).map((s) => s.getAttribute('name'));
    expect(names).toEqual(['网站检查结果', '问题明细', '政务新媒体检查结果']);
    const rels = strFromU8(files['xl/_rels/workbook.xml.rels']!);
    expect(rels).toContain('Target="worksheets/sheet3.xml"');
    expect(rels).toContain('Target="styles.xml"');
    const types = strFromU8(files['[Content_Types].xml']!);
    expect(types).toContain('PartName="/xl/worksheets/sheet2.xml"');
  });

  it('keeps cell text exactly, as strings, with 序号 as numbers', () => {
    const xml = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(readSheet(xml)).toEqual(sheets[0]!.rows);
    expect(xml).toContain('<c r="A2"><v>1</v></c>');
    expect(xml).not.toContain('<f>');
    expect(xml).toContain('state="frozen"');
  });

  it('is deterministic for a fixed mtime', () => {
    expect(toXlsx(sheets, Date.UTC(2025, 0, 1))).toEqual(toXlsx(sheets, Date.UTC(2025, 0, 1)));
  });

  it('round-trips random text, dropping only characters XML cannot hold', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'binary', maxLength: 10 }), { minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (rows) => {
          const out = unzipSync(toXlsx([{ name: "T", rows }], 0));
          const back = readSheet(strFromU8(out['xl/worksheets/sheet1.xml']!));
          const expected = rows.map((r) => r.map((c) => c.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')));
          for (let r = 0; r < expected.length; r++) {
            for (let c = 0; c < expected[r]!.length; c++) {
              expect(back[r]?.[c] ?? '').toBe(expected[r]![c]);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 30_000); // property test: 150 generated workbooks, CPU-bound

  it('escapes markup and caps over-long cells', () => {
    expect(xmlText('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
    expect(xmlText('a\u0001b\uD800c')).toBe('ab\uFFFDc');
    expect(xmlText('字'.repeat(40000)).length).toBe(32767);
  });
});
