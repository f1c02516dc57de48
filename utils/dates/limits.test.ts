// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { limitDays, minusDays, periodLabel } from './limits';

const LIMITS = { newsDays: 14, noticeDays: 183, otherDays: 365 };

describe('limits', () => {
  it('maps classes to thresholds', () => {
    expect(limitDays('news', LIMITS)).toBe(14);
    expect(limitDays('notice', LIMITS)).toBe(183);
    expect(limitDays('other', LIMITS)).toBe(365);
  });
  it('words periods as the indicators do', () => {
    expect(periodLabel(14)).toBe('2周');
    expect(periodLabel(183)).toBe('6个月');
    expect(periodLabel(365)).toBe('1年');
    expect(periodLabel(90)).toBe('3个月');
    expect(periodLabel(10)).toBe('10天');
  });
  it('subtracts days across months and leap days', () => {
    expect(minusDays('2024-03-01', 1)).toBe('2024-02-29');
    expect(minusDays('2023-10-11', 14)).toBe('2023-09-27');
  });
});
