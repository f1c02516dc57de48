import type { TextQuote } from '../scan/types';

/**
 * The links of a page to check: every http(s) <a href>, once per address (fragment dropped),
 * in page order, with the text and context the overlay needs to mark the link as a finding.
 * Bounded: a portal with thousands of links gets its first `max` checked and says so.
 */
export interface PageLink {
  url: string;
  /** Link text (or the image's alt / title), trimmed; what the mark is placed on. */
  text: string;
  quote: TextQuote | null;
  /** Same host as the page (站内) or not (站外). */
  sameSite: boolean;
}

export const MAX_LINKS = 400;
const CONTEXT = 32;

export function collectLinks(doc: Document, pageUrl: string, max = MAX_LINKS): { links: PageLink[]; total: number } {
  const page = new URL(pageUrl);
  const base = baseOf(doc, pageUrl);
  const seen = new Set<string>();
  const links: PageLink[] = [];
  let total = 0;
  for (const a of Array.from(doc.querySelectorAll('a[href]'))) {
    const raw = a.getAttribute('href')?.trim() ?? '';
    if (!raw || /^(javascript|mailto|tel|sms|data|blob):/i.test(raw) || raw.startsWith('#')) continue;
    let u: URL;
    try {
      u = new URL(raw, base);
    } catch {
      continue;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') continue;
    u.hash = '';
    if (u.href === page.href.replace(/#.*$/, '') || seen.has(u.href)) continue;
    seen.add(u.href);
    total++;
    if (links.length >= max) continue;
    const text = linkText(a);
    links.push({ url: u.href, text, quote: text ? quoteOf(a, text) : null, sameSite: u.host === page.host });
  }
  return { links, total };
}

/** <base href> when the page has one, else the page's own address (not doc.baseURI: a parsed copy has none). */
function baseOf(doc: Document, pageUrl: string): string {
  const href = doc.querySelector('base[href]')?.getAttribute('href');
  try {
    return href ? new URL(href, pageUrl).href : pageUrl;
  } catch {
    return pageUrl;
  }
}

function linkText(a: Element): string {
  const t = (a.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (t) return t.slice(0, 200);
  const img = a.querySelector('img[alt], img[title]');
  return (img?.getAttribute('alt') || img?.getAttribute('title') || a.getAttribute('title') || '').trim().slice(0, 200);
}

/** Prefix and suffix from the text around the link, so two links with one text are told apart. */
function quoteOf(a: Element, exact: string): TextQuote {
  const doc = a.ownerDocument;
  const body = doc.body ?? doc.documentElement;
  const walker = doc.createTreeWalker(body, 4, {
    acceptNode: (n) => (/^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/i.test(n.parentElement?.tagName ?? '') ? 2 : 1),
  });
  let before = '';
  let after = '';
  walker.currentNode = a;
  for (let t = walker.previousNode(); t && before.length < CONTEXT; t = walker.previousNode()) before = fold(t.nodeValue ?? '') + before;
  let last: Node = a;
  while (last.lastChild) last = last.lastChild;
  walker.currentNode = last;
  for (let t = walker.nextNode(); t && after.length < CONTEXT; t = walker.nextNode()) after += fold(t.nodeValue ?? '');
  return { exact, prefix: before.slice(-CONTEXT), suffix: after.slice(0, CONTEXT) };
}

function fold(s: string): string {
  return s.replace(/\s+/g, ' ');
}
