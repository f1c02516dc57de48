import { beforeAll, describe, expect, it } from 'vitest';
import { classifyColumn, columnsOf } from './columns';
import { loadFixture, loadPage, pageFromHtml } from './testing';
import { DEFAULT_THRESHOLDS } from './types';

// Parse the real pages before the tests: parsing is set-up (once per file), not the rule under test.
beforeAll(() => { for (const name of ['005-nfra-penalty-article.html', '014-yichun-portal-home-raw.html']) loadFixture(name); });

const ctx = { monitoringDate: '2023-10-11', thresholds: DEFAULT_THRESHOLDS };
const summary = (page: ReturnType<typeof loadPage>) => columnsOf(page, ctx).map((c) => [c.name, c.newest, c.blank]);

describe('columnsOf', () => {
  it('reads the 宜春 portal tab blocks, MM-dd dates and 更多 links', () => {
    const cols = columnsOf(loadPage('014-yichun-portal-home-raw.html'), ctx);
    const byName = Object.fromEntries(cols.map((c) => [c.name, c]));
    expect(byName['政务要闻']).toMatchObject({ newest: '2023-10-11', cls: 'news', href: 'https://www.yichun.gov.cn/ycsrmzf/zwyw/list.shtml' });
    expect(byName['部门信息']).toMatchObject({ newest: '2023-10-11', href: 'https://www.yichun.gov.cn/ycsrmzf/bmxx/list.shtml' });
    // The 最新政府文件 sub-list and the MM-dd list of the same pane are one column.
    expect(byName['政府文件']).toMatchObject({ newest: '2023-09-22', cls: 'notice' });
    expect(byName['政府文件'].items).toHaveLength(9);
    expect(byName['最新政府文件']).toBeUndefined();
  });

  it('reads layout tables, div grids and hidden tab panes; ignores the clock and footer', () => {
    expect(summary(loadPage('synthetic-county-home.html', 'https://www.example.gov.cn/'))).toEqual([
      ['工作动态', '2023-09-20', false],
      ['通知公告', '2023-03-01', false],
      ['乡镇动态', '2023-09-25', false],
      ['部门动态', '2023-10-09', false],
      ['政策解读', null, true],
      ['人事信息', null, true],
    ]);
  });

  it('names a list page after its breadcrumb', () => {
    const cols = columnsOf(loadPage('synthetic-list-burst.html', 'https://nync.example.gov.cn/gzdt/index.html'), ctx);
    expect(cols).toHaveLength(1);
    expect(cols[0]).toMatchObject({ name: '工作动态', newest: '2023-10-08', href: 'https://nync.example.gov.cn/gzdt/index.html' });
    expect(cols[0].items).toHaveLength(7);
  });

  it('finds no columns on article pages or in a calendar/clock-only page', () => {
    expect(columnsOf(loadPage('005-nfra-penalty-article.html'), ctx)).toHaveLength(0);
    const html = '<div>今天是2023年10月11日 星期三</div><table class="calendar"><tr><td>1</td><td>2</td></tr></table><div class="footer">版权所有 2023-10-11</div>';
    expect(columnsOf(pageFromHtml(html), ctx)).toEqual([]);
  });

  it('classifies names as the indicators group them', () => {
    expect(classifyColumn('乡镇动态')).toBe('news');
    expect(classifyColumn('图片新闻')).toBe('news');
    expect(classifyColumn('通知公告')).toBe('notice');
    expect(classifyColumn('政策文件')).toBe('notice');
    expect(classifyColumn('政策解读')).toBe('other');
    expect(classifyColumn('人事信息')).toBe('other');
  });
});

describe('columnsOf on div-block layouts (lm blocks, div.t / div.item lists)', () => {
  const lm = `<div class="lm"><div class="lm-hd">法定主动公开内容</div><ul><li>暂无信息</li></ul></div>
    <div class="lm"><div class="lm-hd">政府工作报告</div><ul></ul></div>
    <div class="lm"><div class="lm-hd">财政预决算</div><div class="lm-bd">该栏目正在建设中</div></div>`;
  const blanks = (url: string) => columnsOf(pageFromHtml(`<html><head><title>政府信息公开_示范县</title></head><body><div class="crumb">当前位置：首页 &gt; 政府信息公开</div>${lm}</body></html>`, url), ctx);

  it('finds all three blank lm blocks on a home page and at the page’s own /zwgk/ address', () => {
    for (const url of ['https://www.sfx.gov.cn/', 'https://www.sfx.gov.cn/zwgk/']) {
      expect(blanks(url).map((c) => [c.name, c.blank, c.placeholder ?? null]), url).toEqual([
        ['法定主动公开内容', true, '暂无信息'],
        ['财政预决算', true, '该栏目正在建设中'],
        ['政府工作报告', true, null],
      ]);
    }
  });

  it('reads div.t / div.item blocks with 2024年7月10日 dates as columns', () => {
    const item = (t: string, d: string) => `<div class="item"><a href="/x/${encodeURIComponent(t)}.html">${t}</a><span>${d}</span></div>`;
    const html = `<div class="t">政务动态</div><div class="items">${item('县政府召开第十次常务会议', '2024年12月30日')}${item('全县冬季森林防火工作会议召开', '2024年12月28日')}</div>
      <div class="t">公示公告</div><div class="items">${item('关于拟任职干部的公示', '2024年7月10日')}${item('政府购买服务项目公告', '2024年6月2日')}</div>`;
    const cols = columnsOf(pageFromHtml(`<html><body>${html}</body></html>`, 'https://www.sfx.gov.cn/index.html'), { ...ctx, monitoringDate: '2025-03-15' });
    expect(cols.map((c) => [c.name, c.newest, c.cls])).toEqual([
      ['政务动态', '2024-12-30', 'news'],
      ['公示公告', '2024-07-10', 'notice'],
    ]);
  });
});
