import { beforeAll, describe, expect, it } from 'vitest';
import { loadFixture, loadPage, pageFromHtml } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';
import { rule } from './police-record-missing';

// Parse the real pages before the tests: parsing is set-up (once per file), not the rule under test.
beforeAll(() => { for (const name of ['004-cmse-press-article.html']) loadFixture(name); });

const ctx = { monitoringDate: '2025-06-30', thresholds: DEFAULT_THRESHOLDS };
const ART = 'https://www.example.gov.cn/xw/202503/t20250301_1.html';

describe('police-record-missing', () => {
  it('fires on 004-cmse', () => {
    expect(rule.check(loadPage('004-cmse-press-article.html'), ctx)).toHaveLength(1);
  });

  it('accepts a beian.gov.cn record link with an image only', () => {
    const page = pageFromHtml('<div class="footer">主办单位：某某县人民政府 <a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=36092202000105"><img src="ga.png"></a></div>', ART);
    expect(rule.check(page, ctx)).toHaveLength(0);
  });
});
