import { beforeAll, describe, expect, it } from 'vitest';
import { rule } from './blank-column';
import { loadFixture, loadPage } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';

// Parse the real pages before the tests: parsing is set-up (once per file), not the rule under test.
beforeAll(() => { for (const name of ['010-wanzai-tjgb-2015-article.html', '014-yichun-portal-home-raw.html']) loadFixture(name); });

const ctx = { monitoringDate: '2023-10-11', thresholds: DEFAULT_THRESHOLDS };

describe('blank-column', () => {
  it('flags placeholder-only columns on a county home (synthetic)', () => {
    const out = rule.check(loadPage('synthetic-county-home.html', 'https://www.example.gov.cn/'), ctx);
    expect(out.map((f) => f.detail?.column)).toEqual(['政策解读', '人事信息']);
    expect(out[0]).toMatchObject({ message: '栏目“政策解读”为空白栏目（仅显示“暂无信息”）', quote: '暂无信息' });
    expect(out.every((f) => !f.review)).toBe(true);
  });

  it('flags a 信息公开 list page rendering an empty table, named from the breadcrumb', () => {
    const out = rule.check(loadPage('synthetic-list-blank.html', 'https://fgw.example.gov.cn/xxgk/ghjh/index.html'), ctx);
    expect(out).toHaveLength(1);
    expect(out[0].detail?.column).toBe('规划计划');
  });

  it('reports script-filled empty lists (宜春 在线访谈) only as 待核实', () => {
    const out = rule.check(loadPage('014-yichun-portal-home-raw.html'), ctx);
    expect(out.length).toBeGreaterThan(0);
    expect(out.filter((f) => !f.review)).toHaveLength(0);
  });

  it('does not fire on a stale but non-empty home or on articles', () => {
    expect(rule.check(loadPage('synthetic-stale-home.html', 'https://zz.example.gov.cn/'), ctx)).toHaveLength(0);
    expect(rule.check(loadPage('010-wanzai-tjgb-2015-article.html'), ctx)).toHaveLength(0);
  });
});
