import { normaliseUrl } from '../db/keys';
/**
 * Site-level 单项否决 for freshness, counted across the pages of one site the
 * way 国办秘函〔2019〕19号 V3/V4 count: ≥5 stale 动态要闻(2周)/通知公告·政策文件(6个月)
 * columns, or ≥10 long-stale columns, or ≥5 blank columns, or the home page not
 * updated. Pure: the popup and the sheets feed it the round's findings.
 */

export interface VerdictFinding {
  ruleId: string;
  status: 'open' | 'confirmed' | 'dismissed' | 'fixed' | string;
  detail: Record<string, unknown> | null | undefined;
  pageUrl: string;
  /** 待核实 findings do not count until confirmed. */
  review?: boolean;
}

export interface FreshnessCount {
  count: number;
  threshold: number;
  reached: boolean;
  /** Column names counted, for the popup tooltip. */
  columns: string[];
}

export interface FreshnessVerdict {
  veto: boolean;
  homeStale: boolean;
  /** 动态要闻类 (2周) + 通知公告/政策文件类 (6个月) stale columns. */
  staleShort: FreshnessCount;
  /** All columns stale by their class limit (应更新但长期未更新). */
  staleLong: FreshnessCount;
  blank: FreshnessCount;
  /** Chinese reasons, one per reached threshold. */
  reasons: string[];
}

export const VERDICT_THRESHOLDS = { staleShort: 5, staleLong: 10, blank: 5 } as const;

function counts(f: VerdictFinding): boolean {
  if (f.status === 'dismissed') return false;
  // A 待核实 finding counts once the inspector confirms it.
  return !f.review || f.status === 'confirmed';
}

/** One column is counted once however many pages show it: name + its list address. */
function columnKey(f: VerdictFinding): string {
  const d = f.detail ?? {};
  const name = String(d.column ?? '').trim();
  const href = typeof d.href === 'string' && d.href ? normaliseUrl(d.href) : '';
  return `${name}\u0000${href}`;
}


function tally(findings: VerdictFinding[], threshold: number): FreshnessCount {
  const names = new Map<string, string>();
  for (const f of findings) names.set(columnKey(f), String(f.detail?.column ?? ''));
  const count = names.size;
  return { count, threshold, reached: count >= threshold, columns: Array.from(names.values()) };
}

export function siteFreshnessVerdict(findings: VerdictFinding[]): FreshnessVerdict {
  const live = findings.filter(counts);
  const stale = live.filter((f) => f.ruleId === 'column-stale');
  const short = stale.filter((f) => f.detail?.cls === 'news' || f.detail?.cls === 'notice');
  const staleShort = tally(short, VERDICT_THRESHOLDS.staleShort);
  const staleLong = tally(stale, VERDICT_THRESHOLDS.staleLong);
  const blank = tally(live.filter((f) => f.ruleId === 'blank-column'), VERDICT_THRESHOLDS.blank);
  const homeStale = live.some((f) => f.ruleId === 'home-stale');
  const reasons: string[] = [];
  if (homeStale) reasons.push('首页在检查时间点前2周内无更新，单项否决');
  if (staleShort.reached) {
    reasons.push(`动态要闻类栏目2周内未更新、通知公告/政策文件类栏目6个月内未更新共${staleShort.count}个（达到${staleShort.threshold}个），单项否决`);
  }
  if (staleLong.reached) reasons.push(`应更新但长期未更新的栏目共${staleLong.count}个（达到${staleLong.threshold}个），单项否决`);
  if (blank.reached) reasons.push(`空白栏目共${blank.count}个（达到${blank.threshold}个），单项否决`);
  return { veto: reasons.length > 0, homeStale, staleShort, staleLong, blank, reasons };
}
