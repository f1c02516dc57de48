import { describe, expect, it } from 'vitest';
import { rule } from './typo';
import { docFromHtml, pageFromHtml } from '../testing';
import { scanDocument } from '../scan';
import { NAME_DATA } from '../../text/near-miss-data';
import { DEFAULT_THRESHOLDS } from '../types';

const ctx = { monitoringDate: '2025-03-31', thresholds: DEFAULT_THRESHOLDS };
const FILLER = '为进一步做好相关工作，现将有关事项通知如下，请各单位结合实际认真抓好落实，确保各项任务按期完成。';

function article(body: string, extra = '') {
  return pageFromHtml(
    `<html><head><title>关于做好2024年防汛工作的通知_某县人民政府</title></head><body>
     <div class="nav"><a href="/">首页</a></div>${extra}
     <div id="zoom"><p>${FILLER}</p>${body}<p>${FILLER}</p></div>
     <div class="footer">主办单位：某县人民政府办公室 网站标识码：3600000001</div></body></html>`,
    'https://www.example.gov.cn/art/2024/5/10/art_1_123.html',
  );
}

describe('typo', () => {
  it('fires on a typo in the main text, quoting it exactly with its element', () => {
    const found = rule.check(article('<p>各乡镇要<b>再接</b>再励，截止2024年5月底全面完成隐患排查。</p>'), ctx);
    expect(found.map((c) => c.quote)).toEqual(['再接再励', '截止']);
    expect(found[0].message).toContain('应为“再接再厉”');
    expect(found[0].element?.tagName).toBe('P');
    expect(found[1].message).toContain('截至');
  });

  it('treats a misspelt state name as a 严重表述错误 (veto)', () => {
    const [c] = rule.check(article('<p>根据《中华人民共合国安全生产法》有关规定。</p>'), ctx);
    expect(c.severity).toBe('veto');
    expect(c.detail?.class).toBe('机构名称');
  });

  it('ignores navigation, footers and code, and reads only the title on home pages', () => {
    expect(rule.check(article('<p>正文没有错误。</p>', '<ul class="menu"><li>再接再励专栏</li></ul>'), ctx)).toHaveLength(0);
    expect(rule.check(article('<pre>再接再励</pre>'), ctx)).toHaveLength(0);
    const home = pageFromHtml('<html><head><title>某县人民政付门户网站</title></head><body><div>按步就班</div></body></html>', 'https://www.example.gov.cn/');
    expect(rule.check(home, ctx).map((c) => c.quote)).toEqual(['人民政付']);
  });

  it('ignores verbatim 留言 pages', () => {
    const page = pageFromHtml(
      `<html><head><title>网民留言详情</title></head><body><div id="zoom"><p>${FILLER}</p><p>我家门口的路灯坏了再接再励</p></div></body></html>`,
      'https://www.example.gov.cn/hdjl/liuyan/123.html',
    );
    expect(rule.check(page, ctx)).toHaveLength(0);
  });
});

describe('typo: the inspector’s own lexicon (设置)', () => {
  const html = '<h1>通知</h1><div id="zoom"><p>各单位要再接再励，认真做好秋冬季防火工作，确保人民群众生命财产安全。本次演练由县应急局牵头，各乡镇积极参与，按步就班完成了各项科目。</p><p>活动名称为“再接再励杯”职工运动会。</p></div>';
  it('flags the inspector’s own entries', () => {
    const page = pageFromHtml(html.replace('认真做好', '认真作好'), 'http://www.x.gov.cn/art/2025/3/1/art_1_1.html');
    const ctx = { monitoringDate: '2025-03-20', thresholds: DEFAULT_THRESHOLDS, lexicon: { extra: [{ wrong: '认真作好', right: '认真做好' }], exceptions: [] } };
    const quotes = rule.check(page, ctx).map((c) => c.quote);
    expect(quotes).toContain('认真作好');
  });
  it('never flags a word the inspector listed as an exception', () => {
    const page = pageFromHtml(html, 'http://www.x.gov.cn/art/2025/3/1/art_1_1.html');
    const base = rule.check(page, { monitoringDate: '2025-03-20', thresholds: DEFAULT_THRESHOLDS }).map((c) => c.quote);
    expect(base).toContain('按步就班');
    const ctx = { monitoringDate: '2025-03-20', thresholds: DEFAULT_THRESHOLDS, lexicon: { extra: [], exceptions: ['按步就班'] } };
    expect(rule.check(page, ctx).map((c) => c.quote)).not.toContain('按步就班');
  });
});

describe('typo: Traditional pages', () => {
  it('finds a typo on a Traditional page and quotes the original characters', () => {
    const text = '各單位要再接再勵，圓滿完成這項艱鉅的工作任務，確保實現預期目標。';
    const page = pageFromHtml(
      `<html><head><title>通知</title></head><body><div id="zoom"><p>${text}這是一段足夠長的繁體中文正文，用來確認正文抽取與錯別字比對能在繁體頁面上正常運作，並且標記落在原文上。</p></div></body></html>`,
      'https://www.example.gov.cn/art/2024/5/1/art_1_1.html',
    );
    const found = rule.check(page, { monitoringDate: '2025-03-31', thresholds: DEFAULT_THRESHOLDS });
    expect(found.map((c) => c.quote)).toContain('再接再勵');
  });

  it('reads a page as Traditional through the pairs the scan context brings (the content script bundles none)', async () => {
    const html = `<html><head><title>通知</title></head><body><div id="zoom"><p>各單位要再接再勵，圓滿完成這項艱鉅的工作任務，確保實現預期目標。這是一段足夠長的繁體中文正文，用來確認正文抽取與錯別字比對能在繁體頁面上正常運作。</p></div></body></html>`;
    const url = 'https://www.example.gov.cn/art/2024/5/1/art_1_1.html';
    const quotes = async (names?: typeof NAME_DATA) =>
      (await scanDocument(docFromHtml(html), url, { ...ctx, names }, { rules: [rule] })).findings.map((f) => f.quote?.exact);
    expect(await quotes(NAME_DATA)).toContain('再接再勵');
    expect(await quotes(undefined)).not.toContain('再接再勵');
  });
});
