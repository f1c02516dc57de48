/**
 * CSV that Excel on Chinese Windows opens correctly, and a reader for what inspectors save.
 *
 * Writer: UTF-8 with BOM (without it Excel decodes as GBK and shows mojibake), CRLF record ends,
 * RFC 4180 quoting, formula-injection neutralised, codes and dates kept as text. Reader: RFC 4180
 * plus the things real files carry (BOM, LF or lone CR line ends, our own ="0123" text cells).
 */

const BOM = '\uFEFF';

/**
 * Why an apostrophe: OWASP's CSV-injection guidance is to prefix cells that begin with
 * = + - @ TAB or CR with a single quote, so spreadsheet software treats them as text. Page text
 * is attacker-controlled (a hijacked site can put `=HYPERLINK(...)` in a title), and the sheets
 * travel to other offices' machines. Excel also skips leading spaces before deciding that a cell
 * is a formula, so we look at the first non-space character.
 *
 * Plain numbers such as `-5` or `+86 …` are neutralised too: telling a harmless number from
 * `-2+3+cmd|…` reliably is the exact bug class OWASP warns about, and our sheets never carry
 * signed numbers. 网站标识码 and dates start with a digit: see keepAsText for how they stay text.
 *
 * The full-width signs ＝＋－＠ are neutralised as well, as insurance: Chinese pages use them, and
 * any program on the way that folds full-width forms to ASCII would turn them into formula signs.
 * We have not seen Excel do so; an apostrophe before such a cell costs nothing.
 */
