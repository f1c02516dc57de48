/**
 * The quarter's sheets (DESIGN.md §4), as plain string tables: the CSV and XLSX writers format
 * them, the dashboard may preview them. Pure and deterministic for a given input.
 */
import type { Finding, FindingStatus, PageRecord, Round, Site } from '../db/types';
import { SEVERITY_LABEL, type Severity } from '../scan/types';
import { findingEvidence } from '../scan/evidence';
import { chinaDateTime, roundLabel } from '../rounds';

export interface Sheet {
  /** Sheet name, also used in file names. */
  name: string;
  /** rows[0] is the header row. */
  rows: string[][];
}

export interface SiteVerdict {
  qualified: boolean;
  /** Site-level reasons (e.g. 5个以上栏目不更新) added to 存在问题 when not already there. */
  reasons: string[];
}

export interface SheetInput {
  round: Round;
  sites: Site[];
  findings: Finding[];
  verdicts?: Map<string, SiteVerdict>;
  /** Sites with at least one page visited this round; roster sites outside it are 未检查. */
  visited?: Set<string>;
  /** The round's page records: the full address (with its scheme) and the 栏目 of each page. */
  pages?: Pick<PageRecord, 'url' | 'href' | 'columnName'>[];
  /** Pages (normalised keys) with a page snapshot (MHTML) for the evidence pack. */
  snapshotPages?: Set<string>;
}

export interface SheetOptions {
  /** 问题明细 also lists findings not yet reviewed (待确认/待核实). Default false: inspectors hand in confirmed ones. */
  includeOpen?: boolean;
  /** 问题明细 also lists dismissed findings with their reason (已排除：…), for the record. */
  includeDismissed?: boolean;
}

export const SITE_SHEET_NAME = '网站检查结果';
export const DETAIL_SHEET_NAME = '问题明细';
export const NEWMEDIA_SHEET_NAME = '政务新媒体检查结果';

export const SITE_SHEET_HEADER = ['序号', '县(市)、部门', '网站名称', '网址', '网站标识码', '检查结果', '存在问题', '整改情况'];
export const DETAIL_SHEET_HEADER = [
  '序号',
  '网站名称',
  '网址',
  '栏目',
  '页面标题',
  '页面地址',
  '问题类别',
  '指标性质',
  '存在问题',
  '原文摘录',
  '证据',
  '截图',
  '网页快照',
  '检查时间点',
  '发现时间',
  '检查人',
  '状态',
  '整改情况',
];
export const NEWMEDIA_SHEET_HEADER = ['序号', '账号名称', '开设主体', '平台', '检查结果', '存在的问题', '整改情况'];

/** Long quotes make rows unreadable and Excel caps a cell at 32,767 characters. */
const QUOTE_MAX = 300;

const SEVERITY_RANK: Record<Severity, number> = { veto: 0, deduct: 1, hint: 2 };

/** Confirmed problems, and problems since fixed: both were found at check time. */
function isReported(f: Finding): boolean {
  return f.status === 'confirmed' || f.status === 'fixed';
}

/**
 * Found in this round: a problem carried over from last round and now fixed is last round's
 * problem; it shows in 整改情况 but neither in 存在问题 nor in the verdict.
 */
function foundThisRound(f: Finding): boolean {
  return isReported(f) && !(f.status === 'fixed' && f.carriedFrom);
}

const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });

