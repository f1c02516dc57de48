import { beforeAll, describe, expect, it } from 'vitest';
import { loadFixture, loadPage } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';
import { rule } from './site-code-mismatch';

// Parse the real pages before the tests: parsing is set-up (once per file), not the rule under test.
beforeAll(() => { for (const name of ['005-nfra-penalty-article.html', '010-wanzai-tjgb-2015-article.html']) loadFixture(name); });

const base = { monitoringDate: '2025-06-30', thresholds: DEFAULT_THRESHOLDS };

describe('site-code-mismatch', () => {
  it('fires when the shown code differs from the roster', () => {
    const found = rule.check(loadPage('010-wanzai-tjgb-2015-article.html'), { ...base, rosterSiteCode: '3609220012' });
    expect(found).toHaveLength(1);
    expect(found[0].quote).toBe('3609220011');
    expect(found[0].detail?.roster).toBe('3609220012');
  });

  it('does not fire when codes agree (case-insensitive bm) or no roster code is known', () => {
    expect(rule.check(loadPage('005-nfra-penalty-article.html'), { ...base, rosterSiteCode: 'BM55000001' })).toHaveLength(0);
    expect(rule.check(loadPage('010-wanzai-tjgb-2015-article.html'), base)).toHaveLength(0);
  });
});
