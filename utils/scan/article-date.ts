import { analysis, perValue, type PageModel } from './page';
import { articlePublishDate } from '../dates/article';
import type { FoundDate } from '../dates/parse';

/** The page's headline as shown: h1, else meta ArticleTitle, else the <title> before its site suffix. */
export function headlineOf(page: PageModel): string | null {
  const h1 = page.doc.querySelector('h1');
  const t = (h1?.textContent || '').trim();
  if (t.length >= 4) return t;
  const meta = page.meta('ArticleTitle');
  if (meta && meta.trim().length >= 4) return meta.trim();
  const title = page.title.split(/[_|]|\s-\s/)[0]?.trim();
  return title || null;
}

const articleDateAt = perValue((refDate: string) => analysis('articleDate', (page) => articlePublishDate(page.text, headlineOf(page), refDate)));

/** The article's 发布时间 as of a date, once per page (future-date, url-date-mismatch and outdated-name share it). */
export function articleDateOf(page: PageModel, refDate: string): FoundDate | null {
  return page.get(articleDateAt(refDate));
}
