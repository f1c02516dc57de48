import type { Candidate, Rule } from '../types';
import type { PageModel } from '../page';
import { TEXT_BLOCKS, textBlocks } from '../text-blocks';
import { findOutdatedNames } from '../../text/outdated';
import { articleDateOf } from '../article-date';
import { parseDate } from '../../dates/parse';

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

export const rule: Rule = {
  meta: {
    id: 'outdated-name',
    title: '使用已撤销或更名的机构名称',
    indicator: '国办秘函〔2019〕19号 扣分指标 内容建设（规范表述）；2018年党和国家机构改革',
    severity: 'deduct',
    category: '规范表述',
    description: '机构改革后已不再保留或已更名的机构名称（如国土资源局、工商局、卫计委）在改革后发布的标题或正文中作为现行名称使用；介绍改革沿革或“原××”的表述不计。',
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
