/**
 * The quarter's workspace behind the dashboard: roster into the database, per-site verdicts and
 * coverage, rectification carry-over between rounds, new-media findings, the sheets, and backup
 * restore / merge. Pure Dexie + pure helpers (no extension APIs): testable with fake-indexeddb.
 */
import type { InspectorDB } from './db';
import type { Finding, FindingStatus, PageRecord, Round, Site, SiteKind } from './types';
import type { Severity } from '../scan/types';
import { dismissalKey, hash, normaliseUrl, withFingerprintPart } from './keys';
import { createFinding, currentRound, getSettings, setRound, updateFinding } from './repo';
import { siteFreshnessVerdict } from '../scan/verdict';
import { buildSheets, isPendingVeto, type Sheet, type SheetOptions, type SiteVerdict } from '../sheets/sheets';
import { checkSiteCode, cleanName, parseRosterUrl } from '../roster/import';
import { compareRoundIds, daysBetween } from '../rounds';
import {
  BackupError,
  emptyBackupData,
  mergeBackups,
  parseBackup,
  serializeBackup,
  type BackupData,
  type MergeConflict,
  type MergeStats,
} from '../backup/backup';

// ---------------------------------------------------------------------------------------------
// Roster

export interface RosterApplyResult {
  added: number;
  updated: number;
  /** Pages and findings of sites visited before they were on the roster, now linked to it. */
  relinkedPages: number;
  relinkedFindings: number;
}

/** Sites may only enter the database whole: a name, and hosts for a website. */
function assertValidSite(s: Site): void {
  if (!s.name.trim()) throw new Error(`名单中有缺少名称的记录（${s.id}），未导入任何记录`);
  if (s.kind === 'website' && s.hosts.length === 0) throw new Error(`“${s.name}”缺少网址，未导入任何记录`);
  if (s.kind === 'newmedia' && !s.platform.trim()) throw new Error(`“${s.name}”缺少平台，未导入任何记录`);
}

/**
 * Pages, findings and dismissals of on-the-fly sites (created when a page was visited before
 * the site was on the roster) move to the roster site that now lists their host. Fingerprints
 * carry the site id, so they are rewritten: the next scan then finds the moved findings instead
 * of duplicating them. Runs inside the caller's transaction.
 */
async function relinkHosts(db: InspectorDB, target: Site): Promise<{ pages: number; findings: number }> {
  if (target.kind !== 'website' || target.hosts.length === 0) return { pages: 0, findings: 0 };
  const others = (await db.sites.where('hosts').anyOf(target.hosts).toArray()).filter(
    (s) => s.id !== target.id && !s.onRoster,
  );
  let pages = 0;
  let findings = 0;
  for (const other of others) {
    const movedPages = await db.pages.where('siteId').equals(other.id).toArray();
    await db.pages.bulkPut(movedPages.map((p) => ({ ...p, siteId: target.id })));
    pages += movedPages.length;

    const taken = new Set((await db.findings.where('siteId').equals(target.id).toArray()).map((f) => f.fingerprint));
    const moving = await db.findings.where('siteId').equals(other.id).toArray();
    const keep: Finding[] = [];
    const drop: string[] = [];
    for (const f of moving) {
      const fingerprint = withFingerprintPart(f.fingerprint, 1, target.id);
      if (taken.has(fingerprint)) drop.push(f.id);
      else {
        taken.add(fingerprint);
        keep.push({ ...f, siteId: target.id, fingerprint });
      }
    }
    await db.findings.bulkDelete(drop);
    await db.findings.bulkPut(keep);
    findings += keep.length;

    const dismissals = await db.dismissals.where('siteId').equals(other.id).toArray();
    await db.dismissals.bulkDelete(dismissals.map((d) => d.key));
    await db.dismissals.bulkPut(
      dismissals.map((d) => ({ ...d, siteId: target.id, key: dismissalKey(target.id, d.ruleId, d.quote) })),
    );
    await db.sites.delete(other.id);
  }
  return { pages, findings };
}

