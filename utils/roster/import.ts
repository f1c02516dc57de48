/**
 * Roster import from the inspectors' own spreadsheets saved as CSV (UTF-8 or GBK).
 *
 * Pure and deterministic: bytes and a timestamp in, sites and per-line errors out. Nothing is
 * written here; the caller shows the errors and decides whether to import the good rows, so a
 * roster is never half-imported behind the inspector's back.
 */
import type { Site, SiteKind } from '../db/types';
import { siteIdForHost } from '../db/keys';
import { CsvError, decodeBytes, parseCsvRecords, type CsvRecord, type TextEncodingName } from '../sheets/csv';

export type RosterField = 'seq' | 'unit' | 'name' | 'url' | 'siteCode' | 'sponsor' | 'platform';

export interface RosterError {
  /** 1-based line in the file (0 when the problem is the file as a whole). */
  line: number;
  message: string;
}

export interface RosterImport {
  sites: Site[];
  errors: RosterError[];
  encoding: TextEncodingName;
  kind: SiteKind;
  /** Line of the header row, 0 if none was found. */
  headerLine: number;
  /** Which header cell each recognised field was read from. */
  columns: Partial<Record<RosterField, string>>;
}

export interface RosterOptions {
  /** Stamped on every site's updatedAt (passed in to keep the import deterministic). */
  now: number;
  /** Force the kind; by default 'newmedia' when there is a 平台/账号 column. */
  kind?: SiteKind;
}

/** Header names seen in notices and rosters, compared after normaliseHeader(). */
const SYNONYMS: Record<RosterField, string[]> = {
  seq: ['序号', '编号', '序'],
  unit: [
    '县(市)、部门',
    '县(市)/部门',
    '县(市、区)、部门',
    '县(区)、部门',
    '县市区、部门',
    '县市区',
    '县(市、区)',
    '单位',
    '所属单位',
    '单位名称',
    '部门',
    '所属部门',
    '地区',
    '所属地区',
    '区县',
  ],
  name: ['网站名称', '政府网站名称', '站点名称', '网站全称'],
  url: ['网址', '网站地址', '网站网址', '首页网址', '首页地址', '网站首页地址', '网站首页', 'URL', '网站URL', '域名', '网站域名', '链接', '账号链接', '账号地址'],
  siteCode: ['网站标识码', '标识码', '政府网站标识码'],
  sponsor: ['主办单位', '开设主体', '主办主体', '开办主体', '运营主体', '账号主体', '主办单位名称'],
  platform: ['平台', '账号类型', '平台类型', '新媒体类型', '平台名称', '媒体类型', '新媒体平台', '账号平台'],
};
/** Name columns of new-media rosters: their presence alone says 'newmedia'. */
const NEWMEDIA_NAMES = ['账号名称', '新媒体账号名称', '政务新媒体名称', '政务新媒体账号名称', '新媒体名称', '公众号名称', '账号名'];
/** Weakest guess for a name column, used only when nothing better is there. */
const FALLBACK_NAMES = ['名称'];

