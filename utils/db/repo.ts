import { listCorrections } from './column-corrections';
import type { InspectorDB } from './db';
import type { Finding, FindingStatus, Round, Settings, Site } from './types';
import type { ScanContext, ScanFinding, ScanResult, Severity, TextQuote } from '../scan/types';
import { DEFAULT_THRESHOLDS } from '../scan/types';
import { dismissalKey, fingerprintOf, hash, hostOf, normaliseUrl, siteIdForHost } from './keys';
import { applySiteWide, isSiteLevel, notSeenOn, seenAgain, siteLevelFingerprint, siteLevelOnPage } from './site-level';
import { chinaDate as todayInChina, quarterOf } from '../rounds';
import { CHECK_RULE_IDS } from '../scan/check-rule';
import { rosterTerms } from '../text/suspect/guards';

/** Database operations behind the background's messages. Pure Dexie: testable with fake-indexeddb. */

export async function getSettings(db: InspectorDB, now = Date.now()): Promise<Settings> {
  const existing = await db.settings.get('settings');
  if (existing) return existing;
  const today = todayInChina(now);
  const settings: Settings = {
    id: 'settings',
    inspector: '',
    currentRoundId: quarterOf(today),
    thresholds: { ...DEFAULT_THRESHOLDS },
    extraLexicon: [],
    lexiconExceptions: [],
  };
  // Checked again inside the write: two first reads side by side (the worker starting while the
  // inspector sets the round) must not let the defaults overwrite what the other just stored.
  return db.transaction('rw', db.settings, db.rounds, async () => {
    const stored = await db.settings.get('settings');
    if (stored) return stored;
    await db.settings.put(settings);
    if (!(await db.rounds.get(settings.currentRoundId))) {
      await db.rounds.put({ id: settings.currentRoundId, monitoringDate: today, createdAt: now });
    }
    return settings;
  });
}

export async function updateSettings(db: InspectorDB, patch: Partial<Omit<Settings, 'id'>>): Promise<Settings> {
  const current = await getSettings(db);
  const next = { ...current, ...patch, id: 'settings' as const };
  await db.settings.put(next);
  return next;
}

export async function currentRound(db: InspectorDB, now = Date.now()): Promise<Round> {
  const settings = await getSettings(db, now);
  const round = await db.rounds.get(settings.currentRoundId);
  if (round) return round;
  const created: Round = { id: settings.currentRoundId, monitoringDate: todayInChina(now), createdAt: now };
  await db.rounds.put(created);
  return created;
}

/** Switch to (or create) a round and set its 检查时间点. */
export async function setRound(db: InspectorDB, roundId: string, monitoringDate: string, now = Date.now()): Promise<Round> {
  const round: Round = { id: roundId, monitoringDate, createdAt: (await db.rounds.get(roundId))?.createdAt ?? now };
  await db.transaction('rw', db.rounds, db.settings, async () => {
    await db.rounds.put(round);
    await updateSettings(db, { currentRoundId: roundId });
  });
  return round;
}