/** The roster site an incoming row stands for: same id, else same host / same account. */
function matchExisting(existing: Site[], s: Site): Site | undefined {
  const byId = existing.find((e) => e.id === s.id);
  if (byId) return byId;
  return existing.find(
    (e) =>
      e.onRoster &&
      e.kind === s.kind &&
      (s.kind === 'website'
        ? e.hosts.some((h) => s.hosts.includes(h))
        : e.platform === s.platform && e.name === s.name),
  );
}

/**
 * Imports the valid rows of a roster in one transaction: every site is written, or none is
 * (any failure aborts and rolls back). Re-importing the same roster updates in place.
 */
export async function applyRoster(db: InspectorDB, incoming: Site[], now = Date.now()): Promise<RosterApplyResult> {
  for (const s of incoming) assertValidSite(s);
  return db.transaction('rw', [db.sites, db.pages, db.findings, db.dismissals], async () => {
    const result: RosterApplyResult = { added: 0, updated: 0, relinkedPages: 0, relinkedFindings: 0 };
    const existing = await db.sites.toArray();
    for (const s of incoming) {
      const old = matchExisting(existing, s);
      let site: Site;
      if (old) {
        site = { ...old, ...s, id: old.id, hosts: Array.from(new Set([...s.hosts, ...old.hosts])), onRoster: true, updatedAt: now };
        if (old.latestPost !== undefined && s.latestPost === undefined) site.latestPost = old.latestPost;
        result.updated += 1;
      } else {
        site = { ...s, onRoster: true, updatedAt: now };
        result.added += 1;
      }
      await db.sites.put(site);
      const idx = existing.findIndex((e) => e.id === site.id);
      if (idx >= 0) existing[idx] = site;
      else existing.push(site);
      const moved = await relinkHosts(db, site);
      result.relinkedPages += moved.pages;
      result.relinkedFindings += moved.findings;
    }
    return result;
  });
}

/** A site as typed into the dashboard form. */
export interface SiteInput {
  id?: string;
  kind: SiteKind;
  name: string;
  /** One or several addresses (space, comma, 、 or ; separated): every host belongs to the site. */
  urls: string;
  siteCode: string;
  sponsor: string;
  unit: string;
  platform: string;
}

export function siteFromInput(input: SiteInput, existing: Site | undefined, now: number): { ok: true; site: Site } | { ok: false; message: string } {
  const name = cleanName(input.name);
  if (!name) return { ok: false, message: input.kind === 'newmedia' ? '请填写账号名称' : '请填写网站名称' };
  const base = {
    kind: input.kind,
    name,
    sponsor: cleanName(input.sponsor),
    unit: cleanName(input.unit),
    onRoster: true,
    updatedAt: now,
    rosterIndex: existing?.rosterIndex,
  };
  if (input.kind === 'website') {
    const url = parseRosterUrl(input.urls);
    if (!url.ok) return { ok: false, message: url.message };
    const code = checkSiteCode(input.siteCode);
    if (!code.ok) return { ok: false, message: code.message };
    const id = existing?.id ?? input.id ?? url.value.id;
    return { ok: true, site: { ...existing, ...base, id, hosts: url.value.hosts, url: url.value.url, siteCode: code.value, platform: '' } };
  }
  const platform = cleanName(input.platform);
  if (!platform) return { ok: false, message: '请选择平台' };
  const id = existing?.id ?? input.id ?? `nm-${platform}-${name}`;
  return { ok: true, site: { ...existing, ...base, id, hosts: [], url: input.urls.trim(), siteCode: '', platform } };
}

/** Add or edit one site by hand; a new host links pages visited under it. */
export async function saveSite(db: InspectorDB, input: SiteInput, now = Date.now()): Promise<Site> {
  const existing = input.id ? await db.sites.get(input.id) : undefined;
  const made = siteFromInput(input, existing, now);
  if (!made.ok) throw new Error(made.message);
  const site = made.site;
  if (site.rosterIndex === undefined) {
    const all = await db.sites.toArray();
    site.rosterIndex = all.reduce((m, s) => (s.onRoster && s.rosterIndex !== undefined ? Math.max(m, s.rosterIndex) : m), -1) + 1;
  }
  await db.transaction('rw', [db.sites, db.pages, db.findings, db.dismissals], async () => {
    if (!existing && (await db.sites.get(site.id))?.onRoster) throw new Error(`名单中已有“${site.name}”（${site.id}）`);
    await db.sites.put(site);
    await relinkHosts(db, site);
  });
  return site;
}

