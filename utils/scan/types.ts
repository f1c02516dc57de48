/** Shared vocabulary of the scanner. Pure types: no browser extension APIs. */
import type { NameData, NearMiss } from '../text/near-miss';
import type { SuspectHit } from '../text/suspect/tiers';
import type { PlainHit } from '../text/lexicon';
import type { Analysis, PageModel, PageType } from './page';

export type { PageType };

/** 单项否决 / 扣分 / 提示 — the three weights an indicator can carry. */
export type Severity = 'veto' | 'deduct' | 'hint';

export const SEVERITY_LABEL: Record<Severity, string> = {
  veto: '单项否决',
  deduct: '扣分',
  hint: '提示',
};

/** Problem classes as they appear in 通报 and in the 问题明细 sheet's 问题类别 column. */
export type Category =
  | '内容更新'
  | '网站标识'
  | '错别字'
  | '规范表述'
  | '安全防护'
  | '互动回应'
  | '解读关联'
  | '功能设计'
  | '可用性'
  | '其他';

export interface RuleMeta {
  /** Stable id used by sheets, dismissals, the scan CLI and tests. */
  id: string;
  /** Chinese title shown to inspectors (the 问题 wording of the catalogue). */
  title: string;
  /** Where the requirement comes from, e.g. '国办秘函〔2019〕19号 单项否决 V4'. */
  indicator: string;
  severity: Severity;
  category: Category;
  /** One sentence for the inspector: what the rule looks for. */
  description: string;
}

/** Per-round settings that rules measure against. */
export interface ScanContext {
  /** 检查时间点, YYYY-MM-DD. */
  monitoringDate: string;
  thresholds: Thresholds;
  /** 网站标识码 from the roster when the site is on it. */
  rosterSiteCode?: string | null;
  /** The inspector's corrections of this site's column map (utils/scan/corrections.ts). */
  columnCorrections?: import('./column-types').ColumnCorrection[];
  /** The site's home address on the roster: a home page is judged as one there too (/portal/index.jsp). */
  homeUrl?: string | null;
  /** The inspector's own lexicon entries and exceptions (设置). */
  lexicon?: { extra: { wrong: string; right: string }[]; exceptions: string[] };
  /**
   * Official names and character readings for the official-name rule. Sent with the context by the
   * background (not bundled into the content script, which stays small); without it that rule is off.
   */
  names?: NameData;
  /**
   * suspected-typo: what the offscreen language model found, by block text (TextBlock.scan).
   * Fetched before the rules run; without it that rule is off.
   */
  typoSuspects?: ReadonlyMap<string, SuspectHit[]>;
  /**
   * official-name: one-character slips of the gazetteer's entries, by block text (TextBlock.scan),
   * found by the background, where the index stays built (a content script would build it cold on
   * every page). Without it the rules find them from `names`.
   */
  nearMisses?: ReadonlyMap<string, NearMiss[]>;
  /** The lexicon's hits by block text, found by the background like `nearMisses`. Without it the rules find them. */
  lexiconHits?: ReadonlyMap<string, PlainHit[]>;
  /**
   * 网站名称, 主办单位 and 县(市)、部门 of every site on the roster, with their name stems (guards.ts
   * rosterTerms, derived in the background): suspected-typo never flags them.
   */
  rosterTerms?: string[];
}

/** Days a column may go without a new item, by column class. */
export interface Thresholds {
  newsDays: number; // 动态要闻 2 weeks
  noticeDays: number; // 通知公告 / 政策文件 6 months
  otherDays: number; // 其他 1 year
  homeDays: number; // 首页 2 weeks
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  newsDays: 14,
  noticeDays: 183,
  otherDays: 365,
  homeDays: 14,
};

export type DetailValue = string | number | boolean | null;

/** What a rule reports: a suspected problem with its evidence. */
export interface Candidate {
  /** The 存在问题 wording, Chinese, specific to this page. */
  message: string;
  /** Exact page text the problem is about, or null for page-level findings. */
  quote: string | null;
  /** Element the quote lives in (helps anchoring and marking); never serialised. */
  element?: Element | null;
  /** Structured evidence: the date found, its age, the selector looked for… */
  detail?: Record<string, DetailValue>;
  /** Overrides the rule's default severity (e.g. a site-level veto by count). */
  severity?: Severity;
  /** Uncertain: shown as 待核实, not counted toward a verdict until confirmed. */
  review?: boolean;
}

export interface Rule {
  meta: RuleMeta;
  /**
   * The shared analyses the check reads on every page (for a date: the one at ctx.monitoringDate).
   * The scan computes them first, in slices, so no rule's turn carries them; what a check reads
   * only on some pages (an article's date) is left out and computed when read.
   */
  needs?: readonly (Analysis<unknown> | ((ctx: ScanContext) => Analysis<unknown>))[];
  check(page: PageModel, ctx: ScanContext): Candidate[];
  /** Reads what ScanOptions.prepare adds to the context (typoSuspects, nearMisses, lexiconHits): runs after it answers. */
  late?: boolean;
}

/** Text-quote anchor (W3C Web Annotation TextQuoteSelector). */
export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

/** A candidate resolved into a serialisable finding of one scan. */
export interface ScanFinding {
  ruleId: string;
  severity: Severity;
  title: string;
  category: Category;
  message: string;
  quote: TextQuote | null;
  detail: Record<string, DetailValue>;
  review: boolean;
}

export interface ColumnSummary {
  name: string;
  itemCount: number;
  newest: string | null;
  href: string | null;
  cls: 'news' | 'notice' | 'other';
  blank?: boolean;
  /** The newest date's year was guessed (待核实). */
  yearAmbiguous?: boolean;
  /** Changed or added by an inspector's correction. */
  corrected?: boolean;
}

export interface ScanResult {
  url: string;
  title: string;
  pageType: PageType;
  findings: ScanFinding[];
  columns: ColumnSummary[];
  /** Newest publication date seen on the page (YYYY-MM-DD) or null. */
  latestDate: string | null;
  /** The 栏目 the page belongs to (ColumnName meta or breadcrumb), for coverage. */
  columnName?: string | null;
  /** 留言 pages: answered letters and their median reply time in days (互动回应). */
  replies?: { answered: number; medianDays: number } | null;
  /** Rules that threw; the scan still reports the others. */
  errors: { ruleId: string; message: string }[];
  ms: number;
}