const FULL_WIDTH_SIGNS = ['\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];
const DANGEROUS_FIRST = new Set(['=', '+', '-', '@', '\t', '\r', ...FULL_WIDTH_SIGNS]);
/** Whitespace skipped before looking for a formula sign: wider than Excel's, on purpose. */
const LEADING_SPACE = /^\s*/;

export function isDangerousCell(cell: string): boolean {
  if (cell.length === 0) return false;
  if (cell[0] === '\t' || cell[0] === '\r') return true;
  const rest = cell.replace(LEADING_SPACE, '');
  return rest.length > 0 && DANGEROUS_FIRST.has(rest[0]!);
}

export function neutraliseCell(cell: string): string {
  return isDangerousCell(cell) ? `'${cell}` : cell;
}

/**
 * Cells a spreadsheet would silently turn into a number or a date when it opens the CSV with
 * default settings: a 10-digit 网站标识码 becomes 6.11E+09, a leading zero is lost, '2025-03-31'
 * and '2025年3月31日' become date cells, '3-5' becomes 5 March. Small integers (序号) stay numbers.
 */
const NUMBER_OR_DATE = [
  /^0\d+$/, // leading zero
  /^\d{8,}$/, // codes and phone numbers: scientific notation, 15-digit precision
  /^\d+(\.\d+)?[eE][+-]?\d+$/, // 1E5
  /^\d{1,4}\s*[-/.年]\s*\d{1,2}(\s*[-/.月]\s*\d{1,4}\s*日?)?(\s*[ T]\s*\d{1,2}:\d{2}(:\d{2})?)?$/, // dates, date-times
  /^\d{1,2}:\d{2}(:\d{2})?$/, // times
];

export function keepAsText(cell: string): boolean {
  const first = cell.charCodeAt(0);
  // Every pattern starts with a digit: most cells are settled by their first character.
  if (!(first >= 48 && first <= 57) || cell.length > 40) return false;
  return NUMBER_OR_DATE.some((re) => re.test(cell));
}

/**
 * Such cells are written as ="…", the one form that Excel and LibreOffice both open as text at
 * default settings (an apostrophe shows, a leading TAB stays in the cell). It is a formula only in
 * form: keepAsText admits digits, separators and 年月日 alone, so no page text can ride along.
 */
function asTextFormula(cell: string): string {
  return `="${cell}"`;
}

/** The reader's side of asTextFormula: ="2025-03-31" reads back as 2025-03-31. */
function unwrapTextFormula(field: string): string {
  if (field.length < 4 || field[0] !== '=' || field[1] !== '"' || field[field.length - 1] !== '"') return field;
  const inner = field.slice(2, -1);
  return keepAsText(inner) ? inner : field;
}

function needsQuotes(cell: string): boolean {
  return /[",\r\n]/.test(cell) || /^\s|\s$/.test(cell);
}

function quoteCell(cell: string): string {
  return needsQuotes(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * Rows to CSV text (BOM included; encode with TextEncoder for bytes). Every record ends with
 * CRLF, as Excel writes. A row holding one empty cell is written as `""` so that it is not
 * mistaken for a blank line.
 */
export function toCsv(rows: string[][]): string {
  let out = BOM;
  for (const row of rows) {
    if (row.length === 1 && row[0] === '') {
      out += '""\r\n';
      continue;
    }
    out += row.map((c) => quoteCell(keepAsText(c) ? asTextFormula(c) : neutraliseCell(c))).join(',') + '\r\n';
  }
  return out;
}

export class CsvError extends Error {
  /** 1-based physical line where the problem starts. */
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'CsvError';
    this.line = line;
  }
}

export interface CsvRecord {
  cells: string[];
  /** 1-based physical line the record starts on (quoted fields may span lines). */
  line: number;
}

export interface ParseOptions {
  /** Field separator; ',' unless told (Excel's "Unicode text" uses TAB). */
  delimiter?: string;
}

/**
 * RFC 4180 reader that keeps line numbers, so import errors can say 第N行.
 * Accepts CRLF, LF and lone CR. A final line break does not create an empty record; a blank line
 * in the middle is a record with one empty cell (callers skip blank rows as they see fit).
 * Lenient where Excel is: a quote inside an unquoted field, or text after a closing quote, is
 * kept literally. Strict where data would be lost: an unterminated quote throws CsvError.
 */
export function parseCsvRecords(text: string, options: ParseOptions = {}): CsvRecord[] {
  const delim = options.delimiter ?? ',';
  if (delim.length !== 1 || delim === '"' || delim === '\r' || delim === '\n') {
    throw new Error(`不支持的分隔符：${JSON.stringify(delim)}`);
  }
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const n = src.length;
  let i = 0;
  let line = 1;
  let cells: string[] = [];
  let recordLine = 1;

  const endRecord = () => {
    records.push({ cells, line: recordLine });
    cells = [];
  };
  /** Consumes a line break at i (CRLF, LF or CR); returns false if none. */
  const lineBreak = (): boolean => {
    const c = src[i];
    if (c === '\r') {
      i += src[i + 1] === '\n' ? 2 : 1;
    } else if (c === '\n') {
      i += 1;
    } else {
      return false;
    }
    line += 1;
    return true;
  };

  if (n === 0) return records;
  for (;;) {
    // Start of a field.
    if (cells.length === 0) recordLine = line;
    let field = '';
    if (src[i] === '"') {
      const openLine = line;
      i += 1;
      for (;;) {
        const q = src.indexOf('"', i);
        if (q < 0) {
          throw new CsvError(`第${openLine}行：引号未闭合，文件可能被截断或格式有误`, openLine);
        }
        const chunk = src.slice(i, q);
        line += countLineBreaks(chunk);
        field += chunk;
        if (src[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // Excel keeps whatever follows a closing quote up to the separator.
      while (i < n && src[i] !== delim && src[i] !== '\r' && src[i] !== '\n') field += src[i++];
    } else {
      while (i < n && src[i] !== delim && src[i] !== '\r' && src[i] !== '\n') field += src[i++];
    }
    cells.push(unwrapTextFormula(field));
    if (i >= n) {
      endRecord();
      return records;
    }
    if (src[i] === delim) {
      i += 1;
      continue;
    }
    lineBreak();
    endRecord();
    if (i >= n) return records;
  }
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 13) {
      count += 1;
      if (s.charCodeAt(k + 1) === 10) k += 1;
    } else if (c === 10) {
      count += 1;
    }
  }
  return count;
}

export function parseCsv(text: string, options: ParseOptions = {}): string[][] {
  return parseCsvRecords(text, options).map((r) => r.cells);
}

export type TextEncodingName = 'utf-8' | 'gbk' | 'utf-16le' | 'utf-16be';

/**
 * Bytes of a saved spreadsheet to text. Excel on Chinese Windows saves "CSV" as GBK (ANSI code
 * page 936) and "CSV UTF-8" with a BOM; WPS and LibreOffice may write UTF-8 without BOM.
 * Valid UTF-8 is almost never valid-looking GBK by accident for Chinese text, so strict UTF-8
 * first, then GB18030 (a superset of GBK that every TextDecoder supports).
 */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gbk' };
  }
}
