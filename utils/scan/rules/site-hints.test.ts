import { beforeAll, describe, expect, it } from 'vitest';
import { loadFixture, loadPage } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';
import { rule } from './site-hints';

// Parse the real pages before the tests: parsing is set-up (once per file), not the rule under test.
beforeAll(() => { for (const name of ['004-cmse-press-article.html', '014-yichun-portal-home-raw.html']) loadFixture(name); });

const ctx = { monitoringDate: '2025-06-30', thresholds: DEFAULT_THRESHOLDS };

describe('site-hints', () => {
  it('reports each missing item once on a bare http home page', () => {
    const found = rule.check(loadPage('identity-malformed-code.html', 'http://www.example.gov.cn/'), ctx);
    expect(found.map((f) => f.detail?.item)).toEqual(['https', 'viewport', 'accessibility', 'search']);
  });

  it('finds nothing missing on a home page with https, viewport, 无障碍 and search', () => {
    expect(rule.check(loadPage('tamper-hidden-offscreen.html', 'https://www.example.gov.cn/'), ctx)).toHaveLength(0);
  });

  it('real portal home: search and viewport present', () => {
    const items = rule.check(loadPage('014-yichun-portal-home-raw.html'), ctx).map((f) => f.detail?.item);
    expect(items).not.toContain('search');
    expect(items).not.toContain('viewport');
  });

  it('only looks at home pages', () => {
    expect(rule.check(loadPage('004-cmse-press-article.html'), ctx)).toHaveLength(0);
  });
});
