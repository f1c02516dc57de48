import { COLUMNS, columnsOf } from '../columns';
import { ageAt, CLASS_LABEL, limitDays, periodLabel } from '../../dates/limits';
import type { Candidate, Rule } from '../types';

/** Why a year-less date leaves the verdict open (shown with the 待核实 finding). */
export function yearGuessNote(date: string, raw: string | null): string {
  return `日期“${raw ?? date.slice(5)}”未显示年份，页面和链接地址中也无法确定，按检查时间点推定为${date.slice(0, 4)}年，请核实`;
}

/**
 * 栏目不更新 (V4): a column's newest item is older than its class allows —
 * 动态要闻 2周, 通知公告/政策文件 6个月, others 1年. Each column is a deduction here;
 * the site-level 单项否决 (≥5 such columns, ≥10 long-stale) is counted across pages
 * by siteFreshnessVerdict. Columns that show no dates are not judged.
 */
export const rule: Rule = {
  meta: {
    id: 'column-stale',
    title: '栏目不更新',
    indicator: '国办秘函〔2019〕19号 单项否决 V4 栏目不更新（累计达标准时单项否决）',
    severity: 'deduct',
    category: '内容更新',
    description: '栏目最新信息早于同类栏目的更新要求（动态要闻类2周、通知公告/政策文件类6个月、其他1年）。',
  },
  needs: [COLUMNS],
  check(page, ctx) {
    const out: Candidate[] = [];
    for (const c of columnsOf(page, ctx)) {
      if (c.blank || !c.newest) continue;
      const limit = limitDays(c.cls, ctx.thresholds);
      const age = ageAt(c.newest, ctx.monitoringDate);
      if (age <= limit) continue;
      const newestItem = c.items.find((i) => i.date === c.newest);
      const headingText = c.heading ? (c.heading.textContent || '').trim() : '';
      const useName = headingText.includes(c.name);
      // A year the page never printed is a guess: the inspector confirms it before it counts.
      const yearNote = c.yearAmbiguous ? yearGuessNote(c.newest, newestItem?.raw ?? null) : null;
      out.push({
        message: `栏目“${c.name}”最新信息为${c.newest}，距检查时间点已${age}天（${CLASS_LABEL[c.cls]}要求${periodLabel(limit)}内更新）${yearNote ? `；${yearNote}` : ''}`,
        quote: useName ? c.name : (newestItem?.raw ?? null),
        element: useName ? c.heading : (newestItem?.element ?? c.element),
        detail: { column: c.name, newest: c.newest, ageDays: age, cls: c.cls, limitDays: limit, href: c.href, ...(yearNote ? { yearNote } : {}) },
        ...(yearNote ? { review: true } : {}),
      });
    }
    return out;
  },
};
