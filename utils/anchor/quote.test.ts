import { describe, expect, it } from 'vitest';
import { describeQuote } from './quote';
import { PageModel } from '../scan/page';

function page(html: string) {
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
  return new PageModel(doc, 'http://www.x.gov.cn/a.html');
}

describe('describeQuote', () => {
  it('takes context from the element that holds the quote, climbing until there is enough', () => {
    const p = page('<div><p>一、落实责任。</p><p>要<b id="t">按步就班</b>推进隐患排查整治，对排查发现的问题建立台账。</p></div>');
    const q = describeQuote(p, '按步就班', p.doc.getElementById('t'));
    expect(q.prefix.endsWith("一、落实责任。要")).toBe(true);
    expect(q.suffix.startsWith('推进隐患排查整治')).toBe(true);
  });

  it('falls back to the page text for quotes without an element, and to empty context when absent', () => {
    const p = page('<p>通知公告 2023-05-12</p>');
    const q = describeQuote(p, '2023-05-12', null);
    expect([q.exact, q.prefix, q.suffix.trim()]).toEqual(['2023-05-12', '通知公告 ', '']);
    expect(describeQuote(p, '不存在', null)).toEqual({ exact: '不存在', prefix: '', suffix: '' });
  });
});
