import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isWeixinArticleUrl, parseWeixinArticle, parseWeixinDateText } from './weixin';

const html = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'weixin-article.html'), 'utf8');
const parse = (s: string) => new DOMParser().parseFromString(s, 'text/html');

describe('parseWeixinArticle on a mp.weixin.qq.com article page', () => {
  it('reads the account name from #js_name, not the article author or og:site_name', () => {
    const a = parseWeixinArticle(parse(html));
    expect(a.accountName).toBe('示范县发布');
    expect(a.title).toBe('示范县召开2025年一季度经济运行分析会');
  });

  it('takes the publish date from the server-written instant, in China time', () => {
    // ct = 2025-03-12T17:30Z, which is already 3月13日 01:30 in Beijing.
    const a = parseWeixinArticle(parse(html));
    expect(a.publishDate).toBe('2025-03-13');
    expect(a.dateSource).toBe('script');
  });

  it('falls back to the visible date once the page script filled #publish_time', () => {
    const doc = parse(html.replace(/<script type="text\/javascript" nonce[\s\S]*?<\/script>/, ''));
    expect(parseWeixinArticle(doc).publishDate).toBeNull();
    doc.querySelector('#publish_time')!.textContent = '2025年3月13日 01:30';
    const a = parseWeixinArticle(doc);
    expect(a.publishDate).toBe('2025-03-13');
    expect(a.dateSource).toBe('page');
    expect(a.accountName).toBe('示范县发布');
  });

  it('uses the script nickname when the header has not rendered', () => {
    const doc = parse(html);
    doc.querySelector('#js_name')!.remove();
    doc.querySelector('.profile_nickname')!.remove();
    expect(parseWeixinArticle(doc).accountName).toBe('示范县发布');
  });

  it('returns nulls on a page that is not a WeChat article', () => {
    const a = parseWeixinArticle(parse('<html><head><meta name="author" content="张三"><meta property="og:site_name" content="微信公众平台"></head><body><p>发布时间 2025-01-01</p></body></html>'));
    expect(a).toEqual({ accountName: null, publishDate: null, title: null, dateSource: null });
  });
});

describe('helpers', () => {
  it('recognises article urls only', () => {
    expect(isWeixinArticleUrl('https://mp.weixin.qq.com/s?__biz=MzA4&mid=1&idx=1&sn=x')).toBe(true);
    expect(isWeixinArticleUrl('https://mp.weixin.qq.com/s/AbCdEf123')).toBe(true);
    expect(isWeixinArticleUrl('https://mp.weixin.qq.com/mp/profile_ext?action=home')).toBe(false);
    expect(isWeixinArticleUrl('https://weixin.qq.com.evil.cn/s/x')).toBe(false);
  });

  it('parses absolute date texts and rejects impossible or relative ones', () => {
    expect(parseWeixinDateText('2025-03-12 18:00')).toBe('2025-03-12');
    expect(parseWeixinDateText('2024年2月29日 08:00')).toBe('2024-02-29');
    expect(parseWeixinDateText('2025年2月29日')).toBeNull();
    expect(parseWeixinDateText('昨天 18:00')).toBeNull();
  });
});
