import type { PageModel } from '../scan/page';
import { isTraditional, toSimplified } from './t2s';

/**
 * The text the wording rules read: the page title and the paragraphs of the main content
 * (正文), never navigation, footers, sidebars, code or verbatim 留言. One block = the inline
 * text of one block element, so a quote never straddles two paragraphs and the element that
 * holds it is known for marking.
 */
export interface TextBlock {
  /** Paragraph text, whitespace runs folded to one space (as page.text folds them). */
  text: string;
  /** Text to match: `text` normalised Traditional→Simplified char by char (same offsets). */
  scan: string;
  /** Block element holding the text, or null (title, or Readability text without a DOM root). */
  element: Element | null;
  kind: 'title' | 'main';
}

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'OBJECT', 'CODE', 'PRE', 'KBD', 'SAMP', 'TEXTAREA', 'SELECT', 'BUTTON', 'NAV', 'FOOTER', 'ASIDE', 'FORM']);
const INLINE = new Set(['A', 'SPAN', 'B', 'STRONG', 'EM', 'I', 'U', 'FONT', 'SUB', 'SUP', 'SMALL', 'BIG', 'LABEL', 'ABBR', 'CITE', 'Q', 'S', 'STRIKE', 'MARK', 'INS', 'DEL', 'TIME', 'O:P', 'NOBR', 'WBR']);

/** Main-content blocks below a root element, paragraph by paragraph. */
export function blocksOf(root: Element): { text: string; element: Element }[] {
  const out: { text: string; element: Element }[] = [];
  const walk = (el: Element, buf: string[], owner: Element, block: boolean): void => {
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        buf.push(child.nodeValue || '');
        continue;
      }
      if (child.nodeType !== 1) continue;
      const c = child as Element;
      const tag = c.tagName.toUpperCase();
      if (SKIP.has(tag) || c.getAttribute('aria-hidden') === 'true') continue;
      if (tag === 'BR') {
        flush(buf, owner);
        continue;
      }
      if (INLINE.has(tag)) {
        walk(c, buf, owner, false);
        continue;
      }
      flush(buf, owner);
      walk(c, [], c, true);
    }
    // An inline element's text continues the paragraph of its block.
    if (block) flush(buf, owner);
  };
  const flush = (buf: string[], owner: Element) => {
    if (!buf.length) return;
    const text = buf.join('').replace(/\s+/g, ' ').trim();
    buf.length = 0;
    if (text) out.push({ text, element: owner });
  };
  walk(root, [], root, true);
  return out;
}

/** 留言 / 信箱 pages quote citizens verbatim: their typos are not the site's. */
const INTERACTION = /留言|信箱|来信|咨询|投诉|问政|网民|12345|互动|诉求/;

/** Title + main-content blocks of a page, memoised; Traditional pages normalised for matching. */
export function textBlocks(page: PageModel): TextBlock[] {
  return page.memo('text.blocks', () => {
    const raw: { text: string; element: Element | null; kind: 'title' | 'main' }[] = [];
    const title = page.title.replace(/\s+/g, ' ').trim();
    if (title) raw.push({ text: title, element: null, kind: 'title' });
    const main = page.main;
    const interaction = INTERACTION.test(title) || INTERACTION.test(page.url.pathname);
    if (!interaction && main.text.trim()) {
      if (main.root) {
        for (const b of blocksOf(main.root)) raw.push({ ...b, kind: 'main' });
      } else {
        for (const line of main.text.split(/\n+/)) {
          const text = line.replace(/\s+/g, ' ').trim();
          if (text) raw.push({ text, element: null, kind: 'main' });
        }
      }
    }
    // isTraditional reads the first 4,000 characters: gather that much, not the whole page.
    let sample = '';
    for (const b of raw) {
      if (sample.length >= 4000) break;
      sample += b.text + '\n';
    }
    const trad = isTraditional(sample);
    return raw.map((b) => ({ ...b, scan: trad ? toSimplified(b.text) : b.text }));
  });
}
