/**
 * Inspection rounds (检查轮次) and China-time formatting.
 *
 * Inspectors work on Beijing time whatever the laptop's time zone says, and quarter boundaries,
 * 检查时间点 and 发现时间 must agree across machines, so everything here computes in UTC+8
 * (China has no daylight saving) instead of the local zone.
 */
import type { Round } from './db/types';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

type DateInput = Date | number;

function toMs(d: DateInput): number {
  return typeof d === 'number' ? d : d.getTime();
}

/** Calendar fields of an instant as seen in China. */
export function chinaParts(d: DateInput): { year: number; month: number; day: number; hour: number; minute: number } {
  const shifted = new Date(toMs(d) + CHINA_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 'YYYY-MM-DD' in China time. */
export function chinaDate(d: DateInput): string {
  const p = chinaParts(d);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** 'YYYY-MM-DD HH:mm' in China time (the 发现时间 column). */
export function chinaDateTime(d: DateInput): string {
  const p = chinaParts(d);
  return `${chinaDate(d)} ${pad(p.hour)}:${pad(p.minute)}`;
}

const ROUND_RE = /^(\d{4})Q([1-4])$/;

/** Quarter round id of an instant ('2025Q1'), or of a 'YYYY-MM-DD' calendar date. */
export function quarterOf(d: DateInput | string): string {
  let year: number;
  let month: number;
  if (typeof d === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
    if (!m) throw new Error(`日期格式应为 YYYY-MM-DD：${d}`);
    year = Number(m[1]);
    month = Number(m[2]);
    if (month < 1 || month > 12) throw new Error(`月份无效：${d}`);
  } else {
    ({ year, month } = chinaParts(d));
  }
  return `${year}Q${Math.floor((month - 1) / 3) + 1}`;
}

export function isQuarterRoundId(id: string): boolean {
  return ROUND_RE.test(id);
}

export function parseQuarter(id: string): { year: number; quarter: 1 | 2 | 3 | 4 } | null {
  const m = ROUND_RE.exec(id);
  if (!m) return null;
  return { year: Number(m[1]), quarter: Number(m[2]) as 1 | 2 | 3 | 4 };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** First and last calendar day of a quarter round, 'YYYY-MM-DD'. */
export function quarterRange(id: string): { start: string; end: string } {
  const q = parseQuarter(id);
  if (!q) throw new Error(`不是季度轮次：${id}`);
  const firstMonth = (q.quarter - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  return {
    start: `${q.year}-${pad(firstMonth)}-01`,
    end: `${q.year}-${pad(lastMonth)}-${pad(daysInMonth(q.year, lastMonth))}`,
  };
}

export function previousQuarter(id: string): string {
  const q = parseQuarter(id);
  if (!q) throw new Error(`不是季度轮次：${id}`);
  return q.quarter === 1 ? `${q.year - 1}Q4` : `${q.year}Q${q.quarter - 1}`;
}

export function nextQuarter(id: string): string {
  const q = parseQuarter(id);
  if (!q) throw new Error(`不是季度轮次：${id}`);
  return q.quarter === 4 ? `${q.year + 1}Q1` : `${q.year}Q${q.quarter + 1}`;
}

const QUARTER_NAMES = ['一', '二', '三', '四'] as const;

/** '2025Q1' → '2025年第一季度'; other round ids are shown as they are. */
export function roundLabel(id: string): string {
  const q = parseQuarter(id);
  return q ? `${q.year}年第${QUARTER_NAMES[q.quarter - 1]}季度` : id;
}

/**
 * 检查时间点 a new round starts with: today while the quarter is running, the quarter's last day
 * once it is over (re-checking a past quarter measures freshness as of its end), its first day
 * for a quarter not begun. Non-quarter rounds start at today.
 */
export function defaultMonitoringDate(roundId: string, now: DateInput): string {
  const today = chinaDate(now);
  if (!isQuarterRoundId(roundId)) return today;
  const { start, end } = quarterRange(roundId);
  if (today < start) return start;
  if (today > end) return end;
  return today;
}

/** A new round record; `now` is passed in so callers and tests stay deterministic. */
export function createRound(now: DateInput, id: string = quarterOf(now)): Round {
  return { id, monitoringDate: defaultMonitoringDate(id, now), createdAt: toMs(now) };
}

/** Quarter rounds in chronological order, other ids after them alphabetically. */
export function compareRoundIds(a: string, b: string): number {
  const qa = parseQuarter(a);
  const qb = parseQuarter(b);
  if (qa && qb) return qa.year - qb.year || qa.quarter - qb.quarter;
  if (qa) return -1;
  if (qb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export { daysBetween } from './dates/calendar';
