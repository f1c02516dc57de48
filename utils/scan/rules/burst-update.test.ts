import { beforeAll, describe, expect, it } from 'vitest';
import { rule } from './burst-update';
import { loadFixture, loadPage } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';

// Parse the real pages before the tests: parsing is set-up (once per file), not the rule under test.
beforeAll(() => { for (const name of ['014-yichun-portal-home-raw.html']) loadFixture(name); });

const ctx = { monitoringDate: '2023-10-11', thresholds: DEFAULT_THRESHOLDS };

describe('burst-update', () => {
  it('fires on a list silent since June that got five items the week before the check', () => {
    const out = rule.check(loadPage('synthetic-list-burst.html', 'https://nync.example.gov.cn/gzdt/index.html'), ctx);
    expect(out).toHaveLength(1);
    expect(out[0].detail).toMatchObject({ column: '工作动态', day: '2023-10-08', count: 5, previous: '2023-06-01', gapDays: 129 });
  });

  it('does not fire when the cluster is long before the check', () => {
    expect(rule.check(loadPage('synthetic-list-burst.html', 'https://nync.example.gov.cn/gzdt/index.html'), { ...ctx, monitoringDate: '2023-12-20' })).toHaveLength(0);
  });

  it('does not fire on a steadily updated portal', () => {
    expect(rule.check(loadPage('014-yichun-portal-home-raw.html'), ctx)).toHaveLength(0);
  });
});
