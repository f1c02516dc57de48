import { analysis, perValue, type PageModel } from './page';
import type { Steps } from '../steps';
import type { ScanContext } from './types';
import { findDates, latestNotAfter, NON_PUBLICATION_LABELS } from '../dates/parse';
import { urlDate } from '../dates/url';
import { applyCorrections } from './corrections';
import { classifyColumn, type Column, type ColumnCorrection, type ColumnItem } from './column-types';

export { classifyColumn, type Column, type ColumnClass, type ColumnItem } from './column-types';

export const PLACEHOLDER_RE =
  /^[\s[【(（]*(?:[该本]栏目)?(暂无信息|暂无文章|暂无公开信息|暂未发布|信息更新中|数据更新中|正在更新中?|暂无数据|暂无内容|暂无记录|暂无相关信息|暂无相关内容|无相关信息|没有相关信息|没有找到相关信息|暂时没有信息|正在建设中?|栏目建设中|栏目正在建设中?|建设中|敬请期待|信息正在更新中?|内容更新中)[\s。.!！…]*[\]】)）]*$/;

const MORE_RE = /^(更多|查看更多|更多信息|更多内容|more|more\+|更多\+|\+|>>|》》|＞＞|»)[\s>》＞»+]*$/i;
const MORE_STRIP = /(查看更多|更多信息|更多|more)\s*[>》＞»+]*|[>》＞»]{2,}|\+$/gi;
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'OBJECT', 'SELECT', 'OPTION']);
const DATE_HINT = /\d{1,2}-\d{1,2}|\d{4}[-/.年]\d{1,2}|[〇零○][一二三四五六七八九〇零○]{2,3}年/;
const CJK = /[\u4e00-\u9fff]/;
const FORM_CONTROL = /^(INPUT|BUTTON|SELECT|TEXTAREA|FORM|LABEL)$/;
/** Words that head widgets, not columns. */
const STOP_NAMES = /^(首页|网站首页|当前位置|您的位置|正文|相关(信息|文章|链接|阅读|稿件|新闻)|关联(稿件|文件|信息)|热点排行|点击排行|阅读排行|友情链接)[:：]?$/;
const HEADING_CLASS = /(^|[\s_-])(tit|title|titles|hd|head|header|heading|lm|lmmc|bt|column|caption|name|tab|tabs|menu_tit)([\s_-]|\d|$)/i;
const NAV_ANCESTOR = /(^|[\s_-])(nav|menu|navbar|dh|daohang|topnav|subnav)([\s_-]|\d|$)/i;

interface DatedNode {
  node: Text;
  date: string;
  raw: string;
  /** Printed without a year (03-05): the year is resolved per item later. */
  yearLess: boolean;
}

const columnsAt = perValue((monitoringDate: string) => ({ name: 'columns', steps: (page: PageModel) => detectColumns(page, monitoringDate) }));

/** The page's columns, their items dated as of the monitoring date (what a rule's `needs` names). */
export const COLUMNS = (ctx: ScanContext) => columnsAt(ctx.monitoringDate);

/** The detected columns with the site's corrections applied, kept per detection and corrections list. */
const corrected = new WeakMap<Column[], { fixes: ColumnCorrection[]; columns: Column[] }>();

/**
 * Columns on the page, detected once per page and monitoring date, with the inspector's
 * corrections of this site (ctx.columnCorrections) applied: every rule, the map and coverage see
 * the same corrected columns.
 */
