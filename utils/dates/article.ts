import { findDates, type FoundDate } from './parse';

/** Labels that state when the page itself was published (not when the document was signed). */
const PRIMARY = new Set(['发布时间', '发布日期', '公开日期', '生成日期', '信息时间', '发布', '更新时间', '更新日期']);
const GENERIC = new Set(['时间', '日期']);

/**
 * The article's own 发布时间 as the page shows it: a labelled date, the first
 * one after the headline (sidebars and 留言 widgets come with their own labels
 * or sit elsewhere). 成文日期 / 发文日期 are document dates and are not used.
 * Returns null when no labelled publication date is visible: guessing from body
 * dates would compare the URL against an event date.
 */
export function articlePublishDate(text: string, headline: string | null, refDate?: string): FoundDate | null {
  const dates = findDates(text, { refDate }).filter((d) => !d.inferredYear);
  const start = headline ? Math.max(0, text.indexOf(headline.trim().slice(0, 30))) : 0;
  const pick = (labels: Set<string>) => {
    const labelled = dates.filter((d) => d.label && labels.has(d.label));
    return labelled.find((d) => d.index >= start) ?? labelled[0] ?? null;
  };
  return pick(PRIMARY) ?? pick(GENERIC);
}
