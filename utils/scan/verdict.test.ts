// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { siteFreshnessVerdict, type VerdictFinding } from './verdict';

const stale = (column: string, cls: string, extra: Partial<VerdictFinding> = {}): VerdictFinding => ({
  ruleId: 'column-stale',
  status: 'open',
  detail: { column, cls, href: `https://x.gov.cn/${encodeURIComponent(column)}/` },
  pageUrl: 'https://x.gov.cn/',
  ...extra,
});
const blank = (column: string, extra: Partial<VerdictFinding> = {}): VerdictFinding => ({
  ruleId: 'blank-column',
  status: 'open',
  detail: { column, href: null },
  pageUrl: 'https://x.gov.cn/',
  ...extra,
});

describe('siteFreshnessVerdict', () => {
  it('passes a site with 4 stale short-cycle columns', () => {
    const v = siteFreshnessVerdict(['a', 'b', 'c', 'd'].map((n) => stale(n, 'news')));
    expect(v.veto).toBe(false);
    expect(v.staleShort).toMatchObject({ count: 4, threshold: 5, reached: false });
    expect(v.reasons).toEqual([]);
  });

  it('vetoes at 5 stale 2-week/6-month columns, mixing news and notice', () => {
    const v = siteFreshnessVerdict([stale('a', 'news'), stale('b', 'news'), stale('c', 'notice'), stale('d', 'notice'), stale('e', 'news')]);
    expect(v.veto).toBe(true);
    expect(v.reasons[0]).toContain('共5个');
  });

  it('counts a column once across pages (same name and list address)', () => {
    const v = siteFreshnessVerdict([
      stale('通知公告', 'notice'),
      stale('通知公告', 'notice', { pageUrl: 'https://x.gov.cn/tzgg/' }),
      { ...stale('通知公告', 'notice'), detail: { column: '通知公告', cls: 'notice', href: 'https://x.gov.cn/%E9%80%9A%E7%9F%A5%E5%85%AC%E5%91%8A/index.html' } },
    ]);
    expect(v.staleShort.count).toBe(1);
  });

  it('ignores dismissed findings and unconfirmed 待核实 ones', () => {
    const items = ['a', 'b', 'c', 'd'].map((n) => stale(n, 'news'));
    items.push(stale('e', 'news', { status: 'dismissed' }));
    items.push(blank('x', { review: true }));
    const v = siteFreshnessVerdict(items);
    expect(v.veto).toBe(false);
    expect(v.blank.count).toBe(0);
  });

  it('counts 1-year columns only toward the long-stale threshold of 10', () => {
    const other = Array.from({ length: 10 }, (_, i) => stale(`其他${i}`, 'other'));
    const v = siteFreshnessVerdict(other);
    expect(v.staleShort.count).toBe(0);
    expect(v.staleLong).toMatchObject({ count: 10, reached: true });
    // Short-cycle columns are not counted a second time as long-stale.
    expect(siteFreshnessVerdict([stale('a', 'news')]).staleLong.count).toBe(0);
    expect(v.veto).toBe(true);
  });

  it('vetoes at 5 blank columns and on a stale home page alone', () => {
    expect(siteFreshnessVerdict(['a', 'b', 'c', 'd', 'e'].map((n) => blank(n))).veto).toBe(true);
    expect(siteFreshnessVerdict(['a', 'b', 'c', 'd'].map((n) => blank(n))).veto).toBe(false);
    const home = siteFreshnessVerdict([{ ruleId: 'home-stale', status: 'confirmed', detail: {}, pageUrl: 'https://x.gov.cn/' }]);
    expect(home).toMatchObject({ veto: true, homeStale: true });
    const reviewed = siteFreshnessVerdict([{ ruleId: 'home-stale', status: 'open', review: true, detail: {}, pageUrl: 'https://x.gov.cn/' }]);
    expect(reviewed.veto).toBe(false);
  });
});

describe('siteFreshnessVerdict counts each column once', () => {
  it('puts a column in exactly one of 2周/6个月, 长期未更新 and 空白, and lists 待核实 ones apart', () => {
    const v = siteFreshnessVerdict([
      stale('工作动态', 'news'),
      stale('统计数据', 'other'),
      blank('人事信息'),
      // Shown with items on one page and blank on another: counted as stale only.
      stale('政策文件', 'notice'),
      { ...blank('政策文件'), detail: { column: '政策文件', href: 'https://x.gov.cn/%E6%94%BF%E7%AD%96%E6%96%87%E4%BB%B6/' } },
      stale('通知公告', 'notice', { review: true }),
    ]);
    expect(v.staleShort.columns.sort()).toEqual(['工作动态', '政策文件'].sort());
    expect(v.staleLong.columns).toEqual(['统计数据']);
    expect(v.blank.columns).toEqual(['人事信息']);
    expect(v.staleShort.pending).toEqual(['通知公告']);
    const all = [...v.staleShort.columns, ...v.staleLong.columns, ...v.blank.columns];
    expect(new Set(all).size).toBe(all.length);
  });
});
