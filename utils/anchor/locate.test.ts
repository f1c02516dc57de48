// @vitest-environment jsdom
// happy-dom mis-orders Range boundary points across text nodes; jsdom implements DOM Range to spec.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildTextIndex, describeRange, locateQuote } from './locate';

function doc(html: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
}

const ARTICLE = '<p>会议强调，要按步就班推进隐患排查整治，对排查发现的问题建立台账。</p><p>会议要求，各级各部门要再接再励，压紧压实属地管理责任。</p>';

describe('buildTextIndex', () => {
  /** What a TreeWalker over elements and text shows, skipped subtrees rejected: the walk it replaced. */
  function walkerTexts(root: Node, skip: (el: Element) => boolean): Text[] {
    const out: Text[] = [];
    const w = root.ownerDocument!.createTreeWalker(root, 1 | 4, {
      acceptNode: (n) => (n.nodeType === 1 ? (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA'].includes((n as Element).tagName.toUpperCase()) || skip(n as Element) ? 2 : 3) : 1),
    });
    for (let n = w.nextNode(); n; n = w.nextNode()) if (n.nodeValue) out.push(n as Text);
    return out;
  }

  it('holds every text node in document order, none below script, style, a skipped element or root’s siblings', () => {
    const d = doc(
      '<table><tr><td>一<b>二<i>三</i></b></td><td><script>var x="不算";</script>四</td></tr></table>' +
        '<div class="gsi">跳过<span>也跳过</span></div><ul><li>五<!-- 注释 --></li><li><span><em></em></span>六</li></ul>' +
        '<textarea>不算</textarea><svg><text>七</text></svg><p>八<style>p{}</style></p>九',
    );
    const skip = (el: Element) => el.classList.contains('gsi');
    const index = buildTextIndex(d.body, skip);
    expect(index.text).toBe('一二三四五六七八九');
    expect(index.nodes).toEqual(walkerTexts(d.body, skip));
    expect(index.starts).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const inner = d.querySelector('ul')!;
    expect(buildTextIndex(inner).text).toBe('五六');
  });
});

describe('locateQuote', () => {
  it('finds a quote that spans several text nodes', () => {
    const d = doc('<p>要<b>按步</b>就班推进</p>');
    const found = locateQuote(d.body, { exact: '按步就班', prefix: '要', suffix: '推进' });
    expect(found?.range.toString()).toBe('按步就班');
  });

  it('picks the occurrence whose prefix and suffix match', () => {
    const d = doc('<p>一、落实责任。</p><p>二、落实责任到人。</p>');
    const found = locateQuote(d.body, { exact: '落实责任', prefix: '二、', suffix: '到人' })!;
    expect(found.start).toBe(d.body.textContent!.lastIndexOf('落实责任'));
  });

  it('re-attaches a long quote after a small edit around and inside it', () => {
    const quote = { exact: '对排查发现的问题建立台账', prefix: '要按步就班推进隐患排查整治，', suffix: '。会议要求' };
    const edited = doc('<p>会议强调：要按部就班推进隐患排查整治，对排查发现的各类问题建立台账。</p><p>会议要求，各级各部门要再接再厉。</p>');
    const found = locateQuote(edited.body, quote);
    expect(found?.range.toString()).toBe('对排查发现的各类问题建立台账');
  });

  it('does not snap a short corrected typo onto its corrected form', () => {
    const fixed = doc(ARTICLE.replace('按步就班', '按部就班'));
    expect(locateQuote(fixed.body, { exact: '按步就班', prefix: '要', suffix: '推进' })).toBeNull();
  });

  it('returns null when the text is gone beyond recognition (原文已变化)', () => {
    const rewritten = doc('<p>本栏目内容已调整，请访问新版页面。</p>');
    expect(locateQuote(rewritten.body, { exact: '对排查发现的问题建立台账', prefix: '整治，', suffix: '。' })).toBeNull();
  });

  it('describes a selection with its context and finds it again (property)', () => {
    const d = doc(ARTICLE);
    const index = buildTextIndex(d.body);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: index.text.length - 2 }), fc.integer({ min: 1, max: 12 }), (start, len) => {
        const end = Math.min(index.text.length, start + len);
        const text = index.text.slice(start, end);
        fc.pre(text.trim().length > 0 && text.trim() === text);
        const i = index.starts.findIndex((s, k) => s <= start && start < s + index.nodes[k].length);
        const j = index.starts.findIndex((s, k) => s < end && end <= s + index.nodes[k].length);
        const range = d.createRange();
        range.setStart(index.nodes[i], start - index.starts[i]);
        range.setEnd(index.nodes[j], end - index.starts[j]);
        const q = describeRange(d.body, range)!;
        expect(q.exact).toBe(text);
        const found = locateQuote(d.body, q)!;
        // The same text; and the very same place whenever the context disambiguates it.
        expect(found.range.toString()).toBe(text);
        if (q.prefix.length >= 8 || start < 8) expect(found.start).toBe(start);
      }),
      { numRuns: 300 },
    );
  });
});
