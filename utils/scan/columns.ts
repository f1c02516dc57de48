import { analysis, perValue, type PageModel } from './page';
import type { Steps } from '../steps';
import type { ScanContext } from './types';
import { findDates, NON_PUBLICATION_LABELS } from '../dates/parse';

/** One dated item of a column list. */
export interface ColumnItem {
  title: string;
  /** YYYY-MM-DD, or null when the item shows no date. */
  date: string | null;
  element: Element;
  /** The date exactly as printed (for quoting), when dated. */
  raw?: string;
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

export const PLACEHOLDER_RE =
  /^[\s[【(（]*(暂无信息|暂无数据|暂无内容|暂无记录|暂无相关信息|暂无相关内容|无相关信息|没有相关信息|没有找到相关信息|暂时没有信息|正在建设中?|栏目建设中|栏目正在建设中?|建设中|敬请期待|信息正在更新中?|内容更新中)[\s。.!！…]*[\]】)）]*$/;

const MORE_RE = /^(更多|查看更多|更多信息|更多内容|more|more\+|更多\+|\+|>>|》》|＞＞|»)[\s>》＞»+]*$/i;
const MORE_STRIP = /(查看更多|更多信息|更多|more)\s*[>》＞»+]*|[>》＞»]{2,}|\+$/gi;
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'OBJECT', 'SELECT', 'OPTION']);
const DATE_HINT = /\d{1,2}-\d{1,2}|\d{4}[-/.年]\d{1,2}|[〇零○][一二三四五六七八九〇零○]{2,3}年/;
const CJK = /[\u4e00-\u9fff]/;
/** Words that head widgets, not columns. */
const STOP_NAMES = /^(首页|网站首页|当前位置|您的位置|正文|相关(信息|文章|链接|阅读|稿件|新闻)|关联(稿件|文件|信息)|热点排行|点击排行|阅读排行|友情链接)[:：]?$/;
const HEADING_CLASS = /(^|[\s_-])(tit|title|titles|hd|head|header|heading|lm|lmmc|bt|column|caption|name|tab|tabs|menu_tit)([\s_-]|\d|$)/i;
const NAV_ANCESTOR = /(^|[\s_-])(nav|menu|navbar|dh|daohang|topnav|subnav)([\s_-]|\d|$)/i;

interface DatedNode {
  node: Text;
  date: string;
  raw: string;
}

const columnsAt = perValue((monitoringDate: string) => ({ name: 'columns', steps: (page: PageModel) => detectColumns(page, monitoringDate) }));

/** The page's columns, their items dated as of the monitoring date (what a rule's `needs` names). */
export const COLUMNS = (ctx: ScanContext) => columnsAt(ctx.monitoringDate);

/** Columns on the page, computed once per page and monitoring date. */
export function columnsOf(page: PageModel, ctx: ScanContext): Column[] {
  return page.get(COLUMNS(ctx));
}

/** How many units of work (nodes, items, lists) between two pause points. */
const STEP = 200;

