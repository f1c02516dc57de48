// @vitest-environment node
// The workspace's pure logic (verdicts, coverage, the all-findings list): no IndexedDB needed.
import { describe, expect, it } from 'vitest';
import * as ws from './workspace';
import type { Finding, PageRecord, Site } from './types';

const NOW = Date.UTC(2025, 2, 20, 2, 0); // 2025-03-20 10:00 China time (2025Q1)

function finding(over: Partial<Finding>): Finding {
  return {
    id: over.id ?? `f${Math.random()}`,
    fingerprint: over.fingerprint ?? `fp${Math.random()}`,
    roundId: '2025Q1',
    siteId: 's1',
    pageUrl: 'www.sfx.gov.cn/',
    pageTitle: '',
    ruleId: 'typo',
    source: 'auto',
    severity: 'deduct',
    status: 'open',
    review: false,
    message: 'm',
    category: '其他',
    quote: null,
    detail: {},
    note: '',
    dismissReason: '',
    rectification: '',
    inspector: '',
    createdAt: NOW,
    updatedAt: NOW,
    stillPresent: true,
    ...over,
  };
}

function page(url: string, title: string, pageType: string, columns: PageRecord['columns'] = [], siteId = 's1'): PageRecord {
  return { url, roundId: '2025Q1', siteId, title, pageType, lastScanned: NOW, latestDate: null, columns };
}

describe('verdicts', () => {
  it('is 不合格 only for a confirmed 单项否决, not an open one', () => {
    expect(ws.siteVerdict([finding({ severity: 'veto' })]).qualified).toBe(true);
    const v = ws.siteVerdict([finding({ severity: 'veto', status: 'confirmed' })]);
    expect(v.qualified).toBe(false);
    expect(v.vetoes).toBe(1);
    expect(ws.siteVerdict([finding({ severity: 'veto', status: 'dismissed' })]).qualified).toBe(true);
  });

  it('is 不合格 when five 2-week/6-month columns are stale, with the reason for the sheet', () => {
    const stale = ['要闻动态', '工作动态', '通知公告', '政策文件', '部门动态'].map((column, k) =>
      finding({ ruleId: 'column-stale', detail: { column, cls: k < 2 || k === 4 ? 'news' : 'notice', href: `http://www.sfx.gov.cn/col/${k}/` } }),
    );
    expect(ws.siteVerdict(stale.slice(0, 4)).qualified).toBe(true);
    const v = ws.siteVerdict(stale);
    expect(v.qualified).toBe(false);
    expect(v.reasons[0]).toContain('共5个');
    // A carried-over finding not yet re-checked is last round's problem, not this round's.
    expect(ws.siteVerdict([...stale.slice(0, 4), { ...stale[4]!, carriedFrom: 'x' }]).qualified).toBe(true);
  });

  it('summarises sites in one pass: pages, live findings by severity, statuses', () => {
    const sites = [{ id: 's1', name: 'A' }, { id: 's2', name: 'B' }] as Site[];
    const pages = [{ siteId: 's1', lastScanned: 5 }, { siteId: 's1', lastScanned: 9 }] as PageRecord[];
    const rows = ws.summariseSites(sites, pages, [
      finding({ severity: 'veto', status: 'confirmed' }),
      finding({ status: 'dismissed' }),
      finding({ severity: 'hint' }),
    ]);
    expect(rows[0]).toMatchObject({ pages: 2, lastVisited: 9, bySeverity: { veto: 1, deduct: 0, hint: 1 }, byStatus: { open: 1, confirmed: 1, dismissed: 1, fixed: 0 } });
    expect(rows[0]!.verdict.qualified).toBe(false);
    expect(rows[1]).toMatchObject({ pages: 0, lastVisited: null });
    expect(rows[1]!.verdict.qualified).toBe(true);
  });
});

