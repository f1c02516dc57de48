import type { Candidate, Rule } from '../types';
import type { PageModel } from '../page';
import { TEXT_BLOCKS, textBlocks } from '../text-blocks';
import { findOutdatedNames } from '../../text/outdated';
import { articleDateOf } from '../article-date';
import { findDates, parseDate } from '../../dates/parse';

/**
 * When the page speaks: its 发布时间, else the publication meta tags. Home and list pages
 * speak for the site as it is now (the monitoring date). An article without any date is
 * not judged: an old name in an undated article may be history.
 */
function pageDate(page: PageModel, monitoringDate: string): string | null {
  if (page.pageType === 'home' || page.pageType === 'list') return monitoringDate;
  const shown = articleDateOf(page, monitoringDate)?.date;
  if (shown) return shown;
  for (const name of ['PubDate', 'firstpublishedtime', 'publishdate', 'article:published_time']) {
    const v = page.meta(name) ?? page.doc.querySelector(`meta[property="${name}"]`)?.getAttribute('content') ?? null;
    const d = v ? parseDate(v) : null;
    if (d) return d;
  }
  return null;
}

/** 文号 year: 银保监发〔2021〕12号, [2022], （2021）. */
const DOC_YEAR = /[〔［[（(]\s*((?:19|20)\d\d)\s*[〕］\]）)]\s*(?:第?\s*\d+\s*号)?/g;

/**
 * The date of the item that names the agency, when the item carries its own: a list entry or a
 * cited decision with its date or 文号 (“中国银行保险监督管理委员会关于…的决定（银保监发〔2021〕12号）”
 * listed on a 2025 page). The item is the clause around the name; its latest date counts, a 文号
 * year counts as that year's first day (an item of the year of the change is not judged late).
 */
export function itemDate(text: string, start: number, end: number, monitoringDate: string): string | null {
  let a = start;
  while (a > 0 && !/[。；！？\n]/.test(text[a - 1])) a--;
  let b = end;
  while (b < text.length && !/[。；！？\n]/.test(text[b])) b++;
  const clause = text.slice(a, b);
  const dates: string[] = findDates(clause, { refDate: monitoringDate }).filter((d) => !d.inferredYear).map((d) => d.date);
  for (const m of clause.matchAll(DOC_YEAR)) dates.push(`${m[1]}-01-01`);
  return dates.length ? dates.sort().at(-1)! : null;
}

export const rule: Rule = {
  meta: {
    id: 'outdated-name',
    title: '使用已撤销或更名的机构名称',
    indicator: '国办秘函〔2019〕19号 扣分指标 内容建设（规范表述）；2018年党和国家机构改革',
    severity: 'deduct',
    category: '规范表述',
    description: '机构改革后已不再保留或已更名的机构名称（如国土资源局、工商局、卫计委）在改革后发布的标题或正文中作为现行名称使用；介绍改革沿革或“原××”的表述不计，条目自身日期或文号年份早于更名的（如列出的2021年银保监会文件）也不计。',
  },
  needs: [TEXT_BLOCKS],
  check(page, ctx) {
    const blocks = textBlocks(page);
    const out: Candidate[] = [];
    let date: string | null | undefined;
    const seen = new Set<string>();
    for (const block of blocks) {
      for (const hit of findOutdatedNames(block.scan)) {
        if (date === undefined) date = pageDate(page, ctx.monitoringDate);
        if (!date || date < hit.entry.since) continue;
        // The item's own date or 文号 year before the change: the old name was right then.
        const own = itemDate(block.scan, hit.start, hit.end, ctx.monitoringDate);
        if (own && own < hit.entry.since) continue;
        const quote = block.text.slice(hit.start, hit.end);
        if (seen.has(quote)) continue;
        seen.add(quote);
        const isLaw = hit.entry.cls === '法律法规政策';
        out.push({
          message: isLaw
            ? `${date}发布的内容引用已废止的${quote}，现行为${hit.entry.current}，请核实`
            : `${date}发布的内容仍使用机构改革前名称“${quote}”，现应为“${hit.entry.current}”`,
          quote,
          element: block.element,
          review: hit.entry.review,
          detail: { class: hit.entry.cls, old: hit.entry.old, current: hit.entry.current, since: hit.entry.since, pageDate: date },
        });
      }
    }
    return out;
  },
};
