// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  chinaDate,
  chinaDateTime,
  compareRoundIds,
  createRound,
  daysBetween,
  defaultMonitoringDate,
  nextQuarter,
  previousQuarter,
  quarterOf,
  quarterRange,
  roundLabel,
} from './rounds';

describe('rounds', () => {
  it('takes the quarter in China time, not the machine zone', () => {
    // 2025-03-31T17:00Z is 2025-04-01 01:00 in Beijing: already Q2 there.
    expect(quarterOf(Date.UTC(2025, 2, 31, 17, 0))).toBe('2025Q2');
    expect(quarterOf(Date.UTC(2025, 2, 31, 15, 59))).toBe('2025Q1');
    expect(quarterOf('2024-12-31')).toBe('2024Q4');
    expect(quarterOf('2025-07-01')).toBe('2025Q3');
    expect(() => quarterOf('2025-13-01')).toThrow();
  });

  it('formats 发现时间 in UTC+8', () => {
    const t = Date.UTC(2024, 11, 31, 16, 5); // 2025-01-01 00:05 Beijing
    expect(chinaDate(t)).toBe('2025-01-01');
    expect(chinaDateTime(new Date(t))).toBe('2025-01-01 00:05');
  });

  it('knows quarter ranges, including leap February', () => {
    expect(quarterRange('2024Q1')).toEqual({ start: '2024-01-01', end: '2024-03-31' });
    expect(quarterRange('2025Q2')).toEqual({ start: '2025-04-01', end: '2025-06-30' });
    expect(quarterRange('2025Q4')).toEqual({ start: '2025-10-01', end: '2025-12-31' });
    expect(previousQuarter('2025Q1')).toBe('2024Q4');
    expect(nextQuarter('2024Q4')).toBe('2025Q1');
    expect(roundLabel('2025Q1')).toBe('2025年第一季度');
    expect(roundLabel('专项检查')).toBe('专项检查');
  });

  it('defaults the monitoring date to today, clamped to the quarter', () => {
    const now = Date.UTC(2025, 1, 10, 2, 0); // 2025-02-10 Beijing
    expect(defaultMonitoringDate('2025Q1', now)).toBe('2025-02-10');
    expect(defaultMonitoringDate('2024Q4', now)).toBe('2024-12-31');
    expect(defaultMonitoringDate('2025Q2', now)).toBe('2025-04-01');
    expect(defaultMonitoringDate('专项', now)).toBe('2025-02-10');
    expect(createRound(now)).toEqual({ id: '2025Q1', monitoringDate: '2025-02-10', createdAt: now });
  });

  it('orders rounds and counts days', () => {
    expect(['2025Q1', '专项', '2024Q4', '2024Q2'].sort(compareRoundIds)).toEqual(['2024Q2', '2024Q4', '2025Q1', '专项']);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-03-31', '2025-03-17')).toBe(-14);
  });
});
