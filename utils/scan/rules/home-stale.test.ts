import { beforeAll, describe, expect, it } from 'vitest';
import { rule } from './home-stale';
import { loadFixture, loadPage } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';

// Parse the real pages before the tests: parsing is set-up (once per file), not the rule under test.
beforeAll(() => { for (const name of ['002-shanxi-gov-article.html', '007-govcn-home.html', '014-yichun-portal-home-raw.html']) loadFixture(name); });

const ctx = (monitoringDate: string) => ({ monitoringDate, thresholds: DEFAULT_THRESHOLDS });

describe('home-stale', () => {
  it('does not fire on the 宜春 portal home checked the day it was generated', () => {
    expect(rule.check(loadPage('014-yichun-portal-home-raw.html'), ctx('2023-10-11'))).toHaveLength(0);
  });

  it('fires as a veto on the same home checked seven weeks later', () => {
    const out = rule.check(loadPage('014-yichun-portal-home-raw.html'), ctx('2023-11-30'));
    expect(out).toHaveLength(1);
    expect(out[0].review).toBeFalsy();
    expect(out[0].detail).toMatchObject({ newest: '2023-10-11', ageDays: 50 });
    expect(out[0].message).toContain('2023-10-11');
  });

  it('reports www.gov.cn (no dates shown) as 待核实, not a veto', () => {
    const out = rule.check(loadPage('007-govcn-home.html'), ctx('2023-09-27'));
    expect(out).toHaveLength(1);
    expect(out[0].review).toBe(true);
    expect(out[0].detail?.linkMonth).toBe('2023-09');
  });

  it('fires on an abandoned town portal (synthetic) and not on an active county one', () => {
    const stale = rule.check(loadPage('synthetic-stale-home.html', 'https://zz.example.gov.cn/'), ctx('2023-10-11'));
    expect(stale).toHaveLength(1);
    expect(stale[0].quote).toBe('2023-06-12');
    expect(rule.check(loadPage('synthetic-county-home.html', 'https://www.example.gov.cn/'), ctx('2023-10-11'))).toHaveLength(0);
  });

  it('only judges home pages', () => {
    expect(rule.check(loadPage('002-shanxi-gov-article.html'), ctx('2023-10-11'))).toEqual([]);
  });
});
