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
  /** Column names counted, for the popup. */
  columns: string[];
  /** 待核实 columns of this kind, not counted until confirmed. */
  pending: string[];
}

export interface FreshnessVerdict {
  veto: boolean;
  homeStale: boolean;
  /** 动态要闻类 (2周) + 通知公告/政策文件类 (6个月) stale columns. */
  staleShort: FreshnessCount;
  /**
   * The other columns that should be updated, stale past 1 year (应更新但长期未更新). Each column
   * is counted once, in one of staleShort / staleLong / blank, so the three counts add up.
   */
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


type Bucket = 'staleShort' | 'staleLong' | 'blank';

function bucketOf(f: VerdictFinding): Bucket | null {
  if (f.ruleId === 'blank-column') return 'blank';
  if (f.ruleId !== 'column-stale') return null;
  return f.detail?.cls === 'news' || f.detail?.cls === 'notice' ? 'staleShort' : 'staleLong';
}

/** A column that shows items on one page and nothing on another counts as stale, not blank. */
const PRECEDENCE: Bucket[] = ['staleShort', 'staleLong', 'blank'];

export function siteFreshnessVerdict(findings: VerdictFinding[]): FreshnessVerdict {
  const counted = new Map<string, { bucket: Bucket; name: string }>();
  const pending = new Map<string, { bucket: Bucket; name: string }>();
  for (const f of findings) {
    const bucket = bucketOf(f);
    if (!bucket || f.status === 'dismissed') continue;
    const target = counts(f) ? counted : pending;
    const key = columnKey(f);
    const prev = target.get(key);
    if (!prev || PRECEDENCE.indexOf(bucket) < PRECEDENCE.indexOf(prev.bucket)) target.set(key, { bucket, name: String(f.detail?.column ?? '') });
  }
  for (const key of counted.keys()) pending.delete(key);
  const tally = (bucket: Bucket, threshold: number): FreshnessCount => {
    const columns = Array.from(counted.values()).filter((c) => c.bucket === bucket).map((c) => c.name);
    return { count: columns.length, threshold, reached: columns.length >= threshold, columns, pending: Array.from(pending.values()).filter((c) => c.bucket === bucket).map((c) => c.name) };
  };
  const live = findings.filter(counts);
  const staleShort = tally('staleShort', VERDICT_THRESHOLDS.staleShort);
  const staleLong = tally('staleLong', VERDICT_THRESHOLDS.staleLong);
  const blank = tally('blank', VERDICT_THRESHOLDS.blank);
  const homeStale = live.some((f) => f.ruleId === 'home-stale');
  const reasons: string[] = [];
  if (homeStale) reasons.push('首页在检查时间点前2周内无更新，单项否决');
  if (staleShort.reached) {
    reasons.push(`动态要闻类栏目2周内未更新、通知公告/政策文件类栏目6个月内未更新共${staleShort.count}个（达到${staleShort.threshold}个），单项否决`);
  }
  if (staleLong.reached) reasons.push(`其他应更新栏目1年以上未更新共${staleLong.count}个（达到${staleLong.threshold}个），单项否决`);
  if (blank.reached) reasons.push(`空白栏目共${blank.count}个（达到${blank.threshold}个），单项否决`);
  return { veto: reasons.length > 0, homeStale, staleShort, staleLong, blank, reasons };
}
