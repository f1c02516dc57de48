import { beforeAll, describe, expect, it } from 'vitest';
import { loadFixture, loadPage, pageFromHtml } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';
import { rule } from './conac-badge-missing';

// Parse the real pages before the tests: parsing is set-up (once per file), not the rule under test.
beforeAll(() => { for (const name of ['004-cmse-press-article.html']) loadFixture(name); });

const ctx = { monitoringDate: '2025-06-30', thresholds: DEFAULT_THRESHOLDS };
const ART = 'https://www.example.gov.cn/xw/202503/t20250301_1.html';

describe('conac-badge-missing', () => {
  it('fires on 004-cmse, which has no 党政机关 badge', () => {
    const found = rule.check(loadPage('004-cmse-press-article.html'), ctx);
    expect(found).toHaveLength(1);
    expect(found[0].review).toBeFalsy();
    expect(String(found[0].detail?.lookedFor)).toContain('bszs.conac.cn');
    expect(String(found[0].detail?.where)).toContain('div.footer');
  });

  it('accepts the unexecuted document.write loader of a saved page', () => {
    expect(rule.check(loadPage('identity-script-badge-only.html', ART), ctx)).toHaveLength(0);
  });

  it('accepts a badge inside a same-origin iframe', () => {
    const page = pageFromHtml('<div class="footer">版权所有：某某县人民政府 <iframe src="/foot.html"></iframe></div>', ART);
    const inner = new DOMParser().parseFromString('<body><a href="https://bszs.conac.cn/sitename?id=1"><img src="red.png"></a></body>', 'text/html');
    Object.defineProperty(page.doc.querySelector('iframe')!, 'contentDocument', { value: inner });
    expect(rule.check(page, ctx)).toHaveLength(0);
  });

  it('accepts a self-hosted badge image by its alt text', () => {
    const page = pageFromHtml('<div class="footer">主办单位：某某县人民政府 <img src="/img/dz.png" alt="党政机关"></div>', ART);
    expect(rule.check(page, ctx)).toHaveLength(0);
  });

  it('reports a page without any footer once, as 待核实', () => {
    const found = rule.check(loadPage('identity-fragment.html', ART), ctx);
    expect(found).toHaveLength(1);
    expect(found[0].review).toBe(true);
  });
});
