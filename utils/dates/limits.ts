import { chinaDate } from '../rounds';
import { addDays, daysBetween } from './calendar';

export type ColumnClass = 'news' | 'notice' | 'other';

/** Days a column of each class may go without a new item (the round's thresholds). */
export interface ClassLimits {
  newsDays: number;
  noticeDays: number;
  otherDays: number;
}

/** Days a column of this class may go without a new item. */
export function limitDays(cls: ColumnClass, t: ClassLimits): number {
  return cls === 'news' ? t.newsDays : cls === 'notice' ? t.noticeDays : t.otherDays;
}

/** 14 → 2周, 183 → 6个月, 365 → 1年: the wording of the indicators. */
export function periodLabel(days: number): string {
  if (days % 7 === 0 && days <= 28) return `${days / 7}周`;
  if (days >= 360 && days <= 366) return '1年';
  const months = Math.round(days / 30.5);
  if (months >= 1 && Math.abs(days - months * 30.5) <= 3) return `${months}个月`;
  return `${days}天`;
}

export const CLASS_LABEL: Record<ColumnClass, string> = {
  news: '动态要闻类栏目',
  notice: '通知公告、政策文件类栏目',
  other: '应定期更新的栏目',
};

/** YYYY-MM-DD minus n days. */
export function minusDays(date: string, n: number): string {
  return addDays(date, -n);
}

/** Age in days of `date` at the monitoring date (negative when after it). */
export function ageAt(date: string, monitoringDate: string): number {
  return daysBetween(date, monitoringDate);
}

/** Today as YYYY-MM-DD on the inspectors' calendar (China time). */
export function todayIso(): string {
  return chinaDate(Date.now());
}
