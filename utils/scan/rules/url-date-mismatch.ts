import { articleDateOf } from '../article-date';
import { daysBetween } from '../../dates/parse';
import { urlDate } from '../../dates/url';
import type { Rule } from '../types';

/** Publishing a while after the CMS created the document is normal; a month or more is not. */
const LATE_DAYS = 30;

/**
 * The CMS writes the document's creation date into its address (TRS t20230512_,
 * 大汉 /art/2020/11/11/, /202305/). A displayed 发布时间 earlier than that date was
 * set back by hand; one much later suggests an old item re-dated to look fresh
 * (both are 伪造发稿日期 signs). 成文日期/发文日期 are document dates and not compared.
 */
export const rule: Rule = {
  meta: {
    id: 'url-date-mismatch',
    title: '发布时间与网址日期不一致',
    indicator: '国办秘函〔2019〕19号 单项否决 V1 弄虚作假（伪造发稿日期）',
    severity: 'hint',
    category: '内容更新',
    description: '文章显示的发布时间早于网址中的日期，或晚于网址日期一个月以上，疑似发稿日期被修改。',
  },
  check(page, ctx) {
    if (page.pageType !== 'article') return [];
    const u = urlDate(page.url);
    if (!u) return [];
    const d = articleDateOf(page, ctx.monitoringDate);
    if (!d) return [];
    let problem: string | null = null;
    if (u.precision === 'day') {
      const diff = daysBetween(u.value, d.date);
      if (diff < 0) problem = `早于网址中的日期${u.value}`;
      else if (diff > LATE_DAYS) problem = `晚于网址中的日期${u.value}达${diff}天`;
    } else {
      const months = monthIndex(d.date) - monthIndex(u.value);
      if (months < 0) problem = `早于网址中的月份${u.value}`;
      else if (months > 1) problem = `晚于网址中的月份${u.value}达${months}个月`;
    }
    if (!problem) return [];
    return [
      {
        message: `页面显示发布时间${d.date}，${problem}（${u.raw.replace(/^\//, '')}），疑似发稿日期被修改，请核实`,
        quote: d.raw,
        detail: { published: d.date, label: d.label, urlDate: u.value, precision: u.precision },
      },
    ];
  },
};

function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}
