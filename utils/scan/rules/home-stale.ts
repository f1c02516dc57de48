import { COLUMNS, columnsOf } from '../columns';
import { findDates } from '../../dates/parse';
import { ageAt, minusDays, periodLabel } from '../../dates/limits';
import { urlDate } from '../../dates/url';
import type { Candidate, Rule } from '../types';
import { yearGuessNote } from './column-stale';

/**
 * 首页不更新 (V3): no home-page item dated within 2 weeks before the 检查时间点.
 * Items without a date count as not updated (2015 评分表), but a home page that
 * shows no dates at all (www.gov.cn, navigation-style portals) cannot be judged
 * from the page alone: it is reported as 待核实 with the newest month found in
 * its links, so the inspector checks the second-level pages instead.
 */
export const rule: Rule = {
  meta: {
    id: 'home-stale',
    title: '首页不更新',
    indicator: '国办秘函〔2019〕19号 单项否决 V3 首页不更新',
    severity: 'veto',
    category: '内容更新',
    description: '首页所有栏目在检查时间点前2周内均无新发布的信息（未注明发布时间的视为不更新）。',
  },
  needs: [COLUMNS],
  check(page, ctx) {
    if (page.pageType !== 'home') return [];
    const limit = ctx.thresholds.homeDays;
    const from = minusDays(ctx.monitoringDate, limit);
    const items = columnsOf(page, ctx).flatMap((c) => c.items.filter((i) => i.date));
    // Anything dated on or after the window start counts as updated, including items
    // after the 检查时间点 (the page is often checked later; the window may be pushed off the list).
    if (items.some((i) => i.date! >= from)) return [];
    if (items.length) {
      const newest = items.reduce((a, b) => (b.date! > a.date! ? b : a));
      const age = ageAt(newest.date!, ctx.monitoringDate);
      const yearNote = newest.yearGuessed ? yearGuessNote(newest.date!, newest.raw ?? null) : null;
      const out: Candidate = {
        message: `首页最新信息发布于${newest.date}，检查时间点（${ctx.monitoringDate}）前${periodLabel(limit)}内无更新（已${age}天未更新）${yearNote ? `；${yearNote}` : ''}`,
        quote: newest.raw ?? null,
        element: newest.element,
        detail: { newest: newest.date!, ageDays: age, limitDays: limit, datedItems: items.length, ...(yearNote ? { yearNote } : {}) },
        ...(yearNote ? { review: true } : {}),
      };
      return [out];
    }
    // No list dates: a labelled date elsewhere on the page may still show an update.
    const textDates = findDates(page.text, { refDate: ctx.monitoringDate }).filter((d) => d.date >= from && d.date <= ctx.monitoringDate);
    if (textDates.length) return [];
    const linkMonth = newestLinkMonth(page.doc, page.url.host);
    return [
      {
        message: `首页未显示信息发布时间，无法确认检查时间点前${periodLabel(limit)}内是否更新（未注明发布时间的视为不更新），请核实首页及二级页面更新情况`,
        quote: null,
        review: true,
        detail: { newest: null, limitDays: limit, datedItems: 0, linkMonth },
      },
    ];
  },
};

/** Newest YYYY-MM written into the page's own article links (/202309/…): a hint for the reviewer. */
function newestLinkMonth(doc: Document, host: string): string | null {
  let best: string | null = null;
  for (const a of Array.from(doc.querySelectorAll('a[href]'))) {
    const href = (a as HTMLAnchorElement).href || a.getAttribute('href') || '';
    let u: URL;
    try {
      u = new URL(href, `https://${host}/`);
    } catch {
      continue;
    }
    if (u.host !== host && !u.host.endsWith(host.replace(/^www\./, ''))) continue;
    const d = urlDate(u.href);
    const m = d ? d.value.slice(0, 7) : null;
    if (m && (!best || m > best)) best = m;
  }
  return best;
}
