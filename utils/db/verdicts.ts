/** Verdicts and per-site summaries: part of the quarter's workspace (see workspace.ts). */
import type { Finding, FindingStatus, PageRecord, Site } from './types';
import type { Severity } from '../scan/types';
import { siteFreshnessVerdict } from '../scan/verdict';
import type { SiteVerdict } from '../sheets/sheets';

/** Counted for this round: not dismissed, still on the page, and not an unchecked carry-over. */
export function countsThisRound(f: Finding): boolean {
  if (f.status === 'dismissed') return false;
  if (f.status === 'open' && (!f.stillPresent || f.carriedFrom)) return false;
  // Last round's problem, fixed: it counts for 整改, not against this round.
  if (f.status === 'fixed' && f.carriedFrom) return false;
  return true;
}

export interface Verdict extends SiteVerdict {
  /** Confirmed 单项否决 findings. */
  vetoes: number;
}

/**
 * 不合格 when a confirmed 单项否决 exists, or the freshness counts reach a site-level veto
 * (≥5 stale columns, home page stale …, see utils/scan/verdict.ts). `reasons` holds only the
 * site-level ones: confirmed findings are listed by the sheets themselves.
 */
export function siteVerdict(findings: Finding[]): Verdict {
  const live = findings.filter(countsThisRound);
  const vetoes = live.filter((f) => f.status === 'confirmed' && f.severity === 'veto').length;
  const freshness = siteFreshnessVerdict(live);
  return { qualified: vetoes === 0 && !freshness.veto, reasons: freshness.reasons, vetoes };
}

export interface SiteRow {
  site: Site;
  pages: number;
  /** Live findings (not dismissed) by severity. */
  bySeverity: Record<Severity, number>;
  byStatus: Record<FindingStatus, number>;
  verdict: Verdict;
  lastVisited: number | null;
}

/** One pass over the round's findings and pages: fast enough for 50,000 findings. */
export function summariseSites(sites: Site[], pages: PageRecord[], findings: Finding[]): SiteRow[] {
  const bySite = new Map<string, Finding[]>();
  for (const f of findings) {
    let list = bySite.get(f.siteId);
    if (!list) bySite.set(f.siteId, (list = []));
    list.push(f);
  }
  const pageCount = new Map<string, { n: number; last: number }>();
  for (const p of pages) {
    const c = pageCount.get(p.siteId) ?? { n: 0, last: 0 };
    c.n += 1;
    c.last = Math.max(c.last, p.lastScanned);
    pageCount.set(p.siteId, c);
  }
  return sites.map((site) => {
    const list = bySite.get(site.id) ?? [];
    const bySeverity: Record<Severity, number> = { veto: 0, deduct: 0, hint: 0 };
    const byStatus: Record<FindingStatus, number> = { open: 0, confirmed: 0, dismissed: 0, fixed: 0 };
    for (const f of list) {
      byStatus[f.status] += 1;
      if (countsThisRound(f)) bySeverity[f.severity] += 1;
    }
    const pc = pageCount.get(site.id);
    return { site, pages: pc?.n ?? 0, bySeverity, byStatus, verdict: siteVerdict(list), lastVisited: pc ? pc.last : null };
  });
}
