import { todayIso } from './limits';
/**
 * Date recognition for Chinese government pages: list dates, 发布时间 lines,
 * 公文落款 in Chinese numerals, and the many places where digits look like dates
 * but are not publication dates (版权, 访问量, 电话, 索引号, 文号).
 */

export interface FoundDate {
  /** YYYY-MM-DD */
  date: string;
  /** Offset of `raw` in the scanned text. */
  index: number;
  /** The matched text exactly as on the page (date plus time when present). */
  raw: string;
  /** The label right before the date (发布时间, 成文日期, 有效期至…), or null. */
  label: string | null;
  /** True when the page showed no year (05-12, [05-12]) and the year was inferred. */
  inferredYear: boolean;
}

// Full-width digits and separators are 1:1 with ASCII, so normalising keeps indexes valid.
function normalise(text: string): string {
  return text.replace(/[\uff10-\uff19\uff0d\uff0f\uff0e\uff1a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const TIME = String.raw`(?:\s*(?:T|\s)\s*\d{1,2}:\d{2}(?::\d{2})?)?`;
// Numeric with -, / or . separators (same separator twice), then optional time.
const NUMERIC = String.raw`(?<![\d\-/.])((?:19|20)\d{2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?![\d])` + TIME;
const CHINESE = String.raw`(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]` + TIME;
const CN_DIGIT = '〇零○Ｏ一二三四五六七八九';
const CN_NUMERAL = `(?<![${CN_DIGIT}])([二一][${CN_DIGIT}]{3})\\s*年\\s*([一二三四五六七八九十]{1,2})\\s*月\\s*([一二三四五六七八九十]{1,3})\\s*日`;
// Month-day without year: strictly two digits each, as list templates print them.
const SHORT = String.raw`(?<![\d\-/.:年])(\[|【|\()?(\d{2})-(\d{2})(\]|】|\))?(?![\d\-/.:])` + TIME;

const DATE_RE = new RegExp(`${NUMERIC}|${CHINESE}|${CN_NUMERAL}|${SHORT}`, 'g');

const CN_VALUE: Record<string, number> = {
  〇: 0, 零: 0, '○': 0, Ｏ: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

function cnYear(s: string): number {
  return Number(Array.from(s).map((c) => CN_VALUE[c] ?? 0).join(''));
}

/** 十 → 10, 十二 → 12, 二十 → 20, 三十一 → 31, 五 → 5. */
function cnSmall(s: string): number {
  if (!s.includes('十')) return CN_VALUE[s] ?? NaN;
  const [tens, ones] = s.split('十');
  if (s.split('十').length > 2) return NaN;
  const t = tens === '' ? 1 : CN_VALUE[tens];
  const o = ones === '' ? 0 : CN_VALUE[ones];
  return t === undefined || o === undefined ? NaN : t * 10 + o;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** YYYY-MM-DD or null for impossible dates (2023-02-30, month 13, year 1899). */
export function ymd(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1949 || y > 2099 || m < 1 || m > 12 || d < 1) return null;
  const days = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  if (d > days) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

interface RawMatch {
  index: number;
  raw: string;
  y: number | null;
  m: number;
  d: number;
}

function* rawMatches(text: string): Generator<RawMatch> {
  DATE_RE.lastIndex = 0;
  for (let m = DATE_RE.exec(text); m; m = DATE_RE.exec(text)) {
    let raw = m[0];
    let index = m.index;
    if (m[1] !== undefined) {
      yield { index, raw: raw.trimEnd(), y: Number(m[1]), m: Number(m[3]), d: Number(m[4]) };
    } else if (m[5] !== undefined) {
      yield { index, raw: raw.trimEnd(), y: Number(m[5]), m: Number(m[6]), d: Number(m[7]) };
    } else if (m[8] !== undefined) {
      yield { index, raw, y: cnYear(m[8]), m: cnSmall(m[9]), d: cnSmall(m[10]) };
    } else {
      // Brackets belong to the list template, not the date: keep raw to the digits (+time).
      if (m[11]) {
        raw = raw.slice(m[11].length);
        index += m[11].length;
      }
      if (m[14]) raw = raw.replace(m[14], '');
      // An opening bracket without closing one (or vice versa) is fine; "(12-31)" is a range-ish aside but harmless.
      yield { index, raw: raw.trimEnd(), y: null, m: Number(m[12]), d: Number(m[13]) };
    }
  }
}

/**
 * Labels that may stand right before a date. Publication labels first; the
 * others are kept so that callers can tell 有效期至 2099 from a forged 发布时间.
 */
const LABEL_RE =
  /(留言时间|回复时间|答复时间|办结时间|受理时间|提问时间|会议时间|活动时间|开标时间|截止时间|发布时间|发布日期|发文日期|成文日期|印发日期|公开日期|生成日期|更新时间|更新日期|信息时间|来源时间|有效期至|有效期|截止时间|截止日期|施行日期|实施日期|生效日期|废止日期|开始时间|结束时间|报名时间|会议时间|时间|日期|发布|落款)\s*[:：]?\s*[\[【(（]?\s*$/;

/**
 * Contexts in which a date-looking string is not a publication date. A marker
 * only rejects when no date label stands between it and the date
 * ("浏览次数：12 发布时间：2023-05-12" keeps the date).
 */
const REJECT_NEAR =
  /(©|\(c\)|copyright|版权所有|访问量|访问人次|浏览次数|浏览量|点击量|点击数|阅读量|阅读次数|访问次数|今天是|今日是|当前时间|现在时间|北京时间)[^\n]{0,16}$/i;
/** Markers that reject only when immediately before the digits. */
const REJECT_IMMEDIATE = /(电话|传真|手机|热线|tel|fax|索引号|文号|编号|〔|\d\/)\s*[:：]?\s*$/i;

/** A date followed by its weekday is a clock or calendar widget (今天是…星期三). */
const REJECT_AFTER = /^\s*(星期|礼拜)[一二三四五六日天]|^\s*周[一二三四五六日](?![\u4e00-\u9fff])|^\s*农历/;

const LOOKBACK = 24;

export interface FindDatesOptions {
  /** 检查时间点 or similar: year-less dates take the latest year not after it. */
  refDate?: string;
}

/** Every date on a string of page text, in order of appearance. */
export function findDates(text: string, opts: FindDatesOptions = {}): FoundDate[] {
  const norm = normalise(text);
  const found: (FoundDate & { partial?: { m: number; d: number } })[] = [];
  for (const r of rawMatches(norm)) {
    const before = norm.slice(Math.max(0, r.index - LOOKBACK), r.index);
    // "发布时间：\n 2021-10-11": a label may sit alone on the line above.
    const trimmed = before.replace(/[ \t\u00a0\u3000]*\n?[ \t\u00a0\u3000]*$/, '');
    const line = trimmed.slice(trimmed.lastIndexOf('\n') + 1);
    if (REJECT_AFTER.test(norm.slice(r.index + r.raw.length, r.index + r.raw.length + 8))) continue;
    if (REJECT_IMMEDIATE.test(line)) continue;
    const labelMatch = LABEL_RE.exec(line);
    const label = labelMatch ? labelMatch[1] : null;
    const reject = REJECT_NEAR.exec(line);
    if (reject && !(labelMatch && labelMatch.index >= reject.index + reject[1].length)) continue;
    const raw = text.slice(r.index, r.index + r.raw.length);
    if (r.y === null) {
      if (!ymd(2000, r.m, r.d)) continue; // 02-29 checked again once the year is known
      found.push({ date: '', index: r.index, raw, label, inferredYear: true, partial: { m: r.m, d: r.d } });
      continue;
    }
    const date = ymd(r.y, r.m, r.d);
    if (!date) continue;
    found.push({ date, index: r.index, raw, label, inferredYear: false });
  }
  return resolveYears(found, opts.refDate);
}

function resolveYears(found: (FoundDate & { partial?: { m: number; d: number } })[], refDate?: string): FoundDate[] {
  const out: FoundDate[] = [];
  const ref = refDate && /^\d{4}-\d{2}-\d{2}$/.test(refDate) ? refDate : null;
  for (let i = 0; i < found.length; i++) {
    const f = found[i];
    if (!f.partial) {
      out.push(f);
      continue;
    }
    const { m, d } = f.partial;
    let date: string | null = null;
    if (ref) {
      date = latestNotAfter(m, d, ref);
    } else {
      const neighbour = nearestFullYear(found, i);
      const base = neighbour ?? todayIso();
      date = neighbour ? ymd(Number(neighbour.slice(0, 4)), m, d) : latestNotAfter(m, d, base);
    }
    if (!date) continue;
    out.push({ date, index: f.index, raw: f.raw, label: f.label, inferredYear: true });
  }
  return out;
}

/** Latest YYYY-MM-DD with this month/day that is not after ref (02-29 walks back to a leap year). */
export function latestNotAfter(m: number, d: number, ref: string): string | null {
  let y = Number(ref.slice(0, 4));
  const md = `${pad(m)}-${pad(d)}`;
  if (md > ref.slice(5)) y--;
  for (let k = 0; k < 8; k++, y--) {
    const v = ymd(y, m, d);
    if (v) return v;
  }
  return null;
}

function nearestFullYear(found: { date: string; partial?: unknown }[], i: number): string | null {
  for (let k = 1; k < found.length; k++) {
    const before = found[i - k];
    if (before && !before.partial) return before.date;
    const after = found[i + k];
    if (after && !after.partial) return after.date;
  }
  return null;
}


/**
 * One date string → YYYY-MM-DD. Accepts every form findDates knows; a year-less
 * "05-12" takes refYear (or the current year). No context filtering: the caller
 * already knows this string is meant as a date.
 */
export function parseDate(raw: string, opts: { refYear?: number } = {}): string | null {
  const norm = normalise(raw.trim());
  for (const r of rawMatches(norm)) {
    if (r.y !== null) return ymd(r.y, r.m, r.d);
    return ymd(opts.refYear ?? new Date().getFullYear(), r.m, r.d);
  }
  return null;
}

export { daysBetween } from './calendar';

/** Dates that are not when an item was published: deadlines, validity, event times. */
export const NON_PUBLICATION_LABELS = new Set(['有效期至', '有效期', '截止时间', '截止日期', '施行日期', '实施日期', '生效日期', '废止日期', '开始时间', '结束时间', '报名时间', '会议时间', '活动时间', '开标时间']);
