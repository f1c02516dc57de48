/**
 * The quarter's sheets (DESIGN.md §4), as plain string tables: the CSV and XLSX writers format
 * them, the dashboard may preview them. Pure and deterministic for a given input.
 */
import type { Finding, FindingStatus, Round, Site } from '../db/types';
import { SEVERITY_LABEL, type Severity } from '../scan/types';
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
  '页面标题',
  '页面地址',
  '问题类别',
  '指标性质',
  '存在问题',
  '原文摘录',
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

function rectificationSummary(reported: Finding[]): string {
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
  result: '合格' | '不合格' | '未检查';
  problems: string;
  rectification: string;
}

function summariseSite(site: Site, findings: Finding[], verdict: SiteVerdict | undefined, visited: Set<string> | undefined): SiteSummary {
  const reported = findings.filter(isReported);
  const found = reported.filter(foundThisRound);
  const veto = found.some((f) => f.severity === 'veto');
  const qualified = !veto && verdict?.qualified !== false;
  const messages = found.map((f) => f.message);
  for (const r of verdict?.reasons ?? []) messages.push(r);
  const unchecked = visited !== undefined && !visited.has(site.id) && findings.length === 0;
  return {
    result: unchecked ? '未检查' : qualified ? '合格' : '不合格',
    problems: numberedProblems(messages),
    rectification: rectificationSummary(reported),
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

function clip(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length > max ? chars.slice(0, max).join('') + '…' : s;
}

export function buildDetailSheet(input: SheetInput, options: SheetOptions = {}): Sheet {
  const keep = (f: Finding) =>
    isReported(f) || (options.includeOpen === true && f.status === 'open') ||
    (options.includeDismissed === true && f.status === 'dismissed');
  const siteById = new Map(input.sites.map((s) => [s.id, s]));
  const order = new Map([...input.sites].sort(compareSites).map((s, k) => [s.id, k]));
  const findings = input.findings
    .filter((f) => f.roundId === input.round.id && keep(f))
    .sort((a, b) => {
      const oa = order.get(a.siteId) ?? Number.POSITIVE_INFINITY;
      const ob = order.get(b.siteId) ?? Number.POSITIVE_INFINITY;
      if (oa !== ob) return oa < ob ? -1 : 1;
      if (a.siteId !== b.siteId) return a.siteId < b.siteId ? -1 : 1;
      return compareFindings(a, b);
    });
  const rows = [DETAIL_SHEET_HEADER.slice()];
  findings.forEach((f, k) => {
    const site = siteById.get(f.siteId);
    rows.push([
      String(k + 1),
      site?.name ?? '',
      site ? siteUrl(site) : originOf(f.pageUrl),
      f.pageTitle,
      f.pageUrl,
      f.category,
      SEVERITY_LABEL[f.severity],
      f.message,
      f.quote ? clip(f.quote.exact, QUOTE_MAX) : '',
      chinaDateTime(f.createdAt),
      f.inspector,
      statusLabel(f),
      f.rectification.trim() || (f.status === 'fixed' ? '已整改' : ''),
    ]);
  });
  return { name: DETAIL_SHEET_NAME, rows };
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
