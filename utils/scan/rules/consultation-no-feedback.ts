import { findDates } from '../../dates/parse';
import { TEXT, type PageModel } from '../page';
import type { Rule } from '../types';

/**
 * 意见征集: once the consultation has closed, the feedback (意见采纳情况) must be
 * published (notices/003: “征求意见结束后…未公布意见反馈”). A notice page naturally says
 * “反馈意见请发送至…”, so only result wording counts as feedback, not the word 反馈.
 */
const CONSULTATION_TITLE = /征求.{0,20}意见|意见征集|征集.{0,6}意见|公开征求|征求意见稿/;
const PERIOD_LABEL = /(征集时间|征求意见时间|征集期限|征集期|起止时间|征集起止时间|意见反馈截止时间|反馈截止时间|截止时间|截止日期|结束时间|反馈时间|时间为)/;
const FEEDBACK = /(采纳情况|反馈情况|意见反馈情况|征集结果|结果反馈|反馈结果|意见(?:反馈|采纳)(?:说明|报告|结果|回复)|采纳意见|未采纳|共收到|收到.{0,12}意见.{0,12}条|未收到.{0,8}意见|无反馈意见)/;
const EMPTY_FIELD = /(反馈意见|意见反馈|征集结果|采纳情况|反馈结果|结果反馈)\s*[:：]\s*(?:\n|$|暂无|无)/;

export const rule: Rule = {
  meta: {
    id: 'consultation-no-feedback',
    title: '意见征集结束后未公布反馈',
    indicator: '国办秘函〔2019〕19号 扣分指标 互动交流（意见征集反馈）；notices/003 互动回应不及时',
    severity: 'deduct',
    category: '互动回应',
    description: '意见征集页面的征集截止时间已早于检查时间点，但页面未公布意见反馈或采纳情况。',
  },
  needs: [TEXT],
  check(page, ctx) {
    if (page.pageType === 'home' || page.pageType === 'list') return [];
    const title = (page.meta('ArticleTitle') || page.title || '').trim();
    const column = page.meta('ColumnName') || '';
    if (!CONSULTATION_TITLE.test(title) && !/意见征集/.test(column)) return [];
    // Feedback pages themselves (“…意见采纳情况的说明”) are the cure, not the problem.
    if (/反馈|采纳|结果|情况说明/.test(title)) return [];
    // The period often sits in a metadata table outside the main text.
    const end = closingDate(page.text, ctx.monitoringDate);
    if (!end || end.date >= ctx.monitoringDate) return [];
    const whole = page.text;
    if (FEEDBACK.test(whole)) return [];
    if (hasFeedbackLink(page)) return [];
    const emptyField = EMPTY_FIELD.exec(whole);
    return [
      {
        message: `意见征集已于${end.date}截止，页面未公布意见反馈情况`,
        quote: end.raw,
        // A labelled empty 反馈 field is certain; otherwise feedback may sit on another page.
        review: !emptyField,
        detail: {
          closedOn: end.date,
          monitoringDate: ctx.monitoringDate,
          lookedFor: '采纳情况、反馈情况、征集结果、“共收到…条意见”等反馈内容或反馈链接',
          where: '本页正文及链接',
          emptyField: emptyField ? emptyField[1] : null,
        },
      },
    ];
  },
};

/** The consultation's end: the last date in a 征集时间/截止时间 line (or 至/截止 range). */
function closingDate(text: string, refDate: string): { date: string; raw: string } | null {
  const dates = findDates(text, { refDate });
  let best: { date: string; raw: string } | null = null;
  for (const lineMatch of text.matchAll(/[^\n]*(?:征集|征求|截止|至|起止|前)[^\n]*/g)) {
    const line = lineMatch[0];
    if (line.length > 300) continue;
    const start = lineMatch.index ?? 0;
    const inLine = dates.filter((d) => d.index >= start && d.index < start + line.length);
    if (!inLine.length) continue;
    const labelled =
      PERIOD_LABEL.test(line) ||
      /(至|到|—|-|~)\s*\S{0,4}(?:19|20)\d{2}/.test(line) ||
      /截止/.test(line) ||
      /于\s*(?:19|20)\d{2}[^\n]{0,12}前/.test(line);
    if (!labelled) continue;
    const last = inLine[inLine.length - 1];
    if (!best || last.date > best.date) best = { date: last.date, raw: last.raw };
  }
  return best;
}

function hasFeedbackLink(page: PageModel): boolean {
  for (const a of Array.from(page.doc.querySelectorAll('a[href]'))) {
    const t = (a.textContent || '').replace(/\s+/g, '');
    if (/(采纳情况|反馈情况|征集结果|意见反馈|结果反馈|反馈说明)/.test(t) && !/我要|提交|填写|发表/.test(t)) return true;
  }
  return false;
}
