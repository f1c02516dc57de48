import { beforeAll, describe, expect, it } from 'vitest';
import { loadFixture, loadPage } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';
import { rule } from './site-code-missing';

// Parse the real pages before the tests: parsing is set-up (once per file), not the rule under test.
beforeAll(() => { for (const name of ['004-cmse-press-article.html']) loadFixture(name); });

const ctx = { monitoringDate: '2025-06-30', thresholds: DEFAULT_THRESHOLDS };
const ART = 'https://www.example.gov.cn/xw/202503/t20250301_1.html';

describe('site-code-missing', () => {
  it('fires on 004-cmse (no 网站标识码)', () => {
    const found = rule.check(loadPage('004-cmse-press-article.html'), ctx);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('网站标识码');
  });

  it('reports a malformed code with what was shown', () => {
    const found = rule.check(loadPage('identity-malformed-code.html', ART), ctx);
    expect(found).toHaveLength(1);
    expect(found[0].quote).toContain('36092200');
    expect(found[0].message).toContain('不规范');
  });

  it('stays silent on the fragment page (reported once by conac-badge-missing)', () => {
    expect(rule.check(loadPage('identity-fragment.html', ART), ctx)).toEqual([]);
  });
});