function compareSites(a: Site, b: Site): number {
  const ia = a.onRoster && a.rosterIndex !== undefined ? a.rosterIndex : Number.POSITIVE_INFINITY;
  const ib = b.onRoster && b.rosterIndex !== undefined ? b.rosterIndex : Number.POSITIVE_INFINITY;
  if (ia !== ib) return ia < ib ? -1 : 1;
  if (a.onRoster !== b.onRoster) return a.onRoster ? -1 : 1;
  return (
    collator.compare(a.unit, b.unit) || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    a.createdAt - b.createdAt ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function roundFindingsBySite(input: SheetInput): Map<string, Finding[]> {
  const bySite = new Map<string, Finding[]>();
  for (const f of input.findings) {
    if (f.roundId !== input.round.id) continue;
    let list = bySite.get(f.siteId);
    if (!list) bySite.set(f.siteId, (list = []));
    list.push(f);
  }
  for (const list of bySite.values()) list.sort(compareFindings);
  return bySite;
}

/** Sites of one kind that belong in the round's sheet, in roster order. */
function sheetSites(input: SheetInput, kind: Site['kind'], bySite: Map<string, Finding[]>): Site[] {
  return input.sites
    .filter((s) => s.kind === kind && (s.onRoster || (bySite.get(s.id) ?? []).some(isReported)))
    .sort(compareSites);
}

function tidyMessage(m: string): string {
  return m.trim().replace(/[。；;，,、\s]+$/u, '');
}

/** One cell: a single problem as is, several as "1. …；\n2. …". */
export function numberedProblems(messages: string[]): string {
  const unique: string[] = [];
  for (const m of messages.map(tidyMessage)) if (m && !unique.includes(m)) unique.push(m);
  if (unique.length <= 1) return unique[0] ?? '';
  return unique.map((m, k) => `${k + 1}. ${m}`).join('；\n');
}

/**
 * 整改情况 is about last round's problems: a first-round finding was never sent for 整改, so it
 * says nothing until it is carried over (or the inspector wrote something or marked it fixed).
 */
function rectificationSummary(all: Finding[]): string {
  const reported = all.filter((f) => f.carriedFrom || f.status === 'fixed' || f.rectification.trim());
  if (reported.length === 0) return '';
  const texts: string[] = [];
  for (const f of reported) {
    const t = f.rectification.trim();
    if (t && !texts.includes(t)) texts.push(t);
  }
  const fixed = reported.filter((f) => f.status === 'fixed').length;
  if (fixed === reported.length) return texts.length ? texts.join('；\n') : '已整改';
  if (fixed === 0) return texts.length ? texts.join('；\n') : '未整改';
  const head = `部分整改（已整改${fixed}项，未整改${reported.length - fixed}项）`;
  return texts.length ? `${head}\n${texts.join('；\n')}` : head;
}

interface SiteSummary {
  result: SiteResult;
  problems: string;
  rectification: string;
}

export type SiteResult = '合格' | '不合格' | '待审核' | '未检查';

/**
 * A 单项否决 the inspector has not ruled on yet (待确认/待核实, still on the page, found this
 * round): until it is confirmed or dismissed the site cannot honestly be called 合格.
 */
export function isPendingVeto(f: Pick<Finding, 'status' | 'severity' | 'stillPresent' | 'carriedFrom'>): boolean {
  return f.status === 'open' && f.severity === 'veto' && f.stillPresent !== false && !f.carriedFrom;
}

/** 合格 / 不合格 / 待审核 from the site's findings and its freshness verdict. */
export function siteResult(findings: Finding[], verdict: Pick<SiteVerdict, 'qualified'> | undefined): Exclude<SiteResult, '未检查'> {
  const veto = findings.filter(foundThisRound).some((f) => f.severity === 'veto');
  if (veto || verdict?.qualified === false) return '不合格';
  return findings.some(isPendingVeto) ? '待审核' : '合格';
}

/**
 * A site-level reason already said by a confirmed finding is not repeated: the home-stale
 * finding and the verdict's 首页 reason are the same problem in two wordings.
 */
function reasonAlreadyListed(reason: string, found: Finding[]): boolean {
  return reason.startsWith('首页') && found.some((f) => f.ruleId === 'home-stale');
}

function summariseSite(site: Site, findings: Finding[], verdict: SiteVerdict | undefined, visited: Set<string> | undefined): SiteSummary {
  const found = findings.filter(foundThisRound);
  const messages = found.map((f) => f.message);
  for (const r of verdict?.reasons ?? []) if (!reasonAlreadyListed(r, found)) messages.push(r);
  const unchecked = visited !== undefined && !visited.has(site.id) && findings.length === 0;
  return {
    result: unchecked ? '未检查' : siteResult(findings, verdict),
    problems: numberedProblems(messages),
    rectification: rectificationSummary(findings.filter(isReported)),
  };
}

function siteUrl(site: Site): string {
  if (site.url) return site.url;
  return site.hosts[0] ? `http://${site.hosts[0]}` : '';
}

export function buildSiteSheet(input: SheetInput, bySite = roundFindingsBySite(input)): Sheet {
  const rows = [SITE_SHEET_HEADER.slice()];
  sheetSites(input, 'website', bySite).forEach((site, k) => {
    const s = summariseSite(site, bySite.get(site.id) ?? [], input.verdicts?.get(site.id), input.visited);
    rows.push([String(k + 1), site.unit, site.name, siteUrl(site), site.siteCode, s.result, s.problems, s.rectification]);
  });
  return { name: SITE_SHEET_NAME, rows };
}

export function buildNewMediaSheet(input: SheetInput, bySite = roundFindingsBySite(input)): Sheet {
  const rows = [NEWMEDIA_SHEET_HEADER.slice()];
  sheetSites(input, 'newmedia', bySite).forEach((site, k) => {
    const s = summariseSite(site, bySite.get(site.id) ?? [], input.verdicts?.get(site.id), input.visited);
    rows.push([String(k + 1), site.name, site.sponsor, site.platform, s.result, s.problems, s.rectification]);
  });
  return { name: NEWMEDIA_SHEET_NAME, rows };
}

export function statusLabel(f: Pick<Finding, 'status' | 'review' | 'dismissReason'>): string {
  const labels: Record<FindingStatus, string> = {
    open: f.review ? '待核实' : '待确认',
    confirmed: '已确认',
    dismissed: f.dismissReason.trim() ? `已排除：${f.dismissReason.trim()}` : '已排除',
    fixed: '已整改',
  };
  return labels[f.status];
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

/**
 * A finding's page as a full, clickable address. Findings keep the scheme-less page key; the page
 * record keeps the address the page was opened at. Older records have none: then the site's own
 * scheme (roster 网址) is the best guess, else http.
 */
export function fullPageUrl(pageKey: string, href: string | undefined, site: Site | undefined): string {
  if (href && /^https?:\/\//i.test(href)) return href;
  if (/^https?:\/\//i.test(pageKey)) return pageKey;
  const scheme = site?.url && /^https:\/\//i.test(site.url) ? 'https' : 'http';
  return pageKey ? `${scheme}://${pageKey}` : '';
}

/** File names inside the evidence pack, by the finding's row number in 问题明细. */
export function screenshotFileName(row: number): string {
  return `截图/${String(row).padStart(3, '0')}.jpg`;
}
export function snapshotFileName(row: number): string {
  return `网页快照/${String(row).padStart(3, '0')}.mhtml`;
}

/**
 * 原文摘录 for findings that quote no page text: the hidden link's own text and address, the
 * hijacked title; for a missing footer item there is no text to quote, and the cell says so.
 */
function excerptOf(f: Finding): string {
  if (f.quote) return clip(f.quote.exact, QUOTE_MAX);
  const d = f.detail ?? {};
  if (f.ruleId === 'hidden-links' && typeof d.href === 'string') return clip(`${typeof d.text === 'string' ? d.text : ''}（${d.href}）`, QUOTE_MAX);
  if (typeof d.value === 'string' && d.value) return clip(d.value, QUOTE_MAX);
  if (typeof d.lookedFor === 'string') return '（页面上未找到，无原文可摘；查找内容与位置见“证据”）';
  return '';
}

function clip(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length > max ? chars.slice(0, max).join('') + '…' : s;
}

/** 问题明细's findings in row order: row k+1 is findings[k] (the pack names its files by row). */
export function detailFindings(input: SheetInput, options: SheetOptions = {}): Finding[] {
  const keep = (f: Finding) =>
    isReported(f) || (options.includeOpen === true && f.status === 'open') ||
    (options.includeDismissed === true && f.status === 'dismissed');
  const order = new Map([...input.sites].sort(compareSites).map((s, k) => [s.id, k]));
  return input.findings
    .filter((f) => f.roundId === input.round.id && keep(f))
    .sort((a, b) => {
      const oa = order.get(a.siteId) ?? Number.POSITIVE_INFINITY;
      const ob = order.get(b.siteId) ?? Number.POSITIVE_INFINITY;
      if (oa !== ob) return oa < ob ? -1 : 1;
      if (a.siteId !== b.siteId) return a.siteId < b.siteId ? -1 : 1;
      return compareFindings(a, b);
    });
}

export function buildDetailSheet(input: SheetInput, options: SheetOptions = {}): Sheet {
  const siteById = new Map(input.sites.map((s) => [s.id, s]));
  const findings = detailFindings(input, options);
  // One snapshot per page, named after the first row on that page; later rows point to it.
  const snapshotRow = new Map<string, number>();
  const pageByKey = new Map((input.pages ?? []).map((p) => [p.url, p]));
  const snapshotCell = (f: Finding, row: number): string => {
    if (!isReported(f) || !input.snapshotPages?.has(f.pageUrl)) return '';
    if (!snapshotRow.has(f.pageUrl)) snapshotRow.set(f.pageUrl, row);
    return snapshotFileName(snapshotRow.get(f.pageUrl)!);
  };
  const rows = [DETAIL_SHEET_HEADER.slice()];
  findings.forEach((f, k) => {
    const site = siteById.get(f.siteId);
    const page = pageByKey.get(f.pageUrl);
    const pageUrl = fullPageUrl(f.pageUrl, page?.href, site);
    const column = typeof f.detail?.column === 'string' && f.detail.column ? f.detail.column : page?.columnName ?? '';
    rows.push([
      String(k + 1),
      site?.name ?? '',
      site ? siteUrl(site) : originOf(pageUrl),
      column,
      f.pageTitle,
      pageUrl,
      f.category,
      SEVERITY_LABEL[f.severity],
      f.message,
      excerptOf(f),
      findingEvidence(f),
      f.screenshotId ? screenshotFileName(k + 1) : '',
      snapshotCell(f, k + 1),
      input.round.monitoringDate,
      chinaDateTime(f.createdAt),
      f.inspector,
      statusLabel(f),
      f.rectification.trim() || (f.status === 'fixed' ? '已整改' : ''),
    ]);
  });
  return { name: DETAIL_SHEET_NAME, rows };
}

/** Findings of the round the default export leaves out because nobody has ruled on them yet. */
export function openFindingCount(input: Pick<SheetInput, 'round' | 'findings'>): number {
  return input.findings.filter((f) => f.roundId === input.round.id && f.status === 'open').length;
}

/** The three sheets in the order of DESIGN.md §4. */
export function buildSheets(input: SheetInput, options: SheetOptions = {}): Sheet[] {
  const bySite = roundFindingsBySite(input);
  return [buildSiteSheet(input, bySite), buildDetailSheet(input, options), buildNewMediaSheet(input, bySite)];
}

/** '2025年第一季度-网站检查结果.csv' */
export function sheetFileName(round: Round, sheet: Sheet, ext: 'csv' | 'xlsx' = 'csv'): string {
  return `${roundLabel(round.id)}-${sheet.name}.${ext}`.replace(/[\\/:*?"<>|]/g, '_');
}