/** Full-width forms to ASCII, and away with spaces, punctuation and required-field stars. */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFKC')
    .replace(/[\s()（）、/／\\\-_·•,，.。:：*＊"'“”]/g, '')
    .toLowerCase();
}

const FIELD_BY_HEADER = new Map<string, RosterField>();
for (const [field, names] of Object.entries(SYNONYMS) as [RosterField, string[]][]) {
  for (const n of names) FIELD_BY_HEADER.set(normaliseHeader(n), field);
}
const NEWMEDIA_NAME_SET = new Set(NEWMEDIA_NAMES.map(normaliseHeader));
const FALLBACK_NAME_SET = new Set(FALLBACK_NAMES.map(normaliseHeader));

interface HeaderMap {
  index: Partial<Record<RosterField, number>>;
  newmediaName: boolean;
}

function mapHeader(cells: string[]): HeaderMap {
  const index: Partial<Record<RosterField, number>> = {};
  let newmediaName = false;
  let fallbackName: number | undefined;
  cells.forEach((cell, c) => {
    const key = normaliseHeader(cleanCell(cell));
    if (!key) return;
    if (NEWMEDIA_NAME_SET.has(key)) {
      if (index.name === undefined) {
        index.name = c;
        newmediaName = true;
      }
      return;
    }
    const field = FIELD_BY_HEADER.get(key);
    if (field && index[field] === undefined) index[field] = c;
    else if (!field && FALLBACK_NAME_SET.has(key) && fallbackName === undefined) fallbackName = c;
  });
  if (index.name === undefined && fallbackName !== undefined) index.name = fallbackName;
  return { index, newmediaName };
}

/** Excel's `="0123"` keep-as-text trick, and stray outer whitespace. */
function cleanCell(raw: string): string {
  const m = /^\s*="(.*)"\s*$/s.exec(raw);
  return (m ? m[1]! : raw).trim();
}

const CJK = '\\u3000-\\u303F\\u3400-\\u9FFF\\uF900-\\uFAFF\\uFF00-\\uFFEF';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}]) (?=[${CJK}])`, 'g');

/** Names wrapped over two lines in a cell are one name: '咸阳市公安局\n交警支队' → '咸阳市公安局交警支队'. */
export function cleanName(raw: string): string {
  return cleanCell(raw).replace(/\s+/g, ' ').replace(SPACE_BETWEEN_CJK, '').trim();
}

const SITE_CODE_RE = /^(?:\d{10}|bm\d{8})$/;

type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export function checkSiteCode(raw: string): Checked<string> {
  const code = cleanCell(raw).normalize('NFKC').replace(/\s+/g, '');
  if (code === '') return { ok: true, value: '' };
  const lower = code.toLowerCase();
  if (SITE_CODE_RE.test(lower)) return { ok: true, value: lower };
  if (/^\d+(?:\.\d+)?e\+?\d+$/i.test(code)) {
    return {
      ok: false,
      message: `网站标识码“${code}”被Excel转成了科学计数法，请把该列设为“文本”后重新另存为CSV`,
    };
  }
  return { ok: false, message: `网站标识码“${code}”格式不正确（应为10位数字，或bm加8位数字）` };
}

export interface ParsedUrl {
  /** As on the roster, with a scheme added when it had none. */
  url: string;
  hosts: string[];
  /** host + path without trailing slash: identifies the site for duplicate checks. */
  key: string;
  /**
   * Site id: the same id utils/db gives a site created on the fly for this host, so importing a
   * roster after browsing takes that site over instead of creating a twin. Sub-sites living
   * under a path of a shared host keep the path.
   */
  id: string;
}

/** Hosts a roster URL stands for: www.x.gov.cn also answers as x.gov.cn, and the reverse. */
export function hostVariants(hostname: string): string[] {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  const out = [h];
  if (/^\d+\.\d+\.\d+\.\d+$/.test(h) || h.startsWith('[')) return out;
  if (h.startsWith('www.')) {
    const bare = h.slice(4);
    if (bare.includes('.')) out.push(bare);
  } else {
    const labels = h.split('.');
    // Only registrable names get a www. twin (x.gov.cn, x.com), not department subdomains.
    const registrable = /\.(gov|edu|com|org|net)\.cn$/.test(h) ? labels.length === 3 : labels.length === 2;
    if (registrable) out.push(`www.${h}`);
  }
  return out;
}

export function parseRosterUrl(raw: string): Checked<ParsedUrl> {
  const text = cleanCell(raw).normalize('NFKC');
  const tokens = text.split(/[\s;；,，、]+/).filter(Boolean);
  if (tokens.length === 0) return { ok: false, message: '缺少网址' };
  const hosts: string[] = [];
  let first: ParsedUrl | null = null;
  for (const token of tokens) {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(token) ? token : `http://${token}`;
    let u: URL;
    try {
      u = new URL(withScheme);
    } catch {
      return { ok: false, message: `网址“${text}”无法识别` };
    }
    const host = u.hostname.replace(/\.$/, '');
    if (
      (u.protocol !== 'http:' && u.protocol !== 'https:') ||
      !host.includes('.') ||
      !/^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/.test(host) ||
      u.username ||
      u.password
    ) {
      return { ok: false, message: `网址“${text}”无法识别` };
    }
    for (const h of hostVariants(host)) if (!hosts.includes(h)) hosts.push(h);
    if (!first) {
      const path = u.pathname.replace(/\/(?:index|default)\.\w+$/i, '/').replace(/\/+$/, '');
      first = { url: withScheme, hosts: [], key: `${host}${path}`, id: `${siteIdForHost(host)}${path}` };
    }
  }
  return { ok: true, value: { ...first!, hosts } };
}

/** Delimiter by majority in the first lines: Excel's "Unicode text" export is TAB-separated. */
function sniffDelimiter(text: string): string {
  const head = text.split(/\r\n|\n|\r/, 20).join('\n');
  const tabs = (head.match(/\t/g) ?? []).length;
  const commas = (head.match(/,/g) ?? []).length;
  return tabs > commas ? '\t' : ',';
}

const HEADER_SEARCH_ROWS = 30;

function findHeader(records: CsvRecord[]): { at: number; map: HeaderMap } | null {
  for (let r = 0; r < Math.min(records.length, HEADER_SEARCH_ROWS); r++) {
    const map = mapHeader(records[r]!.cells);
    const fields = Object.keys(map.index).filter((f) => f !== 'name');
    if (map.index.name !== undefined && fields.length >= 1) return { at: r, map };
  }
  return null;
}

