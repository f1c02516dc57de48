import { analysis, type PageModel } from '../scan/page';
import type { TextQuote } from '../scan/types';
import { SKIP } from './locate';

const CONTEXT = 32;
/** Elements with more text than this are containers, not a finding's place: use the page text. */
const MAX_LOCAL = 4000;

const NORMALISED_TEXT = analysis('normalisedText', (page) => normalise(page.text));

/**
 * Describe `exact` as a text quote with prefix and suffix. Context is read outward from the
 * element holding the quote, a few text nodes either way, so a page with hundreds of findings
 * never searches or copies its whole text once per finding. Quotes without an element (title,
 * meta) fall back to the page text.
 */
export function describeQuote(page: PageModel, exact: string, element: Element | null): TextQuote {
  const needle = normalise(exact);
  const local = element ? normalise(element.textContent || '') : '';
  const at = local.length <= MAX_LOCAL ? local.indexOf(needle) : -1;
  if (element && at >= 0) {
    const before = local.slice(0, at);
    const after = local.slice(at + needle.length);
    return {
      exact,
      prefix: (before.length >= CONTEXT ? before : textBefore(element, CONTEXT - before.length) + before).slice(-CONTEXT),
      suffix: (after.length >= CONTEXT ? after : after + textAfter(element, CONTEXT - after.length)).slice(0, CONTEXT),
    };
  }
  const hay = page.get(NORMALISED_TEXT);
  const i = hay.indexOf(needle);
  if (i < 0) return { exact, prefix: '', suffix: '' };
  return { exact, prefix: hay.slice(Math.max(0, i - CONTEXT), i), suffix: hay.slice(i + needle.length, i + needle.length + CONTEXT) };
}

function walker(el: Element): TreeWalker {
  const doc = el.ownerDocument;
  return doc.createTreeWalker(doc.body ?? doc.documentElement, 4, {
    acceptNode: (n) => (SKIP.has(n.parentElement?.tagName.toUpperCase() ?? '') ? 2 : 1),
  });
}

/** Up to `n` characters of page text just before the element. */
function textBefore(el: Element, n: number): string {
  const w = walker(el);
  w.currentNode = el;
  let out = '';
  for (let t = w.previousNode(); t && out.length < n; t = w.previousNode()) out = normalise(t.nodeValue || '') + out;
  return out.slice(-n);
}

/** Up to `n` characters of page text just after the element. */
function textAfter(el: Element, n: number): string {
  const w = walker(el);
  let last: Node = el;
  while (last.lastChild) last = last.lastChild;
  w.currentNode = last;
  let out = '';
  for (let t = w.nextNode(); t && out.length < n; t = w.nextNode()) out += normalise(t.nodeValue || '');
  return out.slice(0, n);
}

/** Whitespace folded so that quotes survive re-indentation of the page source. */
export function normalise(s: string): string {
  return s.replace(/\s+/g, ' ');
}
