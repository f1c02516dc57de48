import { describe, expect, it } from 'vitest';
import { docFromHtml, pageFromHtml } from './testing';
import { scanDocument } from './scan';
import { columnsOf, pageColumnName } from './columns';
import { DEFAULT_THRESHOLDS } from './types';

const ctx = { monitoringDate: '2025-03-20', thresholds: DEFAULT_THRESHOLDS };
const head = (column: string) => `<head><meta name="ColumnName" content="${column}"><title>${column}_示范县人民政府</title></head>`;

describe('page type of a column page at a folder address', () => {
  it('a short dated list is a list page, its column named from the page, not from a search box', () => {
    const page = pageFromHtml(
      `<html>${head('通知公告')}<body><form class="search"><input placeholder="请输入关键字"><button>示范县人民政府搜索</button></form>
       <div class="crumb">当前位置：首页 &gt; 通知公告</div>
       <table><tr><td><a href="/a1.html">关于开展统计执法检查的通知</a></td><td>2024年9月1日</td></tr>
       <tr><td><a href="/a2.html">关于做好冬春季节安全生产工作的通知</a></td><td>2024年8月2日</td></tr>
       <tr><td><a href="/a3.html">行政审批服务事项调整公告</a></td><td>2024年7月3日</td></tr></table></body></html>`,
      'http://www.sfx.gov.cn/col/tzgg/',
    );
    expect(page.pageType).toBe('list');
    const [col] = columnsOf(page, ctx);
    expect(col).toMatchObject({ name: '通知公告', newest: '2024-09-01', cls: 'notice' });
  });

  it('an empty column page is a list page with a blank column named after it', () => {
    const page = pageFromHtml(
      `<html>${head('乡村振兴')}<body><form class="search"><button>示范县人民政府搜索</button></form>
       <div class="crumb">当前位置：首页 &gt; 乡村振兴</div><ul class="list"><li>暂无信息</li></ul></body></html>`,
      'http://www.sfx.gov.cn/col/xczx/',
    );
    expect(page.pageType).toBe('list');
    expect(columnsOf(page, ctx).map((c) => [c.name, c.blank])).toEqual([['乡村振兴', true]]);
  });

  it('names the column from a 当前位置 line without a breadcrumb class, the whole line not its label', () => {
    const page = pageFromHtml(
      `<html><head><title>某文章</title></head><body><table><tr><td><div><span>您的位置：</span><a href="/">首页</a> &gt; <a href="/col/zcjd/">政策解读</a></div></td></tr></table>
       <p>${'正文内容。'.repeat(40)}</p></body></html>`,
      'http://www.sfx.gov.cn/art/2024/9/1/art_1_1.html',
    );
    expect(pageColumnName(page)).toBe('政策解读');
  });

  it('the full scan keeps that column name after the rules have read the breadcrumb', async () => {
    const html = `<html><head><title>某文章</title></head><body><div class="position">您的位置：<a href="/">首页</a> &gt; <a href="/col/zcjd/">政策解读</a></div>
       <h1>关于某政策的解读</h1><p>${'正文内容。'.repeat(40)}</p></body></html>`;
    const result = await scanDocument(docFromHtml(html), 'http://www.sfx.gov.cn/art/2024/9/1/art_1_1.html', ctx);
    expect(result.columnName).toBe('政策解读');
  });

  it('a folder page that declares an article stays an article', () => {
    const page = pageFromHtml(`<html><head><meta name="ArticleTitle" content="公告"><title>公告</title></head><body><p>正文</p></body></html>`, 'http://www.sfx.gov.cn/xxgk/');
    expect(page.pageType).not.toBe('list');
  });
});

describe('home page addresses', () => {
  const html = '<html><body><p>首页</p></body></html>';
  it('recognises /, /index.html, /index.shtml, /index.jhtml and /index.htm', () => {
    for (const path of ['/', '/index.html', '/index.shtml', '/index.jhtml', '/index.htm']) {
      expect(pageFromHtml(html, `https://www.sfx.gov.cn${path}`).pageType, path).toBe('home');
    }
  });
  it('recognises the roster home address, even off the root', async () => {
    const url = 'https://www.sfx.gov.cn/portal/main.jsp';
    const doc = docFromHtml(html);
    expect((await scanDocument(doc, url, ctx)).pageType).not.toBe('home');
    expect((await scanDocument(doc, url, { ...ctx, homeUrl: 'http://sfx.gov.cn/portal/main.jsp' })).pageType).toBe('home');
  });
});
