/**
 * A minimal Office Open XML workbook holding the quarter's sheets, one tab each.
 *
 * Why besides CSV: one file instead of three, wrapped multi-line 存在问题 cells, a frozen header and
 * column widths. Cells are inline strings (`t="inlineStr"`), never formulas, so page text cannot
 * become a formula here and is written as is, without the CSV apostrophe. Only 序号 is a number.
 */
import { strToU8, zipSync } from 'fflate';
import type { Sheet } from './sheets';

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Excel refuses longer cells (and "repairs" the file, dropping data). */
export const XLSX_CELL_MAX = 32767;

/**
 * Text as XML character data: drop what XML 1.0 cannot carry (control characters, lone
 * surrogates, U+FFFE/FFFF), and protect literal `_xHHHH_`, which Excel would decode as an escape.
 */
const NEEDS_WORK = /[&<>"_\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function xmlText(s: string): string {
  if (s.length <= XLSX_CELL_MAX && !NEEDS_WORK.test(s)) return s;
  let clean = s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  if (clean.length > XLSX_CELL_MAX) {
    // Cut on a code point boundary.
    let end = XLSX_CELL_MAX - 1;
    if (/[\uD800-\uDBFF]/.test(clean[end - 1]!)) end -= 1;
    clean = clean.slice(0, end) + '…';
  }
  return clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function colName(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Approximate display width: CJK and full-width characters take two columns. */
function displayWidth(line: string): number {
  let w = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      w += 2;
      i += 1;
    } else if (
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6)
    ) {
      w += 2;
    } else {
      w += 1;
    }
  }
  return w;
}

const COL_MAX = 60;
/** One line of 11-pt 等线, in points; Excel caps a row at 409 pt. */
const LINE_PT = 15;
const ROW_MAX_PT = 409;

/** Lines a wrapped cell takes in a column `width` characters wide, from its lines' display widths. */
function wrappedLines(lineWidths: number[], width: number): number {
  const usable = Math.max(1, width - 1);
  return lineWidths.reduce((n, w) => n + Math.max(1, Math.ceil(w / usable)), 0);
}

const STYLE_HEADER = 1;
const STYLE_WRAP = 2;

function worksheetXml(sheet: Sheet): string {
  const header = sheet.rows[0] ?? [];
  const numericCol = header.map((h) => h === '序号');
  const widths: number[] = [];
  // Each cell's line widths, measured once: for the column widths and for the row heights.
  const lineWidths = sheet.rows.map((row) =>
    row.map((cell, c) => {
      const lw = cell.includes('\n') ? cell.split('\n').map(displayWidth) : [displayWidth(cell)];
      widths[c] = Math.max(widths[c] ?? 0, ...lw);
      return lw;
    }),
  );
  const colWidth = widths.map((w) => Math.min(COL_MAX, Math.max(6, w + 2)));
  const cols = colWidth.map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`).join('');
  const rows = sheet.rows
    .map((row, r) => {
      const cells = row
        .map((cell, c) => {
          const ref = `${colName(c)}${r + 1}`;
          if (r > 0 && numericCol[c] && /^[1-9]\d{0,14}$/.test(cell)) return `<c r="${ref}"><v>${cell}</v></c>`;
          if (cell === '') return '';
          const style = r === 0 ? STYLE_HEADER : STYLE_WRAP;
          const space = /^\s|\s$|\n/.test(cell) ? ' xml:space="preserve"' : '';
          return `<c r="${ref}" s="${style}" t="inlineStr"><is><t${space}>${xmlText(cell)}</t></is></c>`;
        })
        .join('');
      // Spreadsheets do not grow a row for wrapped text on open: without a height only the
      // first line of a multi-line 存在问题 shows.
      const lines = r === 0 ? 1 : Math.max(1, ...lineWidths[r]!.map((lw, c) => wrappedLines(lw, colWidth[c] ?? COL_MAX)));
      const height = lines > 1 ? ` ht="${Math.min(ROW_MAX_PT, lines * LINE_PT)}" customHeight="1"` : '';
      return `<row r="${r + 1}"${height}>${cells}</row>`;
    })
    .join('');
  const pane =
    sheet.rows.length > 1
      ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
      : '';
  return (
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${rows}</sheetData></worksheet>`
  );
}

const STYLES_XML =
  `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
  '<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>' +
  '<font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** Excel's sheet-name rules: ≤ 31 characters, none of []:*?/\, unique. */
function sheetNames(sheets: Sheet[]): string[] {
  const used = new Set<string>();
  return sheets.map((s, k) => {
    let name = Array.from(s.name.replace(/[[\]:*?/\\]/g, '_')).slice(0, 31).join('') || `Sheet${k + 1}`;
    while (used.has(name.toLowerCase())) name = `${Array.from(name).slice(0, 28).join('')}(${k + 1})`;
    used.add(name.toLowerCase());
    return name;
  });
}

/**
 * The workbook as .xlsx bytes. `mtime` stamps the zip entries; pass a fixed value for
 * byte-identical output.
 */
export function toXlsx(sheets: Sheet[], mtime: Date | number = new Date()): Uint8Array {
  if (sheets.length === 0) throw new Error('工作簿至少需要一个工作表');
  const names = sheetNames(sheets);
  const files: Record<string, Uint8Array> = {};
  const overrides = sheets
    .map(
      (_, k) =>
        `<Override PartName="/xl/worksheets/sheet${k + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  files['[Content_Types].xml'] = strToU8(
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      `${overrides}</Types>`,
  );
  files['_rels/.rels'] = strToU8(
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
      `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files['xl/workbook.xml'] = strToU8(
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets>` +
      names.map((n, k) => `<sheet name="${xmlText(n)}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`).join('') +
      '</sheets></workbook>',
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
      sheets
        .map((_, k) => `<Relationship Id="rId${k + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`)
        .join('') +
      `<Relationship Id="rId${sheets.length + 1}" Type="${NS_REL}/styles" Target="styles.xml"/></Relationships>`,
  );
  files['xl/styles.xml'] = strToU8(STYLES_XML);
  sheets.forEach((s, k) => {
    files[`xl/worksheets/sheet${k + 1}.xml`] = strToU8(worksheetXml(s));
  });
  // Zip (DOS) timestamps only cover 1980–2099, in local time.
  let stamp = new Date(mtime);
  if (Number.isNaN(stamp.getTime()) || stamp.getFullYear() < 1980) stamp = new Date(1980, 0, 1);
  else if (stamp.getFullYear() > 2099) stamp = new Date(2099, 11, 31);
  return zipSync(files, { level: 6, mtime: stamp });
}