export function importRoster(bytes: Uint8Array, options: RosterOptions): RosterImport {
  const { text, encoding } = decodeBytes(bytes);
  return { ...importRosterText(text, options), encoding };
}

export function importRosterText(text: string, options: RosterOptions): RosterImport {
  const empty = (errors: RosterError[]): RosterImport => ({
    sites: [],
    errors,
    encoding: 'utf-8',
    kind: options.kind ?? 'website',
    headerLine: 0,
    columns: {},
  });

  let records: CsvRecord[];
  try {
    records = parseCsvRecords(text, { delimiter: sniffDelimiter(text) });
  } catch (e) {
    if (e instanceof CsvError) return empty([{ line: e.line, message: e.message }]);
    throw e;
  }
  const header = findHeader(records);
  if (!header) {
    return empty([
      {
        line: 0,
        message: '没有找到表头：需要“网站名称”（或“账号名称”）列，以及“网址”“网站标识码”“平台”等至少一列',
      },
    ]);
  }
  const { index } = header.map;
  const kind: SiteKind =
    options.kind ?? (index.platform !== undefined || header.map.newmediaName ? 'newmedia' : 'website');
  const headerCells = records[header.at]!.cells;
  const columns: Partial<Record<RosterField, string>> = {};
  for (const [field, c] of Object.entries(index) as [RosterField, number][]) columns[field] = headerCells[c]!.trim();

  const cell = (cells: string[], field: RosterField): string => {
    const c = index[field];
    return c === undefined ? '' : (cells[c] ?? '');
  };
  const dataFields: RosterField[] = ['unit', 'name', 'url', 'siteCode', 'sponsor', 'platform'];
  const headerKey = headerCells.map((c) => normaliseHeader(c)).join('\u0000');

  const sites: Site[] = [];
  const errors: RosterError[] = [];
  const seen = new Map<string, number>(); // duplicate key → line
  let lastUnit = '';

  for (const rec of records.slice(header.at + 1)) {
    const cells = rec.cells;
    // Blank rows, template rows holding only a 序号, and notes in a non-data first column.
    if (dataFields.every((f) => cleanCell(cell(cells, f)) === '')) continue;
    // A header repeated on every printed page.
    if (cells.map((c) => normaliseHeader(c)).join('\u0000') === headerKey) continue;

    const fail = (message: string) => errors.push({ line: rec.line, message: `第${rec.line}行：${message}` });
    const name = cleanName(cell(cells, 'name'));
    // Merged 县(市)、部门 cells arrive as one value followed by blanks.
    const unitRaw = cleanName(cell(cells, 'unit'));
    const unit = unitRaw || lastUnit;
    lastUnit = unit;
    if (!name) {
      fail(kind === 'newmedia' ? '缺少账号名称' : '缺少网站名称');
      continue;
    }
    const sponsor = cleanName(cell(cells, 'sponsor'));

    if (kind === 'website') {
      const url = parseRosterUrl(cell(cells, 'url'));
      if (!url.ok) {
        fail(`${url.message}（${name}）`);
        continue;
      }
      const code = checkSiteCode(cell(cells, 'siteCode'));
      if (!code.ok) {
        fail(`${code.message}（${name}）`);
        continue;
      }
      const keys = [`url:${url.value.id}`, ...(code.value ? [`code:${code.value}`] : [])];
      const dup = keys.map((k) => seen.get(k)).find((l) => l !== undefined);
      if (dup !== undefined) {
        fail(`与第${dup}行重复（网址或网站标识码相同）：${name}`);
        continue;
      }
      for (const k of keys) seen.set(k, rec.line);
      sites.push({
        id: url.value.id,
        kind,
        name,
        hosts: url.value.hosts,
        url: url.value.url,
        siteCode: code.value,
        sponsor,
        unit,
        platform: '',
        onRoster: true,
        rosterIndex: sites.length,
        updatedAt: options.now,
      });
    } else {
      const platform = cleanName(cell(cells, 'platform'));
      const key = `nm:${platform}\u0000${name}`;
      const dup = seen.get(key);
      if (dup !== undefined) {
        fail(`与第${dup}行重复（同一平台的同名账号）：${name}`);
        continue;
      }
      seen.set(key, rec.line);
      sites.push({
        id: `nm-${platform}-${name}`,
        kind,
        name,
        // Accounts live on shared platforms (weibo.com, mp.weixin.qq.com): a host would match every account.
        hosts: [],
        url: cleanCell(cell(cells, 'url')),
        siteCode: '',
        sponsor,
        unit,
        platform,
        onRoster: true,
        rosterIndex: sites.length,
        updatedAt: options.now,
      });
    }
  }
  return { sites, errors, encoding: 'utf-8', kind, headerLine: records[header.at]!.line, columns };
}
