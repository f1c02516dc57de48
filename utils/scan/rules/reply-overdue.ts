import { findDates, parseDate } from '../../dates/parse';
import { addMonths, daysBetween } from '../../dates/calendar';
import { TEXT, analysis, perValue, type PageModel } from '../page';
import type { Candidate, Rule } from '../types';

/**
 * 互动回应差 (veto V5): within one year before the monitoring point, a valid message in
 * a 政务咨询 column (区长信箱, 书记信箱, 咨询投诉…) left unanswered for more than 3 months.
 * A reply given after more than 3 months means it stood unanswered that long, so it counts too.
 * 网上信访、纪检举报、在线访谈、调查征集 are excluded by the indicator.
 */
const LETTER_PAGE = /信箱|留言|咨询|投诉|来信|网民|网友|问政|民意|诉求|建言|12345|政民互动|你问我答|有问必答/;
const EXCLUDED = /信访|纪检|举报|访谈|调查征集|意见征集/;
const ASK_LABEL = /(留言|来信|提问|咨询|投诉|写信|提交|信件|诉求|登记|受理|来件)\s*(时间|日期)\s*[:：]?\s*$/;
const REPLY_LABEL = /(回复|答复|办结|处理|反馈|回应)\s*(时间|日期)\s*[:：]?\s*$/;
const UNANSWERED = /未回复|待回复|未答复|待答复|办理中|处理中|待处理|未办结|正在办理|尚未回复/;

export interface Letter {
  title: string | null;
  asked: string;
  replied: string | null;
  /** Status says not yet answered (未回复, 办理中…). */
  open: boolean;
  /** Text to quote on the page (the asked date as shown). */
  raw: string;
  element: Element | null;
}

export interface ReplyStats {
  letters: Letter[];
  answered: number;
  unanswered: number;
  /** Median days from message to reply over answered letters, or null. */
  medianReplyDays: number | null;
}

/** Letters and reply delays on a 留言 list or letter page, once per page and date (shown by the popup). */
export function replyStats(page: PageModel, refDate?: string): ReplyStats {
  return page.get(replyStatsAt(refDate ?? ''));
}

const replyStatsAt = perValue((refDate: string) => analysis('replyStats', (page) => computeReplyStats(page, refDate || undefined)));

function computeReplyStats(page: PageModel, refDate: string | undefined): ReplyStats {
  const letters = [...fromTables(page, refDate), ...fromLabels(page, refDate)];
  const unique = dedupeLetters(letters);
  const delays = unique.filter((l) => l.replied).map((l) => daysBetween(l.asked, l.replied as string)).filter((d) => d >= 0).sort((a, b) => a - b);
  const median = delays.length ? (delays.length % 2 ? delays[(delays.length - 1) / 2] : (delays[delays.length / 2 - 1] + delays[delays.length / 2]) / 2) : null;
  return {
    letters: unique,
    answered: unique.filter((l) => l.replied).length,
    unanswered: unique.filter((l) => !l.replied && l.open).length,
    medianReplyDays: median,
  };
}

export const rule: Rule = {
  meta: {
    id: 'reply-overdue',
    title: '留言超过3个月未回复',
    indicator: '国办秘函〔2019〕19号 单项否决 V5 互动回应差',
    severity: 'veto',
    category: '互动回应',
    description: '检查时间点前1年内的网民留言超过3个月未回复，或回复时间距留言时间超过3个月（信箱、咨询投诉类栏目；信访、纪检举报、在线访谈除外）。',
  },
  needs: [TEXT],
  check(page, ctx) {
    if (!isLetterPage(page)) return [];
    const stats = replyStats(page, ctx.monitoringDate);
    const out: Candidate[] = [];
    const yearAgo = addMonths(ctx.monitoringDate, -12);
    for (const l of stats.letters) {
      if (l.asked > ctx.monitoringDate || l.asked < yearAgo) continue;
      const due = addMonths(l.asked, 3);
      if (l.replied) {
        if (l.replied <= due) continue;
        out.push({
          message: `留言${l.title ? `“${l.title.slice(0, 30)}”` : ''}于${l.asked}提交，${l.replied}才答复，超过3个月`,
          quote: l.raw,
          element: l.element,
          detail: { asked: l.asked, replied: l.replied, days: daysBetween(l.asked, l.replied), kind: 'late', medianReplyDays: stats.medianReplyDays },
        });
      } else if (l.open && due < ctx.monitoringDate) {
        out.push({
          message: `留言${l.title ? `“${l.title.slice(0, 30)}”` : ''}于${l.asked}提交，至检查时间点已超过3个月未回复`,
          quote: l.raw,
          element: l.element,
          detail: { asked: l.asked, replied: null, days: daysBetween(l.asked, ctx.monitoringDate), kind: 'unanswered', medianReplyDays: stats.medianReplyDays },
        });
      }
      if (out.length >= 20) break;
    }
    return out;
  },
};