/** Off the roster (its pages and findings stay, as an unlisted site). */
export async function removeFromRoster(db: InspectorDB, siteId: string, now = Date.now()): Promise<void> {
  await db.sites.update(siteId, { onRoster: false, updatedAt: now });
}

// ---------------------------------------------------------------------------------------------
// Verdicts and per-site summaries

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
  /** 单项否决 findings nobody has ruled on yet: while any is open, a qualified site is 待审核. */
  pendingVetoes: number;
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
  return { qualified: vetoes === 0 && !freshness.veto, reasons: freshness.reasons, vetoes, pendingVetoes: findings.filter(isPendingVeto).length };
}

/** 合格 / 不合格 / 待审核 as the sheets say it. */
export function verdictLabel(v: Pick<Verdict, 'qualified' | 'pendingVetoes'>): '合格' | '不合格' | '待审核' {
  return !v.qualified ? '不合格' : v.pendingVetoes > 0 ? '待审核' : '合格';
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

// ---------------------------------------------------------------------------------------------
// Coverage of the key columns

export const KEY_COLUMNS = ['要闻动态', '通知公告', '政策文件', '政策解读', '政府信息公开', '互动交流'] as const;
export type KeyColumn = (typeof KEY_COLUMNS)[number];

/** Column names as sites spell them; order matters (解读 before 文件, 信息公开 before 公告). */
const NAME_PATTERNS: [KeyColumn, RegExp][] = [
  ['政策解读', /解读/],
  ['政府信息公开', /信息公开|政务公开|公开目录|公开指南|公开年报/],
  ['互动交流', /互动|留言|信箱|咨询|征集|访谈|调查|问政|诉求|回应/],
  ['通知公告', /通知|公告|公示|通告/],
  ['政策文件', /政策|文件|法规|规章|规范性/],
  ['要闻动态', /要闻|动态|新闻|资讯|时政|工作信息|快讯|头条/],
];

/** Path segments CMSs use for the key columns (pinyin initials). */
const PATH_SEGMENTS: Record<string, KeyColumn> = {
  ywdt: '要闻动态', jryw: '要闻动态', gzdt: '要闻动态', zwdt: '要闻动态', xwzx: '要闻动态', xwdt: '要闻动态', news: '要闻动态',
  tzgg: '通知公告', gsgg: '通知公告', notice: '通知公告',
  zcwj: '政策文件', zfwj: '政策文件', gfxwj: '政策文件', zcfg: '政策文件',
  zcjd: '政策解读', jd: '政策解读',
  xxgk: '政府信息公开', zfxxgk: '政府信息公开', zwgk: '政府信息公开',
  hdjl: '互动交流', zmhd: '互动交流', gzcy: '互动交流', hudong: '互动交流',
};

export function keyColumnOfName(name: string): KeyColumn | null {
  const n = name.replace(/\s+/g, '');
  if (!n || n.length > 20) return null;
  for (const [col, re] of NAME_PATTERNS) if (re.test(n)) return col;
  return null;
}

function pathColumn(url: string): KeyColumn | null {
  const path = url.replace(/^[^/]*/, '').split('?')[0] ?? '';
  const segments = path.split('/').filter(Boolean);
  // The last segment is the page itself (t2025…_123.html, index.html): only folders name columns.
  for (const seg of segments.slice(0, /\.\w+$/.test(path) ? -1 : undefined)) {
    const col = PATH_SEGMENTS[seg.toLowerCase()];
    if (col) return col;
  }
  return null;
}

/** Title segments that may name the column: "通知公告_某某县人民政府", "标题_通知公告_某某县…". */
function titleNames(p: PageRecord): string[] {
  const parts = p.title.split(/\s*[_|\-–—]\s*/).map((s) => s.trim()).filter(Boolean);
  if (parts.length <= 1) return p.pageType === 'article' ? [] : parts;
  const inner = parts.slice(0, -1); // the last part is the site's name
  return p.pageType === 'article' ? inner.slice(1) : inner;
}

export interface CoverageHit {
  url: string;
  title: string;
}

export type SiteCoverage = Partial<Record<KeyColumn, CoverageHit>>;

/**
 * Which key columns each site's visited pages belong to. A page is a column page when another
 * page linked to it as that column's "更多" list, when its title names the column, or when its
 * folder is the column's usual path. Home pages do not count: seeing a column's headlines on
 * the home page is not opening the column.
 */
export function coverageOf(pages: PageRecord[]): Map<string, SiteCoverage> {
  const hrefColumn = new Map<string, KeyColumn>();
  for (const p of pages) {
    for (const c of p.columns) {
      if (!c.href) continue;
      const col = keyColumnOfName(c.name);
      if (col) hrefColumn.set(normaliseUrl(c.href), col);
    }
  }
  const out = new Map<string, SiteCoverage>();
  for (const p of pages) {
    if (p.pageType === 'home') continue;
    const cols = new Set<KeyColumn>();
    const linked = hrefColumn.get(normaliseUrl(`http://${p.url}`)) ?? hrefColumn.get(p.url);
    if (linked) cols.add(linked);
    // An article's column is named too, but reading one article is not opening the column's list.
    const own = p.columnName && p.pageType !== 'article' ? [p.columnName] : [];
    for (const name of [...own, ...titleNames(p)]) {
      const c = keyColumnOfName(name);
      if (c) cols.add(c);
    }
    const byPath = pathColumn(p.url);
    if (byPath) cols.add(byPath);
    if (cols.size === 0) continue;
    let cov = out.get(p.siteId);
    if (!cov) out.set(p.siteId, (cov = {}));
    for (const c of cols) if (!cov[c]) cov[c] = { url: p.url, title: p.title };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rounds and rectification (整改)

export const RECTIFICATION_PENDING = '待复核';
export const RECTIFICATION_FIXED = '已整改';
export const RECTIFICATION_NOT_FIXED = '未整改';

/** The latest round before `roundId` that holds findings. */
export async function previousRoundWithFindings(db: InspectorDB, roundId: string): Promise<Round | undefined> {
  const rounds = (await db.rounds.toArray()).filter((r) => compareRoundIds(r.id, roundId) < 0);
  rounds.sort((a, b) => compareRoundIds(b.id, a.id));
  for (const r of rounds) if ((await db.findings.where('roundId').equals(r.id).count()) > 0) return r;
  return undefined;
}

/**
 * Last round's confirmed problems come back in the new round as 待复核 (open): the next scan
 * of their page re-checks them (repo.saveScan keeps them when the rule still fires and sets
 * stillPresent=false when it does not), and the inspector settles each one. Idempotent.
 */
export async function carryOver(db: InspectorDB, fromRoundId: string, toRoundId: string, now = Date.now()): Promise<number> {
  return db.transaction('rw', db.findings, async () => {
    const source = await db.findings.where('roundId').equals(fromRoundId).filter((f) => f.status === 'confirmed').toArray();
    const already = new Set((await db.findings.where('roundId').equals(toRoundId).toArray()).map((f) => f.fingerprint));
    const carried: Finding[] = [];
    for (const f of source) {
      const fingerprint = withFingerprintPart(f.fingerprint, 0, toRoundId);
      if (already.has(fingerprint)) continue;
      already.add(fingerprint);
      carried.push({
        ...f,
        id: `c_${hash(fingerprint)}`,
        fingerprint,
        roundId: toRoundId,
        status: 'open',
        review: false,
        rectification: RECTIFICATION_PENDING,
        carriedFrom: f.id,
        stillPresent: true,
        createdAt: now,
        updatedAt: now,
      });
    }
    await db.findings.bulkPut(carried);
    return carried.length;
  });
}

/** Start (or switch to) a round; a new round carries over the previous round's confirmed problems. */
export async function startRound(db: InspectorDB, roundId: string, monitoringDate: string, now = Date.now()): Promise<{ round: Round; carried: number; from: string | null }> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(monitoringDate)) throw new Error('检查时间点格式应为 YYYY-MM-DD');
  const existed = await db.rounds.get(roundId);
  const round = await setRound(db, roundId, monitoringDate, now);
  if (existed) return { round, carried: 0, from: null };
  const prev = await previousRoundWithFindings(db, roundId);
  if (!prev) return { round, carried: 0, from: null };
  return { round, carried: await carryOver(db, prev.id, roundId, now), from: prev.id };
}

export type RectificationState =
  | 'pending' // not re-checked yet this round
  | 'fix-proposed' // page revisited, the rule no longer fires: propose 已整改
  | 'still-present' // page revisited, still there
  | 'recheck-manual' // page revisited, an inspector's own finding: look again by eye
  | 'fixed'
  | 'not-fixed';

export function rectificationState(f: Finding, page: PageRecord | undefined): RectificationState | null {
  if (!f.carriedFrom) return null;
  if (f.status === 'fixed') return 'fixed';
  if (f.status === 'confirmed') return 'not-fixed';
  if (f.status !== 'open') return null;
  const revisited = page !== undefined && page.lastScanned >= f.createdAt;
  if (!revisited) return 'pending';
  if (f.source === 'manual') return 'recheck-manual';
  return f.stillPresent ? 'still-present' : 'fix-proposed';
}

export const RECTIFICATION_LABEL: Record<RectificationState, string> = {
  pending: '待复核（尚未重新打开该页面）',
  'fix-proposed': '复核：问题已不再出现，建议确认已整改',
  'still-present': '复核：问题仍然存在',
  'recheck-manual': '复核：页面已重新打开，请人工确认',
  fixed: '已整改',
  'not-fixed': '未整改',
};

/** The inspector settles a carried-over problem: 已整改 (fixed) or 未整改 (still a problem this round). */
export async function settleRectification(db: InspectorDB, id: string, fixed: boolean, now = Date.now()): Promise<Finding> {
  return updateFinding(
    db,
    id,
    fixed ? { status: 'fixed', rectification: RECTIFICATION_FIXED } : { status: 'confirmed', rectification: RECTIFICATION_NOT_FIXED },
    now,
  );
}

// ---------------------------------------------------------------------------------------------
// 政务新媒体 (new media): the inspector's own findings per account

export interface NewMediaProblem {
  code: string;
  message: string;
  severity: Severity;
}

/** Wording as in the 通报 (国办秘函〔2019〕19号 政务新媒体检查指标). */
export const NEWMEDIA_PROBLEMS: NewMediaProblem[] = [
  { code: 'nm-stale', message: '2周内无更新', severity: 'veto' },
  { code: 'nm-no-interaction', message: '未提供有效互动功能', severity: 'veto' },
  { code: 'nm-unverified', message: '未认证', severity: 'deduct' },
  { code: 'nm-verify-mismatch', message: '认证主体不一致', severity: 'deduct' },
  { code: 'nm-unrelated', message: '点赞与本单位业务无关的信息', severity: 'deduct' },
  { code: 'nm-unreported', message: '漏报', severity: 'deduct' },
];

export const NEWMEDIA_PLATFORMS = ['微信公众号', '微博', '抖音', '视频号', '头条号', '快手', '其他'];

function newMediaPageUrl(site: Site): string {
  return site.url ? normaliseUrl(site.url) : `newmedia:${site.id}`;
}

function newMediaFinding(site: Site, roundId: string, ruleId: string, message: string, severity: Severity, inspector: string, now: number, category = '内容更新'): Finding {
  const fingerprint = [roundId, site.id, `newmedia:${site.id}`, ruleId, `#${message}`].join('\u0001');
  return createFinding(
    {
      id: `n_${hash(fingerprint)}`,
      fingerprint,
      roundId,
      siteId: site.id,
      pageUrl: newMediaPageUrl(site),
      pageTitle: `${site.platform}：${site.name}`,
      ruleId,
      source: 'manual',
      severity,
      status: 'confirmed',
      review: false,
      message,
      category,
      quote: null,
      detail: {},
    },
    inspector,
    now,
  );
}

/**
 * Sets an account's findings for the round to exactly the checked problems (+ an optional
 * free-text one). Unchanged ones keep their history; unchecked ones are removed, since they
 * are the inspector's own entries, not scanner output.
 */
export async function setNewMediaProblems(
  db: InspectorDB,
  siteId: string,
  roundId: string,
  codes: string[],
  other: string,
  now = Date.now(),
): Promise<Finding[]> {
  const settings = await getSettings(db, now);
  return db.transaction('rw', db.findings, db.sites, async () => {
    const site = await db.sites.get(siteId);
    if (!site || site.kind !== 'newmedia') throw new Error('找不到该政务新媒体账号');
    const wanted: Finding[] = [];
    for (const p of NEWMEDIA_PROBLEMS) {
      if (codes.includes(p.code)) wanted.push(newMediaFinding(site, roundId, p.code, p.message, p.severity, settings.inspector, now, p.code === 'nm-stale' ? '内容更新' : '功能设计'));
    }
    const text = other.trim();
    if (text) wanted.push(newMediaFinding(site, roundId, 'nm-other', text, 'deduct', settings.inspector, now, '其他'));
    const existing = await db.findings.where('[roundId+siteId]').equals([roundId, siteId]).filter((f) => f.ruleId.startsWith('nm-')).toArray();
    const byFp = new Map(existing.map((f) => [f.fingerprint, f]));
    const keep = new Set<string>();
    const writes: Finding[] = [];
    for (const w of wanted) {
      const old = byFp.get(w.fingerprint);
      keep.add(w.fingerprint);
      if (!old) writes.push(w);
    }
    // A free-text problem that was reworded replaces the old one.
    await db.findings.bulkDelete(existing.filter((f) => !keep.has(f.fingerprint)).map((f) => f.id));
    await db.findings.bulkPut(writes);
    return db.findings.where('[roundId+siteId]').equals([roundId, siteId]).toArray();
  });
}

/** The latest post date the inspector saw (or the WeChat page reported); true when older than 2 weeks. */
export async function setLatestPost(db: InspectorDB, siteId: string, roundId: string, date: string, url = '', now = Date.now()): Promise<void> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error('日期格式应为 YYYY-MM-DD');
  await db.sites.update(siteId, { latestPost: { date, roundId, url }, updatedAt: now });
}

