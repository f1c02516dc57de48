import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/**
 * Calendar arithmetic on 'YYYY-MM-DD' strings, in UTC so that no daylight-saving
 * shift on the inspector's machine ever moves a day.
 */

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function day(s: string) {
  if (!ISO.test(s)) throw new Error(`日期格式应为 YYYY-MM-DD：${s}`);
  return dayjs.utc(s);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return day(b).diff(day(a), 'day');
}

export function addDays(date: string, n: number): string {
  return day(date).add(n, 'day').format('YYYY-MM-DD');
}

/** Month arithmetic as people count it: 2025-01-31 + 1 month = 2025-02-28. */
export function addMonths(date: string, n: number): string {
  return day(date).add(n, 'month').format('YYYY-MM-DD');
}
