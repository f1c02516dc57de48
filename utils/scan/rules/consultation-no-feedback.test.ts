import { describe, expect, it } from 'vitest';
import { loadPage } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';
import { rule } from './consultation-no-feedback';

const ctx = { monitoringDate: '2025-06-30', thresholds: DEFAULT_THRESHOLDS };
const URL = 'https://www.example.gov.cn/yjzj/202411/t20241101_5.html';

describe('consultation-no-feedback', () => {
  it('fires when the consultation closed and the 意见反馈 field is empty', () => {
    const found = rule.check(loadPage('interact-zhengji-closed.html', URL), ctx);
    expect(found).toHaveLength(1);
    expect(found[0].detail?.closedOn).toBe('2024-11-30');
    expect(found[0].review).toBe(false);
  });

  it('does not fire while the consultation is still open', () => {
    expect(rule.check(loadPage('interact-zhengji-closed.html', URL), { ...ctx, monitoringDate: '2024-11-20' })).toEqual([]);
  });

  it('does not fire once feedback is published', () => {
    expect(rule.check(loadPage('interact-zhengji-feedback.html', URL), ctx)).toEqual([]);
  });
});
