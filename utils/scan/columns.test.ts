import { describe, expect, it } from 'vitest';
import { classifyColumn, columnsOf } from './columns';
import { loadPage, pageFromHtml } from './testing';
import { DEFAULT_THRESHOLDS } from './types';

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
