/**
 * Site-level findings and site-wide dismissals.
 *
 * The footer's identity items (党政机关标识, 网站标识码, ICP/公安备案, 主办单位/联系方式) and the
 * 我为政府网站找错 entry belong to the site, not to one page: the same gap seen on twenty pages is
 * one problem in the 通报. Such a finding is stored once per site and round, with the pages where
 * it was seen (`seenOn`); its pageUrl stays the first of them.
 *
 * A dismissal with a reason is the inspector's judgement about the site ("this column is an
 * archive"): it applies to the same finding already recorded on every page of the site, and
 * undoing it reopens them all.
 */
import type { InspectorDB } from './db';
import type { Finding } from './types';
import { dismissalKey, fingerprintOf } from './keys';

export const SITE_LEVEL_RULES: ReadonlySet<string> = new Set([
  'conac-badge-missing',
  'site-code-missing',
  'site-code-mismatch',
  'icp-missing',
  'police-record-missing',
  'sponsor-missing',
  'jiucuo-missing',
]);

export function isSiteLevel(ruleId: string): boolean {
  return SITE_LEVEL_RULES.has(ruleId);
}

/** Stands in for the page in a site-level fingerprint: one finding per site, round, rule and wording. */
const SITE_PAGE = '*site*';

export function siteLevelFingerprint(roundId: string, siteId: string, ruleId: string, message: string): string {
  return fingerprintOf({ roundId, siteId, pageUrl: SITE_PAGE, ruleId, quote: null, message });
}

/** Pages where a finding was seen: its own page, plus the others for a site-level one. */
export function pagesOf(f: Pick<Finding, 'pageUrl' | 'seenOn'>): string[] {
  return f.seenOn?.length ? f.seenOn : [f.pageUrl];
}

/** A site-level finding seen (again) on a page: the page joins its list, nothing else of the inspector's changes. */
export function seenAgain(f: Finding, pageKey: string): Finding {
  const seenOn = pagesOf(f);
  return seenOn.includes(pageKey) ? f : { ...f, seenOn: [...seenOn, pageKey] };
}

/** No longer seen on this page: off the list; not present at all once no page shows it. */
export function notSeenOn(f: Finding, pageKey: string, now: number): Finding | null {
  const seenOn = pagesOf(f);
  if (!seenOn.includes(pageKey)) return null;
  const rest = seenOn.filter((p) => p !== pageKey);
  return rest.length ? { ...f, seenOn: rest, updatedAt: now } : { ...f, seenOn: [pageKey], stillPresent: false, updatedAt: now };
}

/** Site-level findings of the round seen on a page other than their first (the `*seenOn` index). */
export async function siteLevelOnPage(db: InspectorDB, roundId: string, pageKey: string): Promise<Finding[]> {
  return db.findings
    .where('seenOn')
    .equals(pageKey)
    .filter((f) => f.roundId === roundId && f.pageUrl !== pageKey)
    .toArray();
}

/** The same finding as `f` on other pages of the site, this round. */
function samefinding(f: Finding) {
  const key = dismissalKey(f.siteId, f.ruleId, f.quote?.exact ?? f.message);
  return (o: Finding) => o.id !== f.id && o.roundId === f.roundId && o.source === 'auto' && dismissalKey(o.siteId, o.ruleId, o.quote?.exact ?? o.message) === key;
}

/**
 * Inside updateFinding's transaction: a dismissal with a reason reaches the open copies of the
 * finding on the site's other pages; reopening a finding so dismissed reopens them too.
 * Returns how many other findings changed.
 */
export async function applySiteWide(db: InspectorDB, before: Finding, after: Finding, now: number): Promise<number> {
  if (before.source !== 'auto') return 0;
  const reason = after.dismissReason.trim();
  if (after.status === 'dismissed' && before.status !== 'dismissed' && reason) {
    return db.findings
      .where('siteId')
      .equals(before.siteId)
      .filter((o) => samefinding(before)(o) && o.status === 'open')
      .modify({ status: 'dismissed', dismissReason: reason, updatedAt: now });
  }
  if (before.status === 'dismissed' && after.status !== 'dismissed' && before.dismissReason.trim()) {
    return db.findings
      .where('siteId')
      .equals(before.siteId)
      .filter((o) => samefinding(before)(o) && o.status === 'dismissed' && o.dismissReason === before.dismissReason)
      .modify({ status: 'open', dismissReason: '', updatedAt: now });
  }
  return 0;
}
