import { beforeAll, describe, expect, it } from 'vitest';
import { loadFixture, loadPage } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';
import { rule } from './jiucuo-missing';

// Parse the real pages before the tests: parsing is set-up (once per file), not the rule under test.
beforeAll(() => { for (const name of ['004-cmse-press-article.html']) loadFixture(name); });

const ctx = { monitoringDate: '2025-06-30', thresholds: DEFAULT_THRESHOLDS };

describe('jiucuo-missing', () => {
  it('fires on a home page without the 找错 entry', () => {
    const found = rule.check(loadPage('identity-malformed-code.html', 'https://www.example.gov.cn/'), ctx);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('我为政府网站找错');
  });

  it('only checks home pages', () => {
    expect(rule.check(loadPage('004-cmse-press-article.html'), ctx)).toHaveLength(0);
  });
});
