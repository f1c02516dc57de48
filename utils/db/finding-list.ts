/** The all-findings list: part of the quarter's workspace (see workspace.ts). */
import type { Finding, FindingStatus } from './types';
import type { Severity } from '../scan/types';

export interface FindingFilter {
  text: string;
  /** 'live' = everything but dismissed. */
  status: FindingStatus | 'all' | 'live' | 'recheck';
  severity: Severity | 'all';
  ruleId: string;
  siteId: string;
}

export const EMPTY_FILTER: FindingFilter = { text: '', status: 'live', severity: 'all', ruleId: 'all', siteId: 'all' };

const SEVERITY_RANK: Record<Severity, number> = { veto: 0, deduct: 1, hint: 2 };

/** Site order, then severity, then page: the order inspectors read the 问题明细 sheet in. */
export function sortFindings(findings: Finding[], siteName: Map<string, string>): Finding[] {
  const name = (id: string) => siteName.get(id) ?? id;
  return [...findings].sort(
    (a, b) =>
      (a.siteId === b.siteId ? 0 : name(a.siteId) < name(b.siteId) ? -1 : 1) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.pageUrl < b.pageUrl ? -1 : a.pageUrl > b.pageUrl ? 1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** One linear pass; the text filter matches message, quote, page title/url, note and site name. */
/** Lower-cased searchable text of a finding, built once per finding object (updates replace the object). */
const searchText = new WeakMap<Finding, string>();
function haystack(f: Finding): string {
  let t = searchText.get(f);
  if (t === undefined) {
    t = [f.message, f.quote?.exact ?? '', f.pageTitle, f.pageUrl, f.note].join('\u0001').toLowerCase();
    searchText.set(f, t);
  }
  return t;
}

/** Build the search text of many findings ahead of the first keystroke, a slice at a time. */
export function warmSearch(findings: Finding[], slice = 5000, schedule: (fn: () => void) => void = (fn) => setTimeout(fn, 0)): void {
  let i = 0;
  const step = () => {
    const end = Math.min(findings.length, i + slice);
    for (; i < end; i++) haystack(findings[i]);
    if (i < findings.length) schedule(step);
  };
  schedule(step);
}

export function filterFindings(sorted: Finding[], filter: FindingFilter, siteName: Map<string, string>): Finding[] {
  const needle = filter.text.trim().toLowerCase();
  // Sites whose name matches: decided once per filter, not once per finding.
  const namedSites = new Set(needle ? Array.from(siteName).filter(([, name]) => name.toLowerCase().includes(needle)).map(([id]) => id) : []);
  return sorted.filter((f) => {
    if (filter.status === 'live' ? f.status === 'dismissed' : filter.status === 'recheck' ? !f.carriedFrom : filter.status !== 'all' && f.status !== filter.status) return false;
    if (filter.severity !== 'all' && f.severity !== filter.severity) return false;
    if (filter.ruleId !== 'all' && f.ruleId !== filter.ruleId) return false;
    if (filter.siteId !== 'all' && f.siteId !== filter.siteId) return false;
    if (!needle) return true;
    return namedSites.has(f.siteId) || haystack(f).includes(needle);
  });
}