export function columnsOf(page: PageModel, ctx: ScanContext): Column[] {
  const detected = page.get(COLUMNS(ctx));
  const fixes = ctx.columnCorrections ?? [];
  if (!fixes.length) return detected;
  const done = corrected.get(detected);
  if (done?.fixes === fixes) return done.columns;
  const columns = applyCorrections(detected, page.doc, fixes, ctx.monitoringDate);
  corrected.set(detected, { fixes, columns });
  return columns;
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
  //    A repeated block that turns out to hold other items (a grid of column boxes, one of
  //    which has a single entry) is a column, not an item: its entry is the link + date unit.
  const found: { d: DatedNode; item: Element; unit: Element | null }[] = [];
  const inside = new Set<Element>();
  let work = 0;
  for (const d of dated) {
    if (++work % STEP === 0) yield;
    const hit = itemOf(d.node);
    if (!hit) continue;
    found.push({ d, ...hit });
    for (let n = hit.item.parentElement; n && !inside.has(n); n = n.parentElement) inside.add(n);
  }
  const itemDates = new Map<Element, DatedNode[]>();
  for (const { d, item: first, unit } of found) {
    if (++work % STEP === 0) yield;
    let item = first;
    if (unit && unit !== item && siblingsHoldItems(item, inside)) item = unit;
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
    // A list with one entry so far: the item alone in its container, with a real headline.
    const single = datedItems.length === 1 && (isListTag || container.children.length === 1) && titleOf(datedItems[0]).length >= 5;
    if (!isListTag && datedItems.length < 2 && !single) continue;
    const items = collectItems(container, datedItems[0], itemDates);
    const withDate = items.filter((i) => i.date);
    // A block of prose with a date or two is not a list.
    if (withDate.length === 0 || withDate.length < items.length * 0.5) continue;
    lists.push({ container, items });
  }

  // 3. Name each list by the heading it sits under: its own first row (dt, caption), its tab,
  //    or the nearest heading above it that no other list stands in front of. Lists under one
  //    heading (a tab pane with a lead item and a list) form one column.
  const holdsList = new Set<Element>();
  for (const l of lists) for (let n: Element | null = l.container; n && !holdsList.has(n); n = n.parentElement) holdsList.add(n);
  const listPage = page.pageType === 'list';
  const mainList = listPage ? lists.reduce<(typeof lists)[number] | null>((a, b) => (!a || b.items.length > a.items.length ? b : a), null) : null;
  const namedLists = lists.map((l) => ({ l, named: nameOf(l.container, page, holdsList, l.items[0]?.element ?? null) }));
  // A folder page showing several headed blocks is an overview of columns (政府信息公开 /zwgk/),
  // not one column's list: each block keeps its own heading.
  const placeholderNames = placeholders.map((ph) => (ph.parentElement ? nameOf(ph.parentElement, page, holdsList, null) : null));
  const empties = emptyLists(page, footer, holdsList);
  const headings = new Set([...namedLists.map((x) => x.named?.heading), ...placeholderNames.map((n) => n?.heading), ...empties.map((e) => e.named.heading)].filter(Boolean));
  const overview = listPage && headings.size >= 2;
  // Keyed by heading: in a flat layout (heading, list, heading, list in one parent) two columns
  // share a block but never a heading; lists under one heading (a tab pane) are one column.
  const byBlock = new Map<Element, Column>();
  for (const { l, named: own } of namedLists) {
    if (++work % 20 === 0) yield;
    let named = own;
    if (l === mainList && (!overview || !named)) {
      const pageName = pageListName(page);
      if (pageName) named = { name: pageName.name, block: l.container, href: page.url.href, heading: pageName.element };
      else if (named) named = { ...named, href: named.href ?? page.url.href };
    }
    if (!named) continue;
    const existing = byBlock.get(blockKey(named));
    if (existing) {
      existing.items.push(...l.items);
      continue;
    }
    byBlock.set(blockKey(named), {
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
  for (let i = 0; i < placeholders.length; i++) {
    if (++work % 20 === 0) yield;
    const ph = placeholders[i];
    const el = ph.parentElement;
    if (!el) continue;
    if (Array.from(byBlock.values()).some((c) => c.element.contains(el))) continue;
    let named = placeholderNames[i];
    if ((listPage && !overview) || (!named && page.pageType !== 'home')) {
      const own = pageListName(page);
      if (own) named = { name: own.name, block: el, href: page.url.href, heading: own.element };
    }
    if (!named || byBlock.has(blockKey(named))) continue;
    byBlock.set(blockKey(named), blankColumn(named, (ph.nodeValue || '').trim()));
  }
  yield;
  addEmptyLists(empties, byBlock);
  yield;

  // 5. Same column printed twice (desktop + mobile copies) is one column.
  const anchor = newestFullDate(dated, monitoringDate);
  const out: Column[] = [];
  const seen = new Map<string, Column>();
  for (const c of byBlock.values()) {
    c.items = dedupeItems(c.items);
    for (const it of c.items) settleYear(it, page, anchor);
    const newestItem = c.items.reduce<ColumnItem | null>((acc, i) => (i.date && (!acc || i.date > acc.date!) ? i : acc), null);
    c.newest = newestItem?.date ?? null;
    c.yearAmbiguous = !!newestItem?.yearGuessed;
    c.blank = c.blank || c.items.length === 0;
    const key = `${c.name}\u0000${c.href ?? ''}`;
    const prev = seen.get(key);
    if (prev) {
      if (c.newest && (!prev.newest || c.newest > prev.newest)) {
        prev.newest = c.newest;
        prev.yearAmbiguous = c.yearAmbiguous;
      }
      prev.items = dedupeItems([...prev.items, ...c.items]);
      prev.blank = prev.blank && c.blank;
      continue;
    }
    seen.set(key, c);
    out.push(c);
  }
  return out;
}

/** The newest full (year-printed) list date on the page not after the 检查时间点: the page's own year anchor. */
function newestFullDate(dated: DatedNode[], monitoringDate: string): string | null {
  let best: string | null = null;
  for (const d of dated) if (!d.yearLess && d.date <= monitoringDate && (!best || d.date > best)) best = d.date;
  return best;
}

/**
 * A year-less date (03-05) takes its year from the item's own address (TRS t20240305_, 大汉
 * /art/2024/3/5/, /202403/), else from the page: read against the 检查时间点 and against the
 * newest full date on the page; when those two readings differ, or the page has no full date,
 * the year is a guess and the column says so.
 */
function settleYear(item: ColumnItem, page: PageModel, anchor: string | null): void {
  if (!item.yearLess || !item.date) return;
  const md = item.date.slice(5);
  for (const a of item.element.tagName === 'A' ? [item.element] : Array.from(item.element.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href');
    if (!href) continue;
    let u: URL;
    try {
      u = new URL(href, page.url);
    } catch {
      continue;
    }
    const d = urlDate(u);
    if (!d) continue;
    if (d.precision === 'day' && d.value.slice(5) === md) {
      item.date = d.value;
      return;
    }
    if (d.precision === 'month' && d.value.slice(5, 7) === md.slice(0, 2)) {
      item.date = `${d.value.slice(0, 4)}-${md}`;
      return;
    }
  }
  const own = urlDate(page.url);
  if (own && own.value.slice(5, 7) === md.slice(0, 2)) {
    item.date = `${own.value.slice(0, 4)}-${md}`;
    return;
  }
  if (anchor && latestNotAfter(Number(md.slice(0, 2)), Number(md.slice(3)), anchor) === item.date) return;
  item.yearGuessed = true;
}

function blockKey(named: Named): Element {
  return named.heading ?? named.block;
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
      dated.push({ node: n as Text, date: d.date, raw: d.raw, yearLess: d.inferredYear });
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
  // "2024年3月5日新闻发布会": a date running straight into words opens the headline.
  if (!before && /[\u4e00-\u9fff\w]/.test(text.charAt(at + raw.length))) return true;
  return before.length > 0 && after.length > 0 && !/[\s:：]$/.test(text.slice(0, at));
}

const ITEM_TAGS = new Set(['LI', 'TR', 'DD', 'DT']);

/**
 * The list item a date belongs to: li/tr/dd, a child of a list, or a repeated block in a div
 * grid. `unit` is the smallest element holding the date and one link (an entry standing alone).
 */
function itemOf(node: Text): { item: Element; unit: Element | null } | null {
  let el = node.parentElement;
  let unit: Element | null = null;
  let unitLinks = 0;
  for (let depth = 0; el && depth < 7; depth++, el = el.parentElement) {
    if (el.tagName === 'BODY' || el.tagName === 'HTML') return null;
    if (ITEM_TAGS.has(el.tagName)) return { item: el, unit };
    const parent = el.parentElement;
    if (!parent) return null;
    if (/^(UL|OL|TBODY|DL)$/.test(parent.tagName)) return { item: el, unit };
    if (hasLink(el)) {
      const links = el.tagName === 'A' ? 1 : el.querySelectorAll('a').length;
      if (!unit) {
        unit = el;
        unitLinks = links;
      } else if (links > unitLinks) return { item: unit, unit }; // climbed into a block of several entries
      if (similarSiblings(el) >= 2) return { item: el, unit };
    }
  }
  return unit ? { item: unit, unit } : null;
}

/** Whether the same-tag siblings of a repeated block hold list items themselves. */
function siblingsHoldItems(el: Element, inside: Set<Element>): boolean {
  const parent = el.parentElement;
  if (!parent) return false;
  return Array.from(parent.children).some((sib) => sib !== el && sib.tagName === el.tagName && inside.has(sib));
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
    items.push({ title: title || best.raw, date: best.date, element: child, raw: best.raw, ...(best.yearLess ? { yearLess: true } : {}) });
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
  /** Levels climbed plus blocks passed between the list and its heading (0: right before it). */
  distance?: number;
}

/**
 * The column a list (or a blank block) belongs to: a heading row of its own (dt, caption, a first
 * short row), the tab of its pane, else the nearest heading above it.
 */
function nameOf(list: Element, page: PageModel, holdsList: Set<Element>, firstItem: Element | null): Named | null {
  return innerHeading(list, page, firstItem) ?? paneName(list, page) ?? headingName(list, page, holdsList);
}

/** dl > dt, table caption / title row, or a short heading child standing before the first item. */
function innerHeading(list: Element, page: PageModel, firstItem: Element | null): Named | null {
  if (!firstItem || firstItem.parentElement !== list) return null;
  for (const child of Array.from(list.children)) {
    if (child === firstItem) break;
    if (SKIP.has(child.tagName) || !(child.textContent || '').trim()) continue;
    const h = headingOf(child);
    if (!h) return null;
    const href = moreLinkIn(child, page) ?? abs(child.querySelector('a')?.getAttribute('href'), page);
    return { name: h.name, block: list, href, heading: h.element };
  }
  return null;
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
  // Tabs carry names, never dates: a dated block before this one is another column's list.
  if (DATE_HINT.test(header.textContent || '')) return [];
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

function headingName(list: Element, page: PageModel, holdsList: Set<Element>): Named | null {
  let n: Element | null = list;
  for (let depth = 0; n && depth < 6; depth++, n = n.parentElement) {
    if (n.tagName === 'BODY') return null;
    let looked = 0;
    for (let sib = n.previousElementSibling; sib && looked < 4; sib = sib.previousElementSibling) {
      if (SKIP.has(sib.tagName)) continue;
      const text = (sib.textContent || '').trim();
      if (!text) continue;
      looked++;
      const h = headingOf(sib);
      if (h) {
        // The block is heading + list; in a flat layout (other columns' lists beside it) the list alone.
        const parent = n.parentElement;
        const flat = !!parent && Array.from(parent.children).some((c) => c !== n && c !== sib && holdsList.has(c));
        const block = parent && !flat ? parent : n;
        const href = moreLinkIn(sib, page) ?? abs(sib.querySelector('a')?.getAttribute('href') ?? (sib.tagName === 'A' ? sib.getAttribute('href') : null), page) ?? moreLinkIn(block, page);
        return { name: h.name, block, href, heading: h.element, distance: depth + looked - 1 };
      }
      // Another column's list stands between: what is above belongs to that one.
      if (holdsList.has(sib)) break;
      // A carousel or picture strip between heading and list (图片新闻) is part of the block;
      // any other substantial block means the heading above belongs elsewhere.
      if (text.length > 40 && !sib.querySelector('img')) break;
    }
  }
  return null;
}

/** The name a heading-like element shows, or null when it is not a heading. */
function headingOf(el: Element): { name: string; element: Element } | null {
  if (FORM_CONTROL.test(el.tagName) || el.querySelector('input, button, select, textarea')) return null;
  if (DATE_HINT.test(el.textContent || '') && findDates(el.textContent || '').length) return null;
  const links = el.querySelectorAll('a').length;
  const tabs = Array.from(el.querySelectorAll('li'));
  if (tabs.length >= 2 && el.querySelector('img')) return null; // a carousel's slides, not tabs
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

/**
 * Home and list pages: an empty list right under a heading is a blank column, pending review (it
 * may fill by script). A submenu (an empty list inside a menu entry) is not.
 */
function emptyLists(page: PageModel, footer: Element | null, holdsList: Set<Element>): { el: Element; named: Named }[] {
  if (page.pageType !== 'home' && page.pageType !== 'list') return [];
  const out: { el: Element; named: Named }[] = [];
  for (const el of Array.from(page.body.querySelectorAll('ul, ol, table, tbody, dl'))) {
    // A definition list with its term (the column name) and no entries is empty too.
    const dt = el.tagName === 'DL' && el.children.length === 1 && el.firstElementChild?.tagName === 'DT' ? el.firstElementChild : null;
    const h = dt ? headingOf(dt) : null;
    if (h && !insideNav(el) && !footer?.contains(el)) {
      out.push({ el, named: { name: h.name, block: el, href: moreLinkIn(dt!, page), heading: h.element, distance: 0 } });
      continue;
    }
    if (el.children.length || (el.textContent || '').trim()) continue;
    if (footer?.contains(el) || el.parentElement?.tagName === 'LI') continue;
    if (insideNav(el)) continue;
    const named = paneName(el, page) ?? headingName(el, page, holdsList);
    // Only a tab or a heading standing right before the list (or its wrappers) names an empty list.
    if (named?.heading && (named.distance ?? 0) <= 2) out.push({ el, named });
  }
  return out;
}

function addEmptyLists(empties: { el: Element; named: Named }[], byBlock: Map<Element, Column>): void {
  for (const { el, named } of empties) {
    if (byBlock.has(blockKey(named))) continue;
    if (Array.from(byBlock.values()).some((c) => c.element.contains(el) || el.contains(c.element))) continue;
    byBlock.set(blockKey(named), blankColumn(named, null));
  }
}

function insideNav(el: Element): boolean {
  for (let n: Element | null = el; n && n.tagName !== 'BODY'; n = n.parentElement) {
    if (n.tagName === 'NAV' || n.tagName === 'HEADER') return true;
    if (NAV_ANCESTOR.test(`${n.getAttribute('class') || ''} ${n.id || ''}`)) return true;
  }
  return false;
}