/**
 * A WeChat article of a rostered account was opened: keep its publish date as the account's
 * latest post for the current round when it is newer than what is known. Unknown accounts are ignored.
 */
export async function recordLatestPost(db: InspectorDB, account: string, date: string, url: string, now = Date.now()): Promise<string | null> {
  const name = account.trim();
  const site = (await db.sites.where('kind').equals('newmedia').toArray()).find((s) => s.name.trim() === name);
  if (!site) return null;
  const round = await currentRound(db, now);
  const known = site.latestPost?.roundId === round.id ? site.latestPost.date : '';
  if (date > known) await setLatestPost(db, site.id, round.id, date, url, now);
  return site.id;
}

/** 2周内无更新: the latest post is more than 14 days before the 检查时间点. */
export function isNewMediaStale(latestPostDate: string, monitoringDate: string, days = 14): boolean {
  return daysBetween(latestPostDate, monitoringDate) > days;
}

// ---------------------------------------------------------------------------------------------
// Sheets

export async function roundSheets(db: InspectorDB, roundId: string, options: SheetOptions = {}): Promise<Sheet[]> {
  const round = await db.rounds.get(roundId);
  if (!round) throw new Error(`找不到检查轮次 ${roundId}`);
  const [sites, findings, pages] = await Promise.all([
    db.sites.toArray(),
    db.findings.where('roundId').equals(roundId).toArray(),
    db.pages.where('roundId').equals(roundId).toArray(),
  ]);
  return sheetsFor(round, sites, findings, options, new Set(pages.map((p) => p.siteId)), pages);
}

