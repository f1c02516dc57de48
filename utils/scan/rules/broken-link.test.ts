// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { rule } from './broken-link';
import { classifyLink } from '../../net/classify';

const link = (url: string, text: string) => ({ url, text, quote: { exact: text, prefix: '', suffix: '' }, sameSite: true });

describe('broken-link', () => {
  it('reports each broken link on its text, with the address and reason as evidence', () => {
    const found = rule.check([
      { link: link('http://a.gov.cn/gone.html', '已删除的通知'), verdict: classifyLink({ url: 'http://a.gov.cn/gone.html', status: 404 }) },
      { link: link('http://a.gov.cn/ok.html', '正常的通知'), verdict: classifyLink({ url: 'http://a.gov.cn/ok.html', status: 200, title: '正常' }) },
      { link: link('http://a.gov.cn/loop', '循环'), verdict: classifyLink({ url: 'http://a.gov.cn/loop', status: null, netError: 'net::ERR_TOO_MANY_REDIRECTS' }) },
    ]);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({ quote: '已删除的通知', detail: { href: 'http://a.gov.cn/gone.html', reason: 'HTTP 404', kind: 'http' } });
    expect(found[1]!.message).toContain('重定向循环');
  });

  it('reports nothing when every link opens', () => {
    expect(rule.check([{ link: link('http://a.gov.cn/ok.html', '正常'), verdict: classifyLink({ url: 'http://a.gov.cn/ok.html', status: 200 }) }])).toEqual([]);
  });
});
