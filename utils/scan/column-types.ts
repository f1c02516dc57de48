/**
 * Column detection's shapes (and the class of a column name) and the inspector's column corrections, with no imports: the
 * scan context (types.ts), detection (columns.ts) and corrections (corrections.ts) all read them,
 * so they live below all three.
 */

/** One dated item of a column list. */
export interface ColumnItem {
  title: string;
  /** YYYY-MM-DD, or null when the item shows no date. */
  date: string | null;
  element: Element;
  /** The date exactly as printed (for quoting), when dated. */
  raw?: string;
  /** The page printed no year (03-05); settled from the item's address or the page when it can be. */
  yearLess?: boolean;
  /** The page showed no year and nothing settled it (see Column.yearAmbiguous). */
  yearGuessed?: boolean;
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
  /** The placeholder text shown ("暂无信息"), null when the list is simply empty. */
  placeholder?: string | null;
  /** The element carrying the column name, when one was found (quote anchor). */
  heading?: Element | null;
  /**
   * The newest date shows no year and neither the item's address nor another full date on the
   * page settles it: the year was taken as the latest one not after the 检查时间点.
   */
  yearAmbiguous?: boolean;
  /** Set when an inspector's correction (utils/scan/corrections.ts) changed or added this column. */
  correctionId?: string;
}

export type ColumnClass = Column['cls'];

/**
 * Column class from its name, as the 2019 indicators group them. When a name
 * fits two classes the longer limit wins: a wrong 2-week class would report
 * healthy columns as stale.
 */
export function classifyColumn(name: string): ColumnClass {
  if (/解读|发布会|专题|专栏/.test(name)) return 'other';
  if (/通知|公告|公示|通告|政策|文件|法规|规章|规范性/.test(name)) return 'notice';
  if (/要闻|动态|新闻|资讯|快讯|快报|时政|头条|聚焦|热点|播报|工作信息|工作进展|(部门|乡镇|县区|区县|县市区|街道|基层)信息/.test(name)) return 'news';
  return 'other';
}

/**
 * The inspector's corrections of the column map, stored per site and applied on every later
 * scan of that site (this round and the next). A correction finds its block again by a CSS
 * path and, when the page was re-rendered and the path no longer fits, by a text anchor: the
 * column's heading as it was shown.
 */
export interface ColumnCorrection {
  id: string;
  /** Host without www.: corrections belong to a site, not to a round. */
  site: string;
  /** CSS path of the column's block when the correction was made. */
  selector: string;
  /** The block's heading text (or its first words): finds the block again after a re-render. */
  anchor: string;
  /** Page the correction was made on (shown in the dashboard). */
  pageUrl: string;
  /** The name detection gave the column, or the name of an added one. */
  originalName: string;
  /** A missed column the inspector selected. */
  added?: boolean;
  name?: string | null;
  cls?: ColumnClass | null;
  /** true: blank whatever it shows; false: not blank. */
  blank?: boolean | null;
  /** Not a column at all: left out of every verdict. */
  notColumn?: boolean;
  updatedAt: number;
}

export type CorrectionPatch = Pick<ColumnCorrection, 'name' | 'cls' | 'blank' | 'notColumn'>;
