import { describe, expect, it } from 'vitest';
import { loadPage } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';
import { replyStats, rule } from './reply-overdue';
import { addMonths as shiftMonths } from '../../dates/calendar';

const ctx = { monitoringDate: '2025-06-30', thresholds: DEFAULT_THRESHOLDS };
const LIST = 'https://www.example.gov.cn/hdjl/qzxx/index.html';

describe('reply-overdue', () => {
  it('flags a late reply and an open letter older than 3 months, not older than 1 year', () => {
    const found = rule.check(loadPage('interact-letters-list.html', LIST), ctx);
    expect(found.map((f) => f.detail?.kind)).toEqual(['late', 'unanswered']);
    expect(found[0].detail).toMatchObject({ asked: '2025-01-05', replied: '2025-06-01' });
    expect(found[1].detail?.asked).toBe('2025-02-10');
  });

  it('gives the median reply delay', () => {
    const stats = replyStats(loadPage('interact-letters-list.html', LIST), ctx.monitoringDate);
    expect(stats.answered).toBe(3);
    expect(stats.medianReplyDays).toBe(5);
  });

  it('does not fire on a letter answered within days', () => {
    expect(rule.check(loadPage('interact-letter-ok.html', 'https://www.example.gov.cn/hdjl/202505/t20250520_3.html'), ctx)).toEqual([]);
  });

  it('shifts months with clamping', () => {
    expect(shiftMonths('2024-11-30', 3)).toBe('2025-02-28');
    expect(shiftMonths('2025-06-30', -12)).toBe('2024-06-30');
  });
});
