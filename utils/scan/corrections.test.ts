import { describe, expect, it } from 'vitest';
import { columnsOf } from './columns';
import { columnMap, mapLabel } from './column-map';
import { selectorOf, siteKeyOf, validCorrection, type ColumnCorrection } from './corrections';
import { PageModel } from './page';
import { docFromHtml } from './testing';
import { DEFAULT_THRESHOLDS, type ScanContext } from './types';

const HOME = `<div class="box" id="gzdt"><h3>工作动态</h3><ul><li><a href="/a1.html">县政府召开常务会议研究部署重点工作</a><span>2024-09-20</span></li><li><a href="/a2.html">全县秋季安全生产大检查启动</a><span>2024-09-12</span></li></ul></div>
<div class="box"><h3>热门专题</h3><ul><li><a href="/z1.html">学习贯彻党的二十届三中全会精神专题</a><span>2023-01-05</span></li><li><a href="/z2.html">优化营商环境专题报道汇总</a><span>2022-12-01</span></li></ul></div>
<div class="side"><p>便民服务</p><div class="bm"><a href="/bs/1.html">社保查询服务入口说明</a> 2024-03-01<br><a href="/bs/2.html">公积金查询服务入口说明</a> 2024-02-01</div></div>`;
const URL = 'https://www.sfx.gov.cn/';
const ctx = (corrections: ColumnCorrection[] = []): ScanContext => ({ monitoringDate: '2024-10-11', thresholds: DEFAULT_THRESHOLDS, columnCorrections: corrections });
const page = (html = HOME) => new PageModel(docFromHtml(`<html><body>${html}</body></html>`), URL);

function correction(p: Partial<ColumnCorrection> & { selector: string; anchor: string }): ColumnCorrection {
  return { id: `c-${p.selector}`, site: 'sfx.gov.cn', pageUrl: URL, originalName: p.anchor, updatedAt: 1, ...p };
}

describe('column corrections', () => {
  it('renames, reclassifies, marks blank, and drops a block that is not a column', () => {
    const first = columnMap(page(), ctx());
    expect(first.map((e) => e.name)).toEqual(['工作动态', '热门专题']);
    const [gzdt, zt] = first;
    const corrected = columnsOf(page(), ctx([
      correction({ selector: gzdt.selector, anchor: gzdt.anchor, name: '部门动态', cls: 'other' }),
      correction({ selector: zt.selector, anchor: zt.anchor, notColumn: true }),
    ]));
    expect(corrected.map((c) => [c.name, c.cls, !!c.correctionId])).toEqual([['部门动态', 'other', true]]);
    const blank = columnsOf(page(), ctx([correction({ selector: gzdt.selector, anchor: gzdt.anchor, blank: true })]));
    expect(blank[0]).toMatchObject({ name: '工作动态', blank: true, placeholder: '人工认定为空白栏目' });
  });

  it('adds a missed block with its newest date', () => {
    const doc = page().doc;
    const bm = doc.querySelector('.side')!;
    const added = correction({ selector: selectorOf(bm), anchor: '便民服务', added: true, name: '便民服务', originalName: '便民服务' });
    const cols = columnsOf(page(), ctx([added]));
    expect(cols.find((c) => c.name === '便民服务')).toMatchObject({ newest: '2024-03-01', blank: false, cls: 'other' });
  });

  it('finds its block again after a re-render moved it (text anchor)', () => {
    const [gzdt] = columnMap(page(), ctx());
    const moved = `<div class="banner"><img src="/b.png"></div><div class="wrap">${HOME}</div>`;
    const cols = columnsOf(page(moved), ctx([correction({ selector: gzdt.selector.replace('#gzdt', 'body > div:nth-of-type(1)'), anchor: gzdt.anchor, name: '部门动态' })]));
    expect(cols.map((c) => c.name)).toContain('部门动态');
  });

  it('labels the outline with class, newest date and age; rejects malformed records', () => {
    const [gzdt, zt] = columnMap(page(), ctx());
    expect(mapLabel(gzdt)).toBe('工作动态 · 2周 · 最新 2024-09-20（21天，超期）');
    expect(mapLabel(zt)).toBe('热门专题 · 1年 · 最新 2023-01-05（645天，超期）');
    expect(siteKeyOf('https://WWW.sfx.gov.cn/x')).toBe('sfx.gov.cn');
    expect(validCorrection({ ...correction({ selector: 'body', anchor: 'x' }) })).toBe(true);
    expect(validCorrection({ ...correction({ selector: 'body', anchor: 'x' }), cls: 'weekly' })).toBe(false);
    expect(validCorrection({ id: 1 })).toBe(false);
  });
});
