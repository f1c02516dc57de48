
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
