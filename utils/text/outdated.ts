/**
 * Names no longer in force (机构改革, repealed laws). Whether a use is wrong depends on when the
 * page was written, so hits carry the date the new name took over; the rule compares it with
 * the page's publication date. Mentions that are about the change itself (原…, 更名, 组建, 曾任…)
 * are history, not current usage, and are dropped here.
 */
import { buildMatcher, longestNonOverlapping, type Matcher } from './matcher';
import data from './lexicon/outdated.json';

export interface OutdatedEntry {
  old: string;
  current: string;
  since: string;
  cls: string;
  review: boolean;
  notBefore?: string;
  notAfter?: string;
}

export interface OutdatedHit {
  start: number;
  end: number;
  entry: OutdatedEntry;
}

type Opts = { cls?: string; review?: boolean; notBefore?: string; notAfter?: string };

export const OUTDATED: OutdatedEntry[] = (data.entries as [string, string, string, Opts?][]).map(([old, current, since, o]) => ({
  old,
  current,
  since,
  cls: o?.cls ?? '机构名称',
  review: o?.review ?? false,
  notBefore: o?.notBefore,
  notAfter: o?.notAfter,
}));

/** Words that make a clause about the reform or about the past. */
const HISTORY = /原|前身|更名|改名|改革|组建|重组|整合|划入|划转|不再保留|撤销|撤并|合并|改为|挂牌|旧称|时任|曾任|历任|先后任|任职|改设|调整为|废止|失效/;
const CLAUSE_END = /[。；！？\n]/;

let matcher: Matcher | null = null;

export function findOutdatedNames(text: string): OutdatedHit[] {
  if (!matcher) matcher = buildMatcher(OUTDATED.map((e) => e.old));
  const raw: OutdatedHit[] = [];
  matcher.forEach(text, (start, end, i) => {
    const e = OUTDATED[i];
    if (e.notBefore && start > 0 && e.notBefore.includes(text[start - 1])) return;
    if (e.notAfter && end < text.length && e.notAfter.includes(text[end])) return;
    let a = start;
    while (a > 0 && !CLAUSE_END.test(text[a - 1])) a--;
    let b = end;
    while (b < text.length && !CLAUSE_END.test(text[b])) b++;
    if (HISTORY.test(text.slice(a, b))) return;
    // “国土资源局（现自然资源局）” is already explained in place.
    if (/^[（(]现/.test(text.slice(end, end + 2))) return;
    raw.push({ start, end, entry: e });
  });
  return longestNonOverlapping(raw);
}
