import type { DetailValue, Severity, TextQuote } from '../scan/types';

/** 检查轮次: default the calendar quarter, e.g. '2025Q1'. */
export interface Round {
  id: string;
  /** 检查时间点 (YYYY-MM-DD) that freshness rules measure against. */
  monitoringDate: string;
  createdAt: number;
}

export type SiteKind = 'website' | 'newmedia';

export interface Site {
  id: string;
  kind: SiteKind;
  name: string; // 网站名称 / 账号名称
  /** Hosts that belong to this site, lower-case, e.g. ['www.xp.gov.cn', 'xp.gov.cn']. */
  hosts: string[];
  url: string; // 网址 as on the roster
  siteCode: string; // 网站标识码
  sponsor: string; // 主办单位 / 开设主体
  unit: string; // 县(市)、部门
  platform: string; // 新媒体平台 (微信公众号, 微博, 抖音…), '' for websites
  /** From a roster import (true) or created on the fly when a page was visited. */
  onRoster: boolean;
  /** Row order in the imported roster, so the sheets list sites as the inspector's roster does. */
  rosterIndex?: number;
  updatedAt: number;
  /** New media: the latest post the inspector saw (政务新媒体 "2周内无更新" check). */
  latestPost?: { date: string; roundId: string; url: string } | null;
}

export type FindingStatus = 'open' | 'confirmed' | 'dismissed' | 'fixed';
export type FindingSource = 'auto' | 'manual';

export interface Finding {
  id: string;
  /** Stable key: round + site + normalised url + rule + quote; re-scans never duplicate. */
  fingerprint: string;
  roundId: string;
  siteId: string;
  pageUrl: string;
  pageTitle: string;
  ruleId: string; // rule id, or 'manual' for the inspector's own
  source: FindingSource;
  severity: Severity;
  status: FindingStatus;
  /** 待核实: an uncertain auto finding, not counted toward a verdict until confirmed. */
  review: boolean;
  message: string; // 存在问题 wording (editable)
  category: string; // 问题类别
  quote: TextQuote | null;
  detail: Record<string, DetailValue>;
  note: string;
  dismissReason: string;
  rectification: string; // 整改情况
  inspector: string;
  createdAt: number;
  updatedAt: number;
  /** The last scan of the page still produced it (false = rule no longer fires). */
  stillPresent: boolean;
  /** Id of last round's finding this one was carried over from for 整改复核 (rectification check). */
  carriedFrom?: string;
  /** Evidence screenshot (table screenshots), or null. Added in schema v2. */
  screenshotId?: string | null;
}

/** A capture of the visible tab with the mark highlighted, size-limited JPEG. */
export interface Screenshot {
  id: string;
  findingId: string;
  dataUrl: string;
  bytes: number;
  createdAt: number;
}

export interface PageRecord {
  /** Normalised url (no hash, no tracking query). */
  url: string;
  roundId: string;
  siteId: string;
  title: string;
  pageType: string;
  lastScanned: number;
  latestDate: string | null;
  /** The 栏目 the page belongs to, when the page says so (coverage). */
  columnName?: string | null;
  replies?: { answered: number; medianDays: number } | null;
  /** The page's column map as scanned (corrections applied); see ColumnSummary. */
  columns: { name: string; itemCount: number; newest: string | null; href: string | null; cls: string; blank?: boolean; yearAmbiguous?: boolean; corrected?: boolean }[];
}

export interface Dismissal {
  /** siteId + ruleId + quote exact (or message for page-level findings). */
  key: string;
  siteId: string;
  ruleId: string;
  quote: string;
  reason: string;
  createdAt: number;
}

export interface Settings {
  id: 'settings';
  inspector: string;
  currentRoundId: string;
  thresholds: { newsDays: number; noticeDays: number; otherDays: number; homeDays: number };
  /** Inspector's own lexicon entries: wrong → right. */
  extraLexicon: { wrong: string; right: string }[];
  /** Words never to flag as typos. */
  lexiconExceptions: string[];
}