describe('coverage of the key columns', () => {
  it('derives opened columns from 更多 links, titles and folders, never from the home page alone', () => {
    const home = page('www.sfx.gov.cn/', '示范县人民政府', 'home', [
      { name: '要闻动态', itemCount: 4, newest: null, href: 'http://www.sfx.gov.cn/col/a1/', cls: 'news' },
      { name: '通知公告', itemCount: 3, newest: null, href: 'http://www.sfx.gov.cn/col/b2/', cls: 'notice' },
      { name: '政策解读', itemCount: 3, newest: null, href: 'http://www.sfx.gov.cn/col/c3/', cls: 'other' },
    ]);
    expect(ws.coverageOf([home]).get('s1')).toBeUndefined();
    const cov = ws.coverageOf([
      home,
      page('www.sfx.gov.cn/col/a1/', '列表页', 'list'), // linked from the home page's 要闻动态
      page('www.sfx.gov.cn/col/x/', '通知公告_示范县人民政府', 'list'), // its title names it
      page('www.sfx.gov.cn/xxgk/2025/t1.html', '关于印发某某办法的通知_示范县人民政府', 'article'), // folder xxgk
      page('other.gov.cn/hdjl/', '首页', 'list', [], 's2'),
    ]).get('s1')!;
    expect(Object.keys(cov).sort()).toEqual(['政府信息公开', '要闻动态', '通知公告'].sort());
    expect(cov['要闻动态']!.url).toBe('www.sfx.gov.cn/col/a1/');
    // An article titled "…的通知" is not the 通知公告 column itself.
    expect(cov['通知公告']!.url).toBe('www.sfx.gov.cn/col/x/');
  });

  it('tells 政策解读 from 政策文件 and 信息公开 from 公告', () => {
    expect(ws.keyColumnOfName('政策解读')).toBe('政策解读');
    expect(ws.keyColumnOfName('政策文件')).toBe('政策文件');
    expect(ws.keyColumnOfName('政府信息公开')).toBe('政府信息公开');
    expect(ws.keyColumnOfName('工作动态')).toBe('要闻动态');
    expect(ws.keyColumnOfName('书记信箱')).toBe('互动交流');
    expect(ws.keyColumnOfName('机构职能')).toBeNull();
  });
});

describe('the all-findings list', () => {
  // How fast: npm run bench (filterMs), not a timed unit test.
  it('filters 50,000 findings by text, status, severity, rule and site', () => {
    const many: Finding[] = [];
    for (let i = 0; i < 50_000; i++) {
      many.push(finding({ id: `f${i}`, siteId: `s${i % 50}`, severity: (['veto', 'deduct', 'hint'] as const)[i % 3], status: i % 7 === 0 ? 'dismissed' : 'open', ruleId: i % 2 ? 'typo' : 'column-stale', message: i === 778 ? '错别字“按步就班”' : `问题${i}` }));
    }
    const names = new Map(Array.from({ length: 50 }, (_, k) => [`s${k}`, `站点${k}`]));
    const sorted = ws.sortFindings(many, names);
    const hits = ws.filterFindings(sorted, { ...ws.EMPTY_FILTER, text: '按步' }, names);
    const live = ws.filterFindings(sorted, ws.EMPTY_FILTER, names);
    expect(hits.map((f) => f.id)).toEqual(["f778"]);
    expect(live.length).toBe(50_000 - Math.ceil(50_000 / 7));
    expect(ws.filterFindings(sorted, { ...ws.EMPTY_FILTER, status: 'all', severity: 'veto', ruleId: 'typo', siteId: 's1' }, names).every((f) => f.siteId === 's1' && f.severity === 'veto' && f.ruleId === 'typo')).toBe(true);
    expect(ws.filterFindings(sorted, { ...ws.EMPTY_FILTER, text: '站点3' }, names).length).toBeGreaterThan(0);
  });
});

describe('coverage follows the column map', () => {
  it('counts a 解读 article under 政策解读, not under its parent 政策文件', () => {
    const home = page('www.sfx.gov.cn/', '示范县人民政府', 'home', [
      { name: '政策文件', itemCount: 4, newest: null, href: 'http://www.sfx.gov.cn/zcwj/', cls: 'notice' },
      { name: '政策解读', itemCount: 3, newest: null, href: 'http://www.sfx.gov.cn/zcwj/jiedu/index.html', cls: 'other' },
    ]);
    const article = page('www.sfx.gov.cn/zcwj/jiedu/202501/t20250110_9.html', '一图读懂某某办法_示范县人民政府', 'article');
    const cov = ws.coverageOf([home, article]).get('s1')!;
    expect(Object.keys(cov)).toEqual(['政策解读']);
    // By folder names alone, the deepest one decides as well.
    const byPath = ws.coverageOf([page('www.sfx.gov.cn/zcwj/zcjd/t1.html', '某某解读_示范县人民政府', 'article')]).get('s1')!;
    expect(Object.keys(byPath)).toEqual(['政策解读']);
  });

  it('uses the inspector-corrected name the scan stored', () => {
    const home = page('www.sfx.gov.cn/', '示范县人民政府', 'home', [{ name: '通知公告', itemCount: 2, newest: null, href: 'http://www.sfx.gov.cn/col/col77/index.html', cls: 'notice', corrected: true }]);
    const list = page('www.sfx.gov.cn/col/col77/index.html', '信息发布_示范县人民政府', 'list');
    expect(Object.keys(ws.coverageOf([home, list]).get('s1')!)).toEqual(['通知公告']);
  });
});
