import { COLUMNS, columnsOf } from '../columns';
import { daysBetween } from '../../dates/parse';
import { minusDays } from '../../dates/limits';
import type { Rule } from '../types';

/** A same-day cluster this large, right before the check, after a long silence. */
const MIN_CLUSTER = 4;
const MIN_GAP_DAYS = 30;

/**
 * 突击更新: a column silent for a month or more suddenly shows a cluster of items
 * on one day just before the 检查时间点. It passes the freshness test but is what
 * inspectors call 检查前突击更新; only a hint, because a busy day happens. Needs
 * older items on the list as evidence of the silence before.
 */
export const rule: Rule = {
  meta: {
    id: 'burst-update',
    title: '检查前突击更新',
    indicator: '国办秘函〔2019〕19号 单项否决 V4 栏目不更新（突击更新规避检查）',
    severity: 'hint',
    category: '内容更新',
    description: '栏目长期无更新后，在检查时间点前2周内同一天集中发布多条信息。',
  },
  needs: [COLUMNS],
  check(page, ctx) {
    const from = minusDays(ctx.monitoringDate, ctx.thresholds.homeDays);
    const out = [];
    for (const c of columnsOf(page, ctx)) {
      const dated = c.items.filter((i) => i.date);
      if (dated.length < MIN_CLUSTER + 1) continue;
      const counts = new Map<string, number>();
      for (const i of dated) counts.set(i.date!, (counts.get(i.date!) ?? 0) + 1);
      const [day, n] = Array.from(counts).reduce((a, b) => (b[1] > a[1] ? b : a));
      if (n < MIN_CLUSTER || n < dated.length * 0.5) continue;
      if (day < from || day > ctx.monitoringDate) continue;
      const before = dated.filter((i) => i.date! < day).map((i) => i.date!).sort();
      if (dated.some((i) => i.date! > day)) continue;
      const prev = before[before.length - 1];
      if (!prev) continue;
      const gap = daysBetween(prev, day);
      if (gap < MIN_GAP_DAYS) continue;
      const first = dated.find((i) => i.date === day);
      out.push({
        message: `栏目“${c.name}”有${n}条信息集中于${day}发布，此前最近一条为${prev}（间隔${gap}天），疑似检查前突击更新`,
        quote: first?.raw ?? null,
        element: first?.element ?? c.element,
        detail: { column: c.name, day, count: n, previous: prev, gapDays: gap },
      });
    }
    return out;
  },
};
