import { describe, expect, it } from 'vitest';
import { collectLinks } from './collect';

function doc(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('page links to check', () => {
  const page = 'http://www.a.gov.cn/col/tzgg/index.html';
  it('collects each http(s) address once, resolved, with its text and context', () => {
    const d = doc(`<body><p>最新通知：<a href="/art/1.html#top">关于春节放假的通知</a> 发布</p>
      <a href="../../art/1.html">重复</a><a href="javascript:void(0)">打印</a><a href="mailto:x@a.gov.cn">邮箱</a><a href="#main">跳到正文</a>
      <a href="https://www.gov.cn/"><img alt="中国政府网"></a><a href="ftp://files/x">ftp</a></body>`);
    const { links, total } = collectLinks(d, page);
    expect(total).toBe(2);
    expect(links.map((l) => [l.url, l.text, l.sameSite])).toEqual([
      ['http://www.a.gov.cn/art/1.html', '关于春节放假的通知', true],
      ['https://www.gov.cn/', '中国政府网', false],
    ]);
    expect(links[0]!.quote).toEqual({ exact: '关于春节放假的通知', prefix: '最新通知：', suffix: expect.stringMatching(/^ 发布 重复打印/) });
  });

  it('checks at most `max` links and reports how many there were', () => {
    const d = doc(Array.from({ length: 30 }, (_, i) => `<a href="/a/${i}.html">第${i}条</a>`).join(''));
    const { links, total } = collectLinks(d, page, 10);
    expect(links).toHaveLength(10);
    expect(total).toBe(30);
  });

  it('resolves a fetched home page against the address it landed on, or its <base href>', () => {
    // The roster run parses the worker's fetch of http://www.a.gov.cn/ that redirected to /site/index.html.
    const landed = 'http://www.a.gov.cn/site/index.html';
    expect(collectLinks(doc('<body><a href="tzgg/1.html">通知</a></body>'), landed).links[0]!.url).toBe('http://www.a.gov.cn/site/tzgg/1.html');
    const based = doc('<head><base href="http://www.a.gov.cn/cms/"></head><body><a href="art/2.html">公告</a></body>');
    expect(collectLinks(based, landed).links[0]!.url).toBe('http://www.a.gov.cn/cms/art/2.html');
  });
});
