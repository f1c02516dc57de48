/** Coverage of the key columns: part of the quarter's workspace (see workspace.ts). */
import type { PageRecord } from './types';
import { normaliseUrl } from './keys';

export const KEY_COLUMNS = ['要闻动态', '通知公告', '政策文件', '政策解读', '政府信息公开', '互动交流'] as const;
export type KeyColumn = (typeof KEY_COLUMNS)[number];

/** Column names as sites spell them; order matters (解读 before 文件, 信息公开 before 公告). */
const NAME_PATTERNS: [KeyColumn, RegExp][] = [
  ['政策解读', /解读/],
  ['政府信息公开', /信息公开|政务公开|公开目录|公开指南|公开年报/],
  ['互动交流', /互动|留言|信箱|咨询|征集|访谈|调查|问政|诉求|回应/],
  ['通知公告', /通知|公告|公示|通告/],
  ['政策文件', /政策|文件|法规|规章|规范性/],
  ['要闻动态', /要闻|动态|新闻|资讯|时政|工作信息|快讯|头条/],
];

/** Path segments CMSs use for the key columns (pinyin initials). */
const PATH_SEGMENTS: Record<string, KeyColumn> = {
  ywdt: '要闻动态', jryw: '要闻动态', gzdt: '要闻动态', zwdt: '要闻动态', xwzx: '要闻动态', xwdt: '要闻动态', news: '要闻动态',
  tzgg: '通知公告', gsgg: '通知公告', notice: '通知公告',
  zcwj: '政策文件', zfwj: '政策文件', gfxwj: '政策文件', zcfg: '政策文件',
  zcjd: '政策解读', jd: '政策解读',
  xxgk: '政府信息公开', zfxxgk: '政府信息公开', zwgk: '政府信息公开',
  hdjl: '互动交流', zmhd: '互动交流', gzcy: '互动交流', hudong: '互动交流',
};

export function keyColumnOfName(name: string): KeyColumn | null {
  const n = name.replace(/\s+/g, '');
  if (!n || n.length > 20) return null;
  for (const [col, re] of NAME_PATTERNS) if (re.test(n)) return col;
  return null;
}

function pathColumn(url: string): KeyColumn | null {
  const path = url.replace(/^[^/]*/, '').split('?')[0] ?? '';
  const segments = path.split('/').filter(Boolean);
  // The last segment is the page itself (t2025…_123.html, index.html): only folders name columns.
  // The deepest folder wins: /zcwj/zcjd/ is 政策解读 even under 政策文件.
  let found: KeyColumn | null = null;
  for (const seg of segments.slice(0, /\.\w+$/.test(path) ? -1 : undefined)) found = PATH_SEGMENTS[seg.toLowerCase()] ?? found;
  return found;
}

/** Title segments that may name the column: "通知公告_某某县人民政府", "标题_通知公告_某某县…". */
function titleNames(p: PageRecord): string[] {
  const parts = p.title.split(/\s*[_|\-–—]\s*/).map((s) => s.trim()).filter(Boolean);
  if (parts.length <= 1) return p.pageType === 'article' ? [] : parts;
  const inner = parts.slice(0, -1); // the last part is the site's name
  return p.pageType === 'article' ? inner.slice(1) : inner;
}

export interface CoverageHit {
  url: string;
  title: string;
}

export type SiteCoverage = Partial<Record<KeyColumn, CoverageHit>>;

/**
 * Which key columns each site's visited pages belong to. A page is a column page when another
 * page linked to it as that column's "更多" list, when its title names the column, or when its
 * folder is the column's usual path. Home pages do not count: seeing a column's headlines on
 * the home page is not opening the column.
 */
export function coverageOf(pages: PageRecord[]): Map<string, SiteCoverage> {
  // The column map of the visited pages (corrections applied by the scan): each column's list
  // folder. A page under several of them belongs to the deepest one, so a 解读 article under
  // /zcwj/zcjd/ counts for 政策解读, not for its parent 政策文件.
  const folderColumn = new Map<string, KeyColumn>();
  for (const p of pages) {
    for (const c of p.columns) {
      if (!c.href) continue;
      const col = keyColumnOfName(c.name);
      const folder = folderOf(normaliseUrl(c.href));
      // A "more" link to the site root names no folder of its own.
      if (col && /\/[^/]+\/$/.test(folder)) folderColumn.set(folder, col);
    }
  }
  const out = new Map<string, SiteCoverage>();
  for (const p of pages) {
    if (p.pageType === 'home') continue;
    const cols = new Set<KeyColumn>();
    const linked = mapColumn(folderColumn, normaliseUrl(`http://${p.url}`));
    if (linked) cols.add(linked);
    // An article's column is named too, but reading one article is not opening the column's list.
    const own = p.columnName && p.pageType !== 'article' ? [p.columnName] : [];
    for (const name of [...own, ...titleNames(p)]) {
      const c = keyColumnOfName(name);
      if (c) cols.add(c);
    }
    const byPath = linked ? null : pathColumn(p.url);
    if (byPath) cols.add(byPath);
    if (cols.size === 0) continue;
    let cov = out.get(p.siteId);
    if (!cov) out.set(p.siteId, (cov = {}));
    for (const c of cols) if (!cov[c]) cov[c] = { url: p.url, title: p.title };
  }
  return out;
}

/** "host/a/b/t1.html" → "host/a/b/"; folders stay as they are. */
function folderOf(key: string): string {
  const q = key.indexOf('?');
  const path = q < 0 ? key : key.slice(0, q);
  return /\/[^/]*\.\w+$/.test(path) ? path.replace(/[^/]*$/, '') : path.endsWith('/') ? path : `${path}/`;
}

/** The key column of the deepest mapped list folder holding this page. */
function mapColumn(folderColumn: Map<string, KeyColumn>, key: string): KeyColumn | null {
  for (let folder = folderOf(key); /\/[^/]+\/$/.test(folder); folder = folder.replace(/[^/]*\/$/, '')) {
    const col = folderColumn.get(folder);
    if (col) return col;
  }
  return null;
}