export function sheetsFor(round: Round, sites: Site[], findings: Finding[], options: SheetOptions = {}, visited?: Set<string>, pages?: PageRecord[], snapshotPages?: Set<string>): Sheet[] {
  const bySite = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.roundId !== round.id) continue;
    let l = bySite.get(f.siteId);
    if (!l) bySite.set(f.siteId, (l = []));
    l.push(f);
  }
  const verdicts = new Map<string, SiteVerdict>();
  for (const s of sites) {
    const v = siteVerdict(bySite.get(s.id) ?? []);
    verdicts.set(s.id, { qualified: v.qualified, reasons: v.reasons });
  }
  return buildSheets({ round, sites, findings, verdicts, visited, pages, snapshotPages }, options);
}

// ---------------------------------------------------------------------------------------------
// Backup, restore, merge

export async function readAll(db: InspectorDB): Promise<BackupData> {
  return db.transaction('r', [db.rounds, db.sites, db.pages, db.findings, db.dismissals, db.settings, db.screenshots], async () => ({
    rounds: await db.rounds.toArray(),
    sites: await db.sites.toArray(),
    pages: await db.pages.toArray(),
    findings: await db.findings.toArray(),
    dismissals: await db.dismissals.toArray(),
    settings: (await db.settings.get('settings')) ?? null,
    // Evidence travels with its findings: a restored or merged quarter keeps its screenshots.
    screenshots: await db.screenshots.toArray(),
  }));
}