function* detectColumns(page: PageModel, monitoringDate: string): Steps<Column[]> {
  // An article's sidebars (相关信息, 留言选登) are not columns the inspector judges there.
  if (page.pageType === 'article') return [];
  const footer = page.footer.root;
  yield;
  const { dated, placeholders } = yield* scanTextNodes(page.body, footer, monitoringDate);

  // 1. Items: the nearest list-item-like ancestor of each dated text node.
  const itemDates = new Map<Element, DatedNode[]>();
  let work = 0;
  for (const d of dated) {
    if (++work % STEP === 0) yield;
    const item = itemOf(d.node);
    if (!item) continue;
    const list = itemDates.get(item) ?? [];
    list.push(d);
    itemDates.set(item, list);
  }

  // 2. Containers: the parents of dated items.
  const containers = new Map<Element, Element[]>();
  for (const item of itemDates.keys()) {
    const parent = item.parentElement;
    if (!parent) continue;
    const list = containers.get(parent) ?? [];
    list.push(item);
    containers.set(parent, list);
  }

  const lists: { container: Element; items: ColumnItem[] }[] = [];
  for (const [container, datedItems] of containers) {
    if (++work % 20 === 0) yield;
    const isListTag = /^(UL|OL|TBODY|TABLE|DL)$/.test(container.tagName);
    if (!isListTag && datedItems.length < 2) continue;
    const items = collectItems(container, datedItems[0], itemDates);
    const withDate = items.filter((i) => i.date);
    // A block of prose with a date or two is not a list.
    if (withDate.length === 0 || withDate.length < items.length * 0.5) continue;
    lists.push({ container, items });
  }

  // 3. Name each list; lists sharing a block (tab pane, heading box) form one column.
  const byBlock = new Map<Element, Column>();
  const listPage = page.pageType === 'list';
  const mainList = listPage ? lists.reduce<(typeof lists)[number] | null>((a, b) => (!a || b.items.length > a.items.length ? b : a), null) : null;
  for (const l of lists) {
    if (++work % 20 === 0) yield;
    let named = nameOf(l.container, page);
    if (l === mainList) {
      const own = pageListName(page);
      if (own) named = { name: own.name, block: l.container, href: page.url.href, heading: own.element };
      else if (named) named = { ...named, href: named.href ?? page.url.href };
    }
    if (!named) continue;
    const existing = byBlock.get(named.block);
    if (existing) {
      existing.items.push(...l.items);
      continue;
    }
    byBlock.set(named.block, {
      name: named.name,
      items: [...l.items],
      newest: null,
      href: named.href,
      cls: classifyColumn(named.name),
      element: named.block,
      blank: false,
      placeholder: null,
      heading: named.heading,
    });
  }

  // 4. Blank columns: placeholders under a heading, and list pages without any list.
  for (const ph of placeholders) {
    if (++work % 20 === 0) yield;
    const el = ph.parentElement;
    if (!el) continue;
    if (Array.from(byBlock.values()).some((c) => c.element.contains(el))) continue;
    let named = nameOf(el, page);
    if (listPage || (!named && page.pageType !== 'home')) {
      const own = pageListName(page);
      if (own) named = { name: own.name, block: el, href: page.url.href, heading: own.element };
    }
    if (!named || byBlock.has(named.block)) continue;
    byBlock.set(named.block, blankColumn(named, (ph.nodeValue || '').trim()));
  }
  yield;
  if (page.pageType === 'home') addEmptyContainers(page, footer, byBlock);
  yield;

  // 5. Same column printed twice (desktop + mobile copies) is one column.
  const out: Column[] = [];
  const seen = new Map<string, Column>();
  for (const c of byBlock.values()) {
    c.items = dedupeItems(c.items);
    c.newest = c.items.reduce<string | null>((acc, i) => (i.date && (!acc || i.date > acc) ? i.date : acc), null);
    c.blank = c.blank || c.items.length === 0;
    const key = `${c.name}\u0000${c.href ?? ''}`;
    const prev = seen.get(key);
    if (prev) {
      if (c.newest && (!prev.newest || c.newest > prev.newest)) prev.newest = c.newest;
      prev.items = dedupeItems([...prev.items, ...c.items]);
      prev.blank = prev.blank && c.blank;
      continue;
    }
    seen.set(key, c);
    out.push(c);
  }
  return out;
}

function blankColumn(named: Named, placeholder: string | null): Column {
  return {
    name: named.name,
    items: [],
    newest: null,
    href: named.href,
    cls: classifyColumn(named.name),
    element: named.block,
    blank: true,
    placeholder,
    heading: named.heading,
  };
}

