import type { PageModel } from './page';
import type { ScanContext } from './types';

/** One dated item of a column list. */
export interface ColumnItem {
  title: string;
  /** YYYY-MM-DD, or null when the item shows no date. */
  date: string | null;
  element: Element;
}

/** A 栏目 found on a home or list page. */
export interface Column {
  name: string;
  items: ColumnItem[];
  newest: string | null;
  /** Link to the column's own list page ("更多"), absolute, or null. */
  href: string | null;
  cls: 'news' | 'notice' | 'other';
  /** The element holding the column (heading + list). */
  element: Element;
  /** Only placeholders (暂无信息, 正在建设中…) or nothing at all. */
  blank: boolean;
}

/** Columns on the page, memoised on the page model. (Stub: replaced by the column detector.) */
export function columnsOf(page: PageModel, _ctx: ScanContext): Column[] {
  return page.memo('columns', () => []);
}