export async function exportBackup(db: InspectorDB, now = Date.now()): Promise<Uint8Array> {
  return serializeBackup(await readAll(db), now);
}

export interface RestoreReport {
  mode: 'merge' | 'replace';
  files: number;
  stats: MergeStats;
  conflicts: MergeConflict[];
  counts: { rounds: number; sites: number; pages: number; findings: number };
}

async function writeAll(db: InspectorDB, data: BackupData, now = Date.now()): Promise<void> {
  await db.transaction('rw', [db.rounds, db.sites, db.pages, db.findings, db.dismissals, db.settings, db.screenshots], async () => {
    await Promise.all([db.rounds.clear(), db.sites.clear(), db.pages.clear(), db.findings.clear(), db.dismissals.clear(), db.settings.clear(), db.screenshots.clear()]);
    await db.screenshots.bulkPut(data.screenshots ?? []);
    await db.rounds.bulkPut(data.rounds);
    await db.sites.bulkPut(data.sites);
    await db.pages.bulkPut(data.pages);
    await db.findings.bulkPut(data.findings);
    await db.dismissals.bulkPut(data.dismissals);
    if (data.settings) await db.settings.put(data.settings);
    else await getSettings(db, now);
  });
}

/**
 * Restore or merge one or several backup files. Every file is read and checked before the
 * database is touched, and the result is written in one transaction: a broken or foreign file
 * (BackupError, Chinese message) or a failed write leaves the database exactly as it was.
 * 'merge' folds the files into the current data (later edit wins, conflicts listed);
 * 'replace' makes the database the merge of the files alone.
 */