export function isLetterPage(page: PageModel): boolean {
  const where = `${page.title} ${page.meta('ColumnName') || ''} ${page.doc.querySelector('h1')?.textContent || ''}`;
  return LETTER_PAGE.test(where) && !EXCLUDED.test(where);
}

/** Tables with a 留言时间 column and a 回复时间 or 状态 column. */
function fromTables(page: PageModel, refDate?: string): Letter[] {
  const out: Letter[] = [];
  const refYear = refDate ? Number(refDate.slice(0, 4)) : undefined;
  for (const table of Array.from(page.doc.querySelectorAll('table'))) {
    const rows = Array.from(table.querySelectorAll('tr'));
    if (rows.length < 2) continue;
    const headerIdx = rows.findIndex((r) => /时间|日期|状态/.test(r.textContent || '') && !/\d{4}/.test(r.textContent || ''));
    if (headerIdx < 0 || headerIdx > 2) continue;
    const header = Array.from(rows[headerIdx].children).map((c) => (c.textContent || '').replace(/\s+/g, ''));
    const askCol = header.findIndex((h) => ASK_LABEL.test(h) || /^(留言|来信|提问|咨询)?(时间|日期)$/.test(h));
    const replyCol = header.findIndex((h) => REPLY_LABEL.test(h));
    const statusCol = header.findIndex((h) => /状态|是否回复|办理情况/.test(h));
    if (askCol < 0 || (replyCol < 0 && statusCol < 0) || askCol === replyCol) continue;
    const titleCol = header.findIndex((h) => /标题|主题|内容|事项/.test(h));
    for (const row of rows.slice(headerIdx + 1)) {
      const cells = Array.from(row.children);
      if (cells.length !== header.length) continue;
      const askedRaw = (cells[askCol]?.textContent || '').trim();
      const asked = parseDate(askedRaw, { refYear });
      if (!asked) continue;
      const replyRaw = replyCol >= 0 ? (cells[replyCol]?.textContent || '').trim() : '';
      const replied = replyRaw ? parseDate(replyRaw, { refYear }) : null;
      const status = statusCol >= 0 ? cells[statusCol]?.textContent || '' : '';
      out.push({
        title: titleCol >= 0 ? (cells[titleCol]?.textContent || '').trim() || null : null,
        asked,
        replied,
        open: !replied && (UNANSWERED.test(status) || (replyCol >= 0 && !replyRaw && !/已/.test(status))),
        raw: askedRaw,
        element: cells[askCol] ?? null,
      });
    }
  }
  return out;
}

/** “留言时间：… 回复时间：…” blocks, single letter pages and div-based lists alike. */
function fromLabels(page: PageModel, refDate?: string): Letter[] {
  const text = page.text;
  const dates = findDates(text, { refDate });
  const out: Letter[] = [];
  let current: { asked: string; raw: string; index: number } | null = null;
  let replied: string | null = null;
  const flush = (end: number) => {
    if (!current) return;
    const segment = text.slice(current.index, end);
    out.push({
      title: null,
      asked: current.asked,
      replied,
      open: !replied && UNANSWERED.test(segment),
      raw: current.raw,
      element: null,
    });
  };
  for (const d of dates) {
    const before = text.slice(Math.max(0, d.index - 14), d.index);
    if (ASK_LABEL.test(before)) {
      flush(d.index);
      current = { asked: d.date, raw: d.raw, index: d.index };
      replied = null;
    } else if (current && !replied && REPLY_LABEL.test(before)) {
      replied = d.date;
    }
  }
  flush(text.length);
  // A single letter page whose reply block says 未回复 without a reply label date.
  return out;
}

function dedupeLetters(letters: Letter[]): Letter[] {
  const seen = new Set<string>();
  return letters.filter((l) => {
    const key = `${l.asked}|${l.replied}|${l.raw}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}


