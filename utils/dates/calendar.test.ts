// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween } from './calendar';

describe('calendar arithmetic', () => {
  it('counts days across month, year and leap-day boundaries', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-12-31', '2024-01-01')).toBe(1);
    expect(daysBetween('2025-03-20', '2025-03-01')).toBe(-19);
  });
  it('adds days and months the way people count them', () => {
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-05-15', -12)).toBe('2024-05-15');
  });
  it('refuses malformed dates instead of computing nonsense', () => {
    expect(() => daysBetween('2025-3-1', '2025-03-02')).toThrow('YYYY-MM-DD');
  });
});