export async function restoreBackups(
  db: InspectorDB,
  files: { name: string; bytes: Uint8Array }[],
  mode: 'merge' | 'replace',
): Promise<RestoreReport> {
  if (files.length === 0) throw new BackupError('请选择备份文件');
  const parsed = files.map((f) => {
    try {
      return parseBackup(f.bytes);
    } catch (e) {
      if (e instanceof BackupError) throw new BackupError(`${f.name}：${e.message}。未做任何更改。`);
      throw e;
    }
  });
  let acc: BackupData = mode === 'merge' ? await readAll(db) : emptyBackupData();
  const stats: MergeStats = { findingsAdded: 0, findingsUpdated: 0, sitesAdded: 0, sitesMerged: 0 };
  const conflicts: MergeConflict[] = [];
  for (const data of parsed) {
    const r = mergeBackups(acc, data);
    acc = r.merged;
    conflicts.push(...r.conflicts);
    stats.findingsAdded += r.stats.findingsAdded;
    stats.findingsUpdated += r.stats.findingsUpdated;
    stats.sitesAdded += r.stats.sitesAdded;
    stats.sitesMerged += r.stats.sitesMerged;
  }
  await writeAll(db, acc);
  return {
    mode,
    files: files.length,
    stats,
    conflicts,
    counts: { rounds: acc.rounds.length, sites: acc.sites.length, pages: acc.pages.length, findings: acc.findings.length },
  };
}

/**
 * Empty every table and start afresh with default settings and the current quarter, in one
 * transaction (the database itself stays, so the background's open connection keeps working).
 */
export async function clearAll(db: InspectorDB, now = Date.now()): Promise<void> {
  await writeAll(db, emptyBackupData(), now);
}

// ---------------------------------------------------------------------------------------------
// The all-findings list

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