/** The site a page belongs to: a roster site listing its host, else one created for the host. */
export async function siteForUrl(db: InspectorDB, url: string, title = '', now = Date.now()): Promise<Site> {
  const known = await findSite(db, url);
  if (known) return known;
  const host = hostOf(url);
  const bare = host.replace(/^www\./, '');
  const site: Site = {
    id: siteIdForHost(host),
    kind: 'website',
    name: siteNameFromTitle(title) || host,
    hosts: Array.from(new Set([host, bare])),
    url: `${safeOrigin(url)}/`,
    siteCode: '',
    sponsor: '',
    unit: '',
    platform: '',
    onRoster: false,
    updatedAt: now,
  };
  await db.sites.put(site);
  return site;
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** "通知公告_某某县人民政府" → "某某县人民政府": gov titles end with the site name. */
function siteNameFromTitle(title: string): string {
  const parts = title.split(/\s*[_|\-–—]\s*/).map((p) => p.trim()).filter(Boolean);
  const last = parts[parts.length - 1] ?? '';
  return /(政府|网|局|委|办|厅|部|院|中心|门户)/.test(last) && last.length <= 30 ? last : '';
}

export async function scanContextFor(db: InspectorDB, url: string): Promise<ScanContext> {
  const [settings, round, site, columnCorrections, names] = await Promise.all([getSettings(db), currentRound(db), findSite(db, url), listCorrections(db, url), rosterNames(db)]);
  return {
    monitoringDate: round.monitoringDate,
    thresholds: settings.thresholds,
    rosterSiteCode: site?.onRoster ? site.siteCode || null : null,
    homeUrl: site?.onRoster ? site.url || null : null,
    columnCorrections,
    lexicon: { extra: settings.extraLexicon, exceptions: settings.lexiconExceptions },
    // suspected-typo: the roster's names are names, whatever the language model thinks of them.
    rosterTerms: rosterTerms(names),
  };
}

/** Every name the roster holds (网站名称, 主办单位, 县(市)、部门), once each. */
async function rosterNames(db: InspectorDB): Promise<string[]> {
  const out = new Set<string>();
  await db.sites.each((s) => {
    if (s.onRoster) for (const n of [s.name, s.sponsor, s.unit]) if (n) out.add(n);
  });
  return [...out];
}

export async function findSite(db: InspectorDB, url: string): Promise<Site | undefined> {
  const host = hostOf(url);
  const bare = host.replace(/^www\./, '');
  return (await db.sites.where('hosts').anyOf([host, bare, `www.${bare}`]).toArray())[0];
}

function fingerprintFor(roundId: string, siteId: string, pageUrl: string, f: { ruleId: string; quote: TextQuote | null; message: string; detail?: Record<string, unknown> }): string {
  const column = f.detail && typeof f.detail.column === 'string' ? `栏目:${f.detail.column}` : null;
  return fingerprintOf({ roundId, siteId, pageUrl, ruleId: f.ruleId, quote: f.quote?.exact ?? column, message: f.message });
}

/**
 * Store one scan's results: new findings are added, known ones refreshed (the
 * inspector's status, wording and note are kept), dismissed false alarms stay
 * away, and auto findings the scan no longer produces are marked not present.
 */
export async function saveScan(db: InspectorDB, result: ScanResult, now = Date.now()): Promise<Finding[]> {
  // One transaction for the whole save: a page's findings land together or not at all, and
  // quarter-end volumes pay one commit per page instead of five.
  return db.transaction('rw', [db.settings, db.rounds, db.sites, db.findings, db.pages, db.dismissals], async () => {
    // Independent reads side by side: each request waits on the worker's event loop, and a page
    // save sits between the scan and the marks appearing.
    const [round, site, settings] = await Promise.all([currentRound(db, now), siteForUrl(db, result.url, result.title, now), getSettings(db, now)]);
    const pageKey = normaliseUrl(result.url);
    const siteLevelIds = result.findings.filter((sf) => isSiteLevel(sf.ruleId)).map((sf) => `f_${hash(siteLevelFingerprint(round.id, site.id, sf.ruleId, sf.message))}`);
    const [, existing, otherPages, siteLevel, dismissedKeys] = await Promise.all([
      db.pages.put({
        url: pageKey,
        href: result.url,
        roundId: round.id,
        siteId: site.id,
        title: result.title,
        pageType: result.pageType,
        lastScanned: now,
        latestDate: result.latestDate,
        columnName: result.columnName ?? null,
        replies: result.replies ?? null,
        columns: result.columns,
      }),
      db.findings.where('pageUrl').equals(pageKey).filter((f) => f.roundId === round.id).toArray(),
      // Site-level findings (footer identity, 找错) are one per site: the ones this page already
      // shows, and the ones this scan reports that were first seen on another page.
      siteLevelOnPage(db, round.id, pageKey),
      db.findings.bulkGet(siteLevelIds),
      // One read of the site's dismissals, not one per finding: pages can carry hundreds.
      db.dismissals.where('siteId').equals(site.id).primaryKeys(),
    ]);
    existing.push(...otherPages);
    const byFingerprint = new Map(existing.map((f) => [f.fingerprint, f]));
    for (const f of siteLevel) if (f && !byFingerprint.has(f.fingerprint)) byFingerprint.set(f.fingerprint, f);
    const dismissed = new Set(dismissedKeys as string[]);
    const seen = new Set<string>();
    const writes: Finding[] = [];
    for (const sf of result.findings) {
      const siteLevel = isSiteLevel(sf.ruleId);
      const fp = siteLevel ? siteLevelFingerprint(round.id, site.id, sf.ruleId, sf.message) : fingerprintFor(round.id, site.id, pageKey, sf);
      if (seen.has(fp)) continue;
      seen.add(fp);
      const old = byFingerprint.get(fp);
      if (old && siteLevel) {
        // Seen on one more page: the page joins its list; its first page and title stay.
        const seenHere = old.stillPresent ? seenAgain(old, pageKey) : { ...old, seenOn: [pageKey], stillPresent: true, updatedAt: now };
        writes.push({ ...seenHere, detail: sf.detail });
      } else if (old) {
        writes.push({ ...old, detail: sf.detail, quote: sf.quote ?? old.quote, pageTitle: result.title, stillPresent: true, updatedAt: old.stillPresent ? old.updatedAt : now });
      } else if (!dismissed.has(dismissalKey(site.id, sf.ruleId, sf.quote?.exact ?? sf.message))) {
        const f = newAutoFinding(round.id, site.id, pageKey, result.title, sf, fp, settings.inspector, now);
        writes.push(siteLevel ? { ...f, seenOn: [pageKey] } : f);
      }
    }
    for (const old of existing) {
      if (old.source !== 'auto' || seen.has(old.fingerprint) || !old.stillPresent) continue;
      // Link-check and availability findings come from their own runs, not from this scan.
      if (CHECK_RULE_IDS.has(old.ruleId)) continue;
      if (old.seenOn?.length) {
        const gone = notSeenOn(old, pageKey, now);
        if (gone) writes.push(gone);
      } else {
        writes.push({ ...old, stillPresent: false, updatedAt: now });
      }
    }
    await db.findings.bulkPut(writes);
    // The page's findings now: what was there, with this scan's writes applied (no second read).
    const merged = new Map(existing.map((f) => [f.id, f]));
    for (const w of writes) merged.set(w.id, w);
    return Array.from(merged.values());
  });
}

type FindingCore = Pick<Finding, 'id' | 'fingerprint' | 'roundId' | 'siteId' | 'pageUrl' | 'pageTitle' | 'ruleId' | 'source' | 'severity' | 'status' | 'review' | 'message' | 'category' | 'quote' | 'detail'>;

/** Every new finding, whoever raises it: what is specific to it, plus an empty review trail. */
export function createFinding(core: FindingCore, inspector: string, now: number, note = ''): Finding {
  return { ...core, note, dismissReason: '', rectification: '', inspector, createdAt: now, updatedAt: now, stillPresent: true };
}

function newAutoFinding(roundId: string, siteId: string, pageUrl: string, title: string, sf: ScanFinding, fingerprint: string, inspector: string, now: number): Finding {
  return createFinding(
    {
      id: `f_${hash(fingerprint)}`,
      fingerprint,
      roundId,
      siteId,
      pageUrl,
      pageTitle: title,
      ruleId: sf.ruleId,
      source: 'auto',
      severity: sf.severity,
      status: 'open',
      review: sf.review,
      message: sf.message,
      category: sf.category,
      quote: sf.quote,
      detail: sf.detail,
    },
    inspector,
    now,
  );
}

/** Findings of one page in the current round, newest rules first; dismissed ones included (the UI hides them). */
export async function pageFindings(db: InspectorDB, url: string, roundId?: string): Promise<Finding[]> {
  const rid = roundId ?? (await currentRound(db)).id;
  const key = normaliseUrl(url);
  const own = await db.findings.where('pageUrl').equals(key).filter((f) => f.roundId === rid).toArray();
  return [...own, ...(await siteLevelOnPage(db, rid, key))]; // site-level findings seen here are this page's too
}

export async function siteFindings(db: InspectorDB, url: string, roundId?: string): Promise<{ site: Site | undefined; findings: Finding[] }> {
  const rid = roundId ?? (await currentRound(db)).id;
  const site = await findSite(db, url);
  if (!site) return { site, findings: [] };
  return { site, findings: await db.findings.where('[roundId+siteId]').equals([rid, site.id]).toArray() };
}

export interface FindingPatch {
  status?: FindingStatus;
  message?: string;
  note?: string;
  dismissReason?: string;
  rectification?: string;
  severity?: Severity;
}

const PATCH_FIELDS = ['status', 'message', 'note', 'dismissReason', 'rectification', 'severity'] as const;

/** Only the review fields: ids, page, round and evidence of a finding are never patched. */
function pickPatch(patch: FindingPatch): FindingPatch {
  const out: Record<string, unknown> = {};
  for (const k of PATCH_FIELDS) if (patch[k] !== undefined) out[k] = patch[k];
  return out as FindingPatch;
}

/** Apply the inspector's verdict; a dismissal is remembered per site + rule + quote. */
export async function updateFinding(db: InspectorDB, id: string, patch: FindingPatch, now = Date.now()): Promise<Finding> {
  return db.transaction('rw', db.findings, db.dismissals, async () => {
    const f = await db.findings.get(id);
    if (!f) throw new Error(`找不到问题记录 ${id}`);
    const next: Finding = { ...f, ...pickPatch(patch), updatedAt: now };
    await db.findings.put(next);
    await applySiteWide(db, f, next, now); // a dismissal with a reason covers the site's pages
    const key = dismissalKey(f.siteId, f.ruleId, f.quote?.exact ?? f.message);
    if (patch.status === 'dismissed' && f.source === 'auto') {
      await db.dismissals.put({ key, siteId: f.siteId, ruleId: f.ruleId, quote: f.quote?.exact ?? f.message, reason: patch.dismissReason ?? f.dismissReason, createdAt: now });
    } else if (patch.status && patch.status !== 'dismissed' && f.status === 'dismissed') {
      await db.dismissals.delete(key);
    }
    return next;
  });
}

export interface ManualInput {
  /** A catalogue rule the inspector chose, or 'manual' (其他). */
  ruleId?: string;
  url: string;
  title: string;
  quote: TextQuote | null;
  message: string;
  note: string;
  severity: Severity;
  category: string;
}

/** The inspector's own finding: confirmed from the start, since a person raised it. */
export async function addManualFinding(db: InspectorDB, input: ManualInput, now = Date.now()): Promise<Finding> {
  const round = await currentRound(db, now);
  const site = await siteForUrl(db, input.url, input.title, now);
  const settings = await getSettings(db, now);
  const pageUrl = normaliseUrl(input.url);
  const ruleId = input.ruleId || 'manual';
  const fingerprint = `${fingerprintOf({ roundId: round.id, siteId: site.id, pageUrl, ruleId, quote: input.quote?.exact ?? null, message: input.message })}\u0001${now}`;
  const finding = createFinding(
    {
      id: `m_${hash(fingerprint)}`,
      fingerprint,
      roundId: round.id,
      siteId: site.id,
      pageUrl,
      pageTitle: input.title,
      ruleId,
      source: 'manual',
      severity: input.severity,
      status: 'confirmed',
      review: false,
      message: input.message,
      category: input.category || '其他',
      quote: input.quote,
      detail: {},
    },
    settings.inspector,
    now,
    input.note,
  );
  await db.findings.put(finding);
  return finding;
}

/** Dismissed false alarms of a site, newest first, for review. */
export async function listDismissals(db: InspectorDB, siteId: string) {
  return (await db.dismissals.where('siteId').equals(siteId).toArray()).sort((a, b) => b.createdAt - a.createdAt);
}

/** Undo a dismissal: the alarm may come back, and findings it hid are open again. */
export async function restoreDismissal(db: InspectorDB, key: string, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.dismissals, db.findings, async () => {
    const d = await db.dismissals.get(key);
    if (!d) return;
    await db.dismissals.delete(key);
    await db.findings
      .where('siteId')
      .equals(d.siteId)
      .filter((f) => f.status === 'dismissed' && f.ruleId === d.ruleId && (f.quote?.exact ?? f.message) === d.quote)
      .modify({ status: 'open', dismissReason: '', updatedAt: now });
  });
}

/** Screenshots larger than this are refused; the capture is re-encoded smaller before that. */
export const SCREENSHOT_MAX_BYTES = 600_000;

export async function saveScreenshot(db: InspectorDB, findingId: string, dataUrl: string, now = Date.now()): Promise<string> {
  const bytes = Math.floor((dataUrl.length - dataUrl.indexOf(',') - 1) * 0.75);
  if (bytes > SCREENSHOT_MAX_BYTES) throw new Error(`截图过大（${Math.round(bytes / 1024)} KB），未保存`);
  const id = `s_${hash(findingId + now)}`;
  await db.transaction('rw', db.screenshots, db.findings, async () => {
    const f = await db.findings.get(findingId);
    if (!f) throw new Error(`找不到问题记录 ${findingId}`);
    if (f.screenshotId) await db.screenshots.delete(f.screenshotId);
    await db.screenshots.put({ id, findingId, dataUrl, bytes, createdAt: now });
    await db.findings.update(findingId, { screenshotId: id, updatedAt: now });
  });
  return id;
}