function dedupeItems(items: ColumnItem[]): ColumnItem[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = `${i.title}\u0000${i.date ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** One pass over the page's text: dates that can be list dates, and placeholder texts. */
function* scanTextNodes(body: Element, footer: Element | null, refDate: string): Steps<{ dated: DatedNode[]; placeholders: Text[] }> {
  const dated: DatedNode[] = [];
  const placeholders: Text[] = [];
  const doc = body.ownerDocument;
  const walker = doc.createTreeWalker(body, 4 | 1, {
    acceptNode(n: Node) {
      if (n.nodeType === 1) {
        const el = n as Element;
        if (SKIP.has(el.tagName.toUpperCase()) || el === footer) return 2; // FILTER_REJECT
        return 3; // FILTER_SKIP: descend
      }
      return 1;
    },
  });
  let visited = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (++visited % STEP === 0) yield;
    const text = n.nodeValue || '';
    if (text.length > 600) continue;
    if (PLACEHOLDER_RE.test(text) && text.trim()) {
      placeholders.push(n as Text);
      continue;
    }
    if (!DATE_HINT.test(text)) continue;
    const trimmed = text.trim();
    for (const d of findDates(text, { refDate })) {
      if (d.label && NON_PUBLICATION_LABELS.has(d.label)) continue;
      if (!d.label && embedded(trimmed, d.raw)) continue;
      dated.push({ node: n as Text, date: d.date, raw: d.raw });
    }
  }
  return { dated, placeholders };
}

/**
 * A date inside a headline ("关于2023年5月12日停电的通知") is not the item's date:
 * list dates stand at the start or end of their text node.
 */
function embedded(text: string, raw: string): boolean {
  const at = text.indexOf(raw);
  if (at < 0) return false;
  const before = text.slice(0, at).replace(/[\s[【(（·•]+$/, '');
  const after = text.slice(at + raw.length).replace(/^[\s\]】)）]+/, '');
  return before.length > 0 && after.length > 0 && !/[\s:：]$/.test(text.slice(0, at));
}

const ITEM_TAGS = new Set(['LI', 'TR', 'DD', 'DT']);

/** The list item a date belongs to: li/tr/dd, or a repeated block in a div grid. */
function itemOf(node: Text): Element | null {
  let el = node.parentElement;
  for (let depth = 0; el && depth < 7; depth++, el = el.parentElement) {
    if (el.tagName === 'BODY' || el.tagName === 'HTML') return null;
    if (ITEM_TAGS.has(el.tagName)) return el;
    const parent = el.parentElement;
    if (!parent) return null;
    if (/^(UL|OL|TBODY|DL)$/.test(parent.tagName)) return el;
    if (hasLink(el) && similarSiblings(el) >= 2) return el;
  }
  return null;
}

function hasLink(el: Element): boolean {
  return el.tagName === 'A' || el.querySelector('a') !== null;
}

function similarSiblings(el: Element): number {
  const parent = el.parentElement;
  if (!parent) return 0;
  const cls = el.getAttribute('class') || '';
  let n = 0;
  for (const sib of Array.from(parent.children)) {
    if (sib.tagName === el.tagName && (sib.getAttribute('class') || '') === cls) n++;
  }
  return n;
}

function collectItems(container: Element, sample: Element, itemDates: Map<Element, DatedNode[]>): ColumnItem[] {
  const items: ColumnItem[] = [];
  for (const child of Array.from(container.children)) {
    if (child.tagName !== sample.tagName) continue;
    const dates = itemDates.get(child);
    const title = titleOf(child);
    if (!dates) {
      // Header rows and spacer items are not entries; undated entries are.
      if (!title || child.querySelector('th') || !hasLink(child)) continue;
      items.push({ title, date: null, element: child });
      continue;
    }
    // Several dates (成文日期 + 发布日期 columns): the item was published at the latest.
    const best = dates.reduce((a, b) => (b.date > a.date ? b : a));
    items.push({ title: title || best.raw, date: best.date, element: child, raw: best.raw });
  }
  return items;
}

function titleOf(item: Element): string {
  let best = '';
  for (const a of Array.from(item.querySelectorAll('a'))) {
    const t = (a.getAttribute('title') || a.textContent || '').replace(/\s+/g, ' ').trim();
    if (t.length > best.length) best = t;
  }
  if (!best && item.tagName === 'A') best = (item.textContent || '').trim();
  return best;
}

interface Named {
  name: string;
  block: Element;
  href: string | null;
  heading: Element | null;
}

/** The column a list belongs to: the tab of its pane, else the nearest heading above it. */
function nameOf(list: Element, page: PageModel): Named | null {
  return paneName(list, page) ?? headingName(list, page);
}

function paneName(list: Element, page: PageModel): Named | null {
  let n: Element | null = list;
  for (let depth = 0; n && depth < 6; depth++, n = n.parentElement) {
    const parent: Element | null = n.parentElement;
    if (!parent || parent.tagName === 'BODY') return null;
    const panes = Array.from(parent.children).filter((c) => c.tagName === n!.tagName);
    const header = previousNonEmpty(parent);
    if (!header) continue;
    const tabs = tabLabels(header);
    if (tabs.length < 1 || tabs.length !== panes.length) continue;
    if (tabs.length === 1 && panes.length === 1 && depth > 2) continue;
    const k = panes.indexOf(n);
    const tab = tabs[k];
    const mores = Array.from(header.querySelectorAll('a')).filter((a) => MORE_RE.test((a.textContent || '').trim()) || !(a.textContent || '').trim());
    const href = abs(tab.link?.getAttribute('href'), page) ?? abs(mores[k]?.getAttribute('href'), page) ?? moreLinkIn(n, page);
    return { name: tab.name, block: n, href, heading: tab.element };
  }
  return null;
}

/** Tab labels of a header box: its li items, or its links/spans when there is no list. */
function tabLabels(header: Element): { name: string; element: Element; link: Element | null }[] {
  if (header.children.length === 0 && header.tagName !== 'LI') return [];
  let cells = Array.from(header.querySelectorAll('li'));
  if (cells.length === 0) return [];
  if (cells.length > 8) return [];
  const out: { name: string; element: Element; link: Element | null }[] = [];
  for (const c of cells) {
    const name = cleanName(c.textContent || '');
    if (!name) return [];
    out.push({ name, element: c, link: c.querySelector('a') ?? (c.tagName === 'A' ? c : null) });
  }
  return out;
}

function previousNonEmpty(el: Element): Element | null {
  let sib = el.previousElementSibling;
  for (let i = 0; sib && i < 3; i++, sib = sib.previousElementSibling) {
    if (SKIP.has(sib.tagName)) continue;
    if ((sib.textContent || '').trim()) return sib;
  }
  return null;
}

function headingName(list: Element, page: PageModel): Named | null {
  let n: Element | null = list;
  for (let depth = 0; n && depth < 6; depth++, n = n.parentElement) {
    if (n.tagName === 'BODY') return null;
    let sib = n.previousElementSibling;
    for (let i = 0; sib && i < 3; i++, sib = sib.previousElementSibling) {
      if (SKIP.has(sib.tagName)) continue;
      const text = (sib.textContent || '').trim();
      if (!text) continue;
      const h = headingOf(sib);
      if (h) {
        const block = n.parentElement ?? n;
        const href = moreLinkIn(sib, page) ?? abs(sib.querySelector('a')?.getAttribute('href') ?? (sib.tagName === 'A' ? sib.getAttribute('href') : null), page) ?? moreLinkIn(block, page);
        return { name: h.name, block, href, heading: h.element };
      }
      // Something substantial stands between: what is above belongs to another block.
      if (text.length > 40) break;
    }
  }
  return null;
}

/** The name a heading-like element shows, or null when it is not a heading. */
function headingOf(el: Element): { name: string; element: Element } | null {
  if (DATE_HINT.test(el.textContent || '') && findDates(el.textContent || '').length) return null;
  const links = el.querySelectorAll('a').length;
  const tabs = Array.from(el.querySelectorAll('li'));
  if (tabs.length >= 2) {
    if (tabs.length > 6) return null;
    const active = tabs.find((t) => /(^|\s)(on|active|cur|current|hover|sel|selected)(\s|$)/i.test(t.getAttribute('class') || '')) ?? tabs[0];
    const name = cleanName(active.textContent || '');
    return name ? { name, element: active } : null;
  }
  if (links > 3) return null;
  const name = cleanName(el.textContent || '');
  if (!name) return null;
  const looksHeading = /^H[1-6]$/.test(el.tagName) || HEADING_CLASS.test(`${el.getAttribute('class') || ''} ${el.id || ''}`) || el.querySelector('h1,h2,h3,h4,h5,h6,strong,b') !== null;
  // Plain short text counts too (layout tables), but only when it is really short.
  if (!looksHeading && name.length > 8) return null;
  return { name, element: el };
}

function cleanName(raw: string): string | null {
  const name = raw.replace(MORE_STRIP, ' ').replace(/[\s\u00a0\u3000]+/g, ' ').replace(/[|｜>》＞»·•]+/g, ' ').trim();
  if (name.length < 2 || name.length > 15 || !CJK.test(name)) return null;
  if (MORE_RE.test(name) || PLACEHOLDER_RE.test(name) || STOP_NAMES.test(name)) return null;
  // "宜起看 PUBLICITY": keep the Chinese part.
  return name.replace(/\s+[A-Za-z][A-Za-z\s]*$/, '').replace(/\s+/g, '');
}

function moreLinkIn(el: Element, page: PageModel): string | null {
  for (const a of Array.from(el.querySelectorAll('a'))) {
    const t = (a.textContent || '').trim();
    if (MORE_RE.test(t) || /更多/.test(t) && t.length <= 6) {
      const href = abs(a.getAttribute('href'), page);
      if (href) return href;
    }
  }
  return null;
}

function abs(href: string | null | undefined, page: PageModel): string | null {
  if (!href) return null;
  const h = href.trim();
  if (!h || h.startsWith('#') || /^javascript:/i.test(h)) return null;
  try {
    return new URL(h, page.url).href;
  } catch {
    return null;
  }
}

/** The 栏目 a page belongs to, for coverage: the ColumnName meta of gov templates, else the breadcrumb's last column. */
export function pageColumnName(page: PageModel): string | null {
  const meta = (page.meta('ColumnName') || '').trim();
  return meta || breadcrumb(page)?.name || null;
}

/** The list page's own name: breadcrumb's last segment, else the page heading, else <title>. */
export function pageListName(page: PageModel): { name: string; element: Element | null } | null {
  return page.get(PAGE_LIST_NAME);
}

const PAGE_LIST_NAME = analysis('pageListName', (page): { name: string; element: Element | null } | null => {
  const crumb = breadcrumb(page);
  if (crumb) return crumb;
  const h = page.doc.querySelector('h1, h2, .lm_name, .lmmc, .column-name');
  const hn = h ? cleanName(h.textContent || '') : null;
  if (h && hn) return { name: hn, element: h };
  const t = page.title.split(/[_\-|–—]/)[0]?.trim();
  const tn = t ? cleanName(t) : null;
  return tn ? { name: tn, element: null } : null;
});

const POSITION = /(当前位置|您的位置|你的位置|所在位置|现在位置)/;

const BREADCRUMB_COLUMN = analysis('breadcrumbColumn', readBreadcrumb);

function breadcrumb(page: PageModel): { name: string; element: Element } | null {
  return page.get(BREADCRUMB_COLUMN);
}

function readBreadcrumb(page: PageModel): { name: string; element: Element } | null {
  const candidates = Array.from(
    page.doc.querySelectorAll('[class*="crumb" i], [id*="crumb" i], [class*="position" i], [id*="position" i], [class*="location" i], [id*="location" i], [class*="dqwz" i], [class*="weizhi" i]'),
  );
  if (!candidates.length && POSITION.test(page.text)) {
    // Fallback: the short blocks around a text saying 当前位置 / 您的位置, outermost first. Found from
    // the text nodes: reading every element's textContent is quadratic on a 100,000-element page.
    const walker = page.doc.createTreeWalker(page.body, 4);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!POSITION.test(n.nodeValue || '')) continue;
      const around: Element[] = [];
      for (let el = n.parentElement; el && el !== page.body; el = el.parentElement) {
        if (!/^(DIV|TD|P|SPAN)$/.test(el.tagName)) continue;
        if ((el.textContent || '').length >= 120) break;
        around.unshift(el);
      }
      for (const el of around) if (!candidates.includes(el)) candidates.push(el);
    }
  }
  for (const el of candidates) {
    const t = (el.textContent || '').replace(/\s+/g, ' ').trim();
    if (!t || t.length > 150) continue;
    const parts = t
      .replace(/^.*?(当前位置|您的位置|你的位置|所在位置|现在位置)\s*[:：]?/, '')
      .split(/\s*[>›»/＞→]\s*|\s{2,}/)
      .map((s) => s.trim())
      .filter((s) => s && s !== '正文' && s !== '详情' && s !== '首页');
    const last = parts[parts.length - 1];
    const name = last ? cleanName(last) : null;
    if (name) return { name, element: el };
  }
  return null;
}

/** Home pages: an empty list under a real heading is a blank column, pending review (it may fill by script). */
function addEmptyContainers(page: PageModel, footer: Element | null, byBlock: Map<Element, Column>): void {
  for (const el of Array.from(page.body.querySelectorAll('ul, ol, tbody'))) {
    if (el.children.length || (el.textContent || '').trim()) continue;
    if (footer?.contains(el)) continue;
    if (insideNav(el)) continue;
    const named = nameOf(el, page);
    if (!named || byBlock.has(named.block)) continue;
    if (Array.from(byBlock.values()).some((c) => c.element.contains(el) || el.contains(c.element))) continue;
    const h = named.heading;
    const realHeading = h && (/^(H[1-6]|LI)$/.test(h.tagName) || HEADING_CLASS.test(`${h.getAttribute('class') || ''} ${h.id || ''}`) || h.querySelector('h1,h2,h3,h4,h5,h6'));
    if (!realHeading) continue;
    byBlock.set(named.block, blankColumn(named, null));
  }
}

function insideNav(el: Element): boolean {
  for (let n: Element | null = el; n && n.tagName !== 'BODY'; n = n.parentElement) {
    if (n.tagName === 'NAV' || n.tagName === 'HEADER') return true;
    if (NAV_ANCESTOR.test(`${n.getAttribute('class') || ''} ${n.id || ''}`)) return true;
  }
  return false;
}
