import { COLUMNS, columnsOf } from '../columns';
import { articleDateOf } from '../article-date';
import { todayIso } from '../../dates/limits';
import type { Candidate, Rule } from '../types';

/**
 * A publication date after both the 检查时间点 and today cannot be true: a typo
 * or a forged 发稿日期 (V1 弄虚作假). Only publication dates count — 有效期至,
 * 截止时间 and event dates are in the future by nature. Dates after the
 * 检查时间点 but not after today are normal when the check happens later.
 */
export const rule: Rule = {
  meta: {
    id: 'future-date',
    title: '发布日期晚于当前日期',
    indicator: '国办秘函〔2019〕19号 单项否决 V1 弄虚作假（伪造发稿日期）',
    severity: 'hint',
    category: '内容更新',
    description: '文章发布时间或列表信息日期晚于检查时间点和当前日期，疑似日期填写错误或伪造发稿日期。',
  },
  needs: [COLUMNS],
  check(page, ctx) {
    const today = todayIso();
    const limit = ctx.monitoringDate > today ? ctx.monitoringDate : today;
    const out: Candidate[] = [];
    const message = (date: string) => `信息发布日期${date}晚于检查时间点（${ctx.monitoringDate}）及当前日期，疑似发稿日期填写错误或伪造`;
    if (page.pageType === 'article') {
      const d = articleDateOf(page, ctx.monitoringDate);
      if (d && d.date > limit) out.push({ message: message(d.date), quote: d.raw, detail: { date: d.date, label: d.label, monitoringDate: ctx.monitoringDate } });
      return out;
    }
    for (const c of columnsOf(page, ctx)) {
      for (const i of c.items) {
        if (!i.date || i.date <= limit) continue;
        out.push({
          message: `栏目“${c.name}”中${message(i.date)}`,
          quote: i.raw ?? null,
          element: i.element,
          detail: { date: i.date, column: c.name, title: i.title, monitoringDate: ctx.monitoringDate },
        });
      }
    }
    return out;
  },
};
