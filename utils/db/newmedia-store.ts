/** 政务新媒体 (new media): the inspector's own findings per account: part of the quarter's workspace (see workspace.ts). */
import type { InspectorDB } from './db';
import type { Finding, Site } from './types';
import type { Severity } from '../scan/types';
import { hash, normaliseUrl } from './keys';
import { createFinding, currentRound, getSettings } from './repo';
import { daysBetween } from '../rounds';

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
