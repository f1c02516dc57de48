import { classifyColumn, type Column, type ColumnCorrection, type ColumnItem } from './column-types';

export type { ColumnCorrection, CorrectionPatch } from './column-types';
import { findDates, NON_PUBLICATION_LABELS } from '../dates/parse';

const CLASSES = new Set(['news', 'notice', 'other']);

/** The site key of an address: its host without a leading www. */
export function siteKeyOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** Bad or foreign records are dropped, never applied half-way. */
export function validCorrection(c: unknown): c is ColumnCorrection {
  if (!c || typeof c !== 'object') return false;
  const r = c as Record<string, unknown>;
  const str = (k: string, max: number) => typeof r[k] === 'string' && (r[k] as string).length <= max;
  return (
    str('id', 300) && str('site', 255) && str('selector', 2000) && str('anchor', 200) && str('pageUrl', 4000) && str('originalName', 100) &&
    typeof r.updatedAt === 'number' &&
    (r.name === undefined || r.name === null || str('name', 30)) &&
    (r.cls === undefined || r.cls === null || CLASSES.has(r.cls as string)) &&
    (r.blank === undefined || r.blank === null || typeof r.blank === 'boolean') &&
    (r.notColumn === undefined || typeof r.notColumn === 'boolean') &&
    (r.added === undefined || typeof r.added === 'boolean')
  );
}

/** A CSS path to the element: from the nearest ancestor with a plain id, tag:nth-of-type steps. */
export function selectorOf(el: Element): string {
  const steps: string[] = [];
  for (let n: Element | null = el; n && n.tagName !== 'HTML'; n = n.parentElement) {
    const id = n.getAttribute('id');
    if (id && /^[A-Za-z][\w-]*$/.test(id) && !/\d{4,}/.test(id)) {
      steps.unshift(`#${id}`);
      break;
    }
    if (n.tagName === 'BODY') {
      steps.unshift('body');
      break;
    }
    const tag = n.tagName.toLowerCase();
    const same = n.parentElement ? Array.from(n.parentElement.children).filter((c) => c.tagName === n!.tagName) : [];
    steps.unshift(same.length > 1 ? `${tag}:nth-of-type(${same.indexOf(n) + 1})` : tag);
  }
  return steps.join(' > ');
}

/** The text anchor of a block: its heading's words, else its first words. */
export function anchorOf(block: Element, heading: Element | null | undefined): string {
  const text = ((heading ?? block).textContent || '').replace(/\s+/g, '');
  return text.slice(0, 20);
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** The block a correction was made on, in this document: by path when its text still fits, else by anchor. */
export function locateBlock(doc: Document, c: ColumnCorrection, columns: Column[]): Element | null {
  let el: Element | null = null;
  try {
    el = doc.querySelector(c.selector);
  } catch {
    el = null;
  }
  if (el && squash(el.textContent || '').includes(c.anchor)) return el;
  // Re-rendered: a detected column whose heading still reads the same.
  const byHeading = columns.find((col) => col.heading && squash(col.heading.textContent || '').startsWith(c.anchor));
  if (byHeading) return byHeading.element;
  if (!c.added || !c.anchor) return null;
  // An added block: the smallest block of the same tag that starts with the anchor text.
  const tag = /([a-z0-9]+)(?::nth-of-type\(\d+\))?$/i.exec(c.selector)?.[1] ?? 'div';
  let best: Element | null = null;
  for (const cand of Array.from(doc.getElementsByTagName(tag))) {
    const t = squash(cand.textContent || '');
    if (t.startsWith(c.anchor) && (!best || t.length < squash(best.textContent || '').length)) best = cand;
  }
  return best;
}

/** Apply the site's corrections to the detected columns (copies: the detection result is left as it was). */
export function applyCorrections(detected: Column[], doc: Document, corrections: ColumnCorrection[], refDate: string): Column[] {
  const columns = detected.map((c) => ({ ...c }));
  let out = columns.slice();
  for (const c of corrections) {
    const block = locateBlock(doc, c, columns);
    if (!block) continue;
    let col = out.find((x) => x.element === block) ?? out.find((x) => block.contains(x.element) || x.element.contains(block));
    if (!col && c.added) {
      col = columnFromBlock(block, c.name || c.originalName, refDate);
      out.push(col);
    }
    if (!col) continue;
    if (c.notColumn) {
      out = out.filter((x) => x !== col);
      continue;
    }
    col.correctionId = c.id;
    if (c.name) col.name = c.name;
    if (c.cls) col.cls = c.cls;
    if (c.blank === true) {
      col.blank = true;
      col.placeholder = col.placeholder || '人工认定为空白栏目';
    } else if (c.blank === false) {
      col.blank = false;
      col.placeholder = null;
    }
  }
  return out;
}

/** A column the inspector selected: its dated links are its items. */
function columnFromBlock(block: Element, name: string, refDate: string): Column {
  const items: ColumnItem[] = [];
  const seen = new Set<Element>();
  const walker = block.ownerDocument.createTreeWalker(block, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.nodeValue || '';
    if (text.length > 200) continue;
    const d = findDates(text, { refDate }).find((x) => !(x.label && NON_PUBLICATION_LABELS.has(x.label)));
    if (!d) continue;
    let item: Element | null = n.parentElement;
    while (item && item !== block && !item.querySelector('a') && item.tagName !== 'A') item = item.parentElement;
    if (!item || item === block || seen.has(item)) continue;
    seen.add(item);
    const a = item.tagName === 'A' ? item : item.querySelector('a');
    items.push({ title: ((a?.getAttribute('title') || a?.textContent) ?? '').trim(), date: d.date, element: item, raw: d.raw });
  }
  // Undated entries still make a column that is not blank (it simply cannot be judged by date).
  if (!items.length) for (const a of Array.from(block.querySelectorAll('a[href]'))) items.push({ title: (a.textContent || '').trim(), date: null, element: a });
  const newest = items.reduce<string | null>((acc, i) => (i.date && (!acc || i.date > acc) ? i.date : acc), null);
  return { name, items, newest, href: null, cls: classifyColumn(name), element: block, blank: items.length === 0, placeholder: items.length ? null : '人工认定为空白栏目', heading: null };
}
