import { Readability } from '@mozilla/readability';
import { runSliced, runSync, type Steps } from '../steps';

/** What kind of page this is, as the rules judge it. */
export type PageType = 'home' | 'list' | 'article' | 'other';

/**
 * One analysis of a page (its text, footer, columns at a date …), computed at most once per page
 * and shared by every rule that reads it. The object itself is the cache slot, so two analyses can
 * never collide the way two string keys did. Written as steps so the content script can compute
 * it in slices (`PageModel.prepare`); rules and tests run it straight through (`PageModel.get`).
 */
export interface Analysis<T> {
  /** For the scan's slice labels only; never a key. */
  readonly name: string;
  readonly steps: (page: PageModel) => Steps<T>;
  /** Slice budget when prepared in slices (default 8 ms). */
  readonly sliceMs?: number;
}

/** An analysis computed in one go. */
export function analysis<T>(name: string, compute: (page: PageModel) => T): Analysis<T> {
  return {
    name,
    steps: function* (page) {
      return compute(page);
    },
  };
}

/**
 * Analyses that depend on one value (the monitoring date): one analysis object per value, so the
 * same page read at two dates keeps two results.
 */
export function perValue<P extends string, T>(make: (value: P) => Analysis<T>): (value: P) => Analysis<T> {
  const made = new Map<P, Analysis<T>>();
  return (value) => {
    let a = made.get(value);
    if (!a) made.set(value, (a = make(value)));
    return a;
  };
}

/**
 * Lazily computed views of one page, shared by all rules so that expensive work
 * (text extraction, Readability, column detection) runs at most once per scan.
 * Works on any DOM Document (the live page in Chromium, happy-dom in tests).
 */
export class PageModel {
  readonly doc: Document;
  readonly url: URL;
  private results = new Map<Analysis<unknown>, unknown>();

  /** The roster's home address of the site, when known: the page at it is a home page. */
  readonly homeUrl: string | null;
  /** Traditional→Simplified pairs (NameData.t2s), when sent: Traditional pages are read as Simplified. */
  readonly t2s: string | null;

  constructor(doc: Document, url: string, opts: { homeUrl?: string | null; t2s?: string | null } = {}) {
    this.doc = doc;
    this.url = safeUrl(url);
    this.homeUrl = opts.homeUrl ?? null;
    this.t2s = opts.t2s ?? null;
  }

  /** The analysis' result for this page, computed on first use. */
  get<T>(a: Analysis<T>): T {
    if (!this.results.has(a)) this.results.set(a, runSync(a.steps(this)));
    return this.results.get(a) as T;
  }

  /** Compute an analysis in slices that give the page the main thread back (the content script's path). */
  async prepare<T>(a: Analysis<T>, yieldToPage: () => Promise<void>, now: () => number): Promise<void> {
    if (this.results.has(a)) return;
    const value = await runSliced(a.steps(this), yieldToPage, now, a.sliceMs);
    if (!this.results.has(a)) this.results.set(a, value);
  }

  get title(): string {
    return this.get(TITLE);
  }

  get body(): Element {
    return this.doc.body ?? this.doc.documentElement;
  }

  /** Text of the whole page as a reader sees it (scripts, styles and templates left out). */
  get text(): string {
    return this.get(TEXT);
  }

  /** Content of a <meta name=…> tag, case-insensitive on the name. */
  meta(name: string): string | null {
    const lower = name.toLowerCase();
    for (const m of Array.from(this.doc.querySelectorAll('meta[name]'))) {
      if ((m.getAttribute('name') || '').toLowerCase() === lower) return m.getAttribute('content');
    }
    return null;
  }

  get pageType(): PageType {
    return this.get(PAGE_TYPE);
  }

  /**
   * The main text (正文) as Readability finds it, only on pages that have one:
   * home and list pages are navigation, and running Readability there costs time
   * and returns link soup.
   */
  get main(): { text: string; title: string; root: Element | null } {
    return this.get(MAIN);
  }

  /** The breadcrumb (当前位置 …) as one string without spaces, or ''. */
  get breadcrumb(): string {
    return this.get(BREADCRUMB);
  }

  /** The footer identity block: text and the element that holds it. */
  get footer(): { text: string; root: Element | null } {
    return this.get(FOOTER);
  }
}

/** Same page address, ignoring scheme, a trailing index file and the fragment. */
function sameAddress(a: string, b: URL): boolean {
  const key = (u: URL) => `${u.hostname.replace(/^www\./, '')}${u.pathname.replace(/\/(index|default)\.(j?s?html?|jsp|aspx?|php)$/i, '/').replace(/\/+$/, '')}${u.search}`;
  try {
    return key(new URL(a)) === key(b);
  } catch {
    return false;
  }
}

export const TITLE = analysis('title', (page) => (page.doc.title || '').trim());
export const TEXT: Analysis<string> = { name: 'text', steps: (page) => textSteps(page.body) };
export const PAGE_TYPE = analysis('pageType', guessPageType);
export const MAIN = analysis('main', extractMain);
export const FOOTER = analysis('footer', (page) => findFooter(page.doc));
export const BREADCRUMB = analysis('breadcrumb', (page) => {
  const el = page.doc.querySelector('[class*="crumb" i], [id*="crumb" i], [class*="position" i], [class*="location" i], [class*="dqwz" i], [class*="current" i]');
  const t = (el?.textContent || '').replace(/\s+/g, '');
  if (t && t.length < 200) return t;
  const m = /(当前位置|您的位置|所在位置)[:：]?([^\n]{0,120})/.exec(page.text);
  return m ? m[2].replace(/\s+/g, '') : '';
});

function safeUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    return new URL('about:blank');
  }
}

const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'OBJECT']);

/** Concatenated text below root, block elements separated by newlines. */
export function textOf(root: Element): string {
  return runSync(textSteps(root));
}

/** The same walk as steps, so a huge page can be read in slices (no recursion: deep tables are fine). */
export function* textSteps(root: Element): Steps<string> {
  const out: string[] = [];
  const stack: (Node | '\n')[] = [];
  const pushChildren = (n: Node) => {
    for (let c = n.lastChild; c; c = c.previousSibling) stack.push(c);
  };
  pushChildren(root);
  let work = 0;
  while (stack.length) {
    if (++work % 2000 === 0) yield;
    const n = stack.pop()!;
    if (n === '\n') out.push(n);
    else if (n.nodeType === 3) out.push(n.nodeValue || '');
    else if (n.nodeType === 1) {
      const tag = (n as Element).tagName.toUpperCase();
      if (SKIP_TAGS.has(tag)) continue;
      if (BLOCK_TAGS.has(tag)) stack.push('\n'); // popped after the children
      pushChildren(n);
    }
  }
  return out.join('').replace(/[ \t\r\f\v\u00a0\u3000]+/g, ' ').replace(/\n\s*\n+/g, '\n');
}

const BLOCK_TAGS = new Set([
  'P', 'DIV', 'LI', 'TR', 'TD', 'TH', 'BR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL',
  'TABLE', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'NAV', 'DL', 'DT', 'DD', 'FORM',
]);

const PUBLISH_LABEL = /(发布时间|发布日期|发文日期|成文日期|日期|时间)\s*[:：]/;

function guessPageType(page: PageModel): PageType {
  const path = page.url.pathname.replace(/\/+$/, '/');
  if (/^\/?$|^\/(index|default|main)\.(j?s?html?|jsp|aspx?|php)$/i.test(path)) return 'home';
  if (page.homeUrl && sameAddress(page.homeUrl, page.url)) return 'home';
  // A column's own page lives at a folder address (/col/tzgg/, /xxgk/index.html): a list when it
  // shows dated items or an empty-column placeholder, and does not declare itself an article.
  const folder = /\/[^/]+\/((index|default)\.s?html?)?$/i.test(page.url.pathname) && !/\/t\d{8}_/.test(path);
  const declaresArticle = !!page.doc.querySelector('meta[name="ArticleTitle" i], meta[name="PubDate" i]');
  if (folder && !declaresArticle) {
    const dated = countDatedLinks(page);
    return dated >= 2 || EMPTY_COLUMN.test(page.text.slice(0, 50_000)) ? 'list' : 'other';
  }
  const articleBody = page.doc.querySelector(
    'meta[name="ArticleTitle" i], meta[name="PubDate" i], .TRS_Editor, #zoom, .article, .pages_content, #UCAP-CONTENT',
  );
  if (articleBody || (/\/t\d{8}_\d+|\/art\/\d{4}\/|\/\d{6}\/[\w-]+\.s?html?$/i.test(path) && PUBLISH_LABEL.test(page.text))) {
    return 'article';
  }
  if (countDatedLinks(page) >= 6) return 'list';
  return 'other';
}

const EMPTY_COLUMN = /暂无(信息|数据|内容|记录|文章|相关)|建设中|敬请期待|无相关信息|(内容|信息|数据)(正在)?更新中/;

const DATE_LIKE = /(19|20)\d{2}[-/.年]\d{1,2}|\d{1,2}[-/]\d{1,2}\]?/;

const DATED_LINKS = analysis('datedLinks', (page) => {
  let n = 0;
  for (const li of Array.from(page.doc.querySelectorAll('li, tr'))) {
    if (li.querySelector('a') && DATE_LIKE.test(li.textContent || '')) n++;
    if (n > 50) break;
  }
  return n;
});

function countDatedLinks(page: PageModel): number {
  return page.get(DATED_LINKS);
}

/** Readability is capped: beyond this many elements a page is not an article worth parsing. */
const READABILITY_MAX_ELEMENTS = 20000;

function extractMain(page: PageModel): { text: string; title: string; root: Element | null } {
  const empty = { text: '', title: page.title, root: null };
  if (page.pageType === 'home' || page.pageType === 'list') return empty;
  const known = page.doc.querySelector('.TRS_Editor, #zoom, #UCAP-CONTENT, .pages_content, .article-content, #content, .content');
  if (known && (known.textContent || '').trim().length > 80) {
    return { text: textOf(known), title: page.title, root: known };
  }
  if (linkDensity(page) > 0.55) return empty; // a portal page saved under another address: navigation, no 正文
  try {
    const clone = page.doc.cloneNode(true) as Document;
    if (clone.getElementsByTagName('*').length > READABILITY_MAX_ELEMENTS) return empty;
    const article = new Readability(clone, { charThreshold: 200 }).parse();
    if (!article?.textContent) return empty;
    return { text: article.textContent.replace(/[ \t\u00a0\u3000]+/g, ' '), title: article.title || page.title, root: null };
  } catch {
    return empty;
  }
}

/** Share of the page's text that sits inside links: high on portals and lists, low on articles. */
function linkDensity(page: PageModel): number {
  const total = page.text.replace(/\s+/g, '').length;
  if (!total) return 0;
  let linked = 0;
  for (const a of Array.from(page.body.getElementsByTagName('a'))) linked += (a.textContent || '').replace(/\s+/g, '').length;
  return linked / total;
}

const FOOTER_SELECTOR = [
  'footer', '#footer', '.footer', '#foot', '.foot', '#bottom', '.bottom', '.copyright', '#copyright',
  '[class*="footer" i]', '[id*="footer" i]', '[class*="bottom" i]', '[id*="bottom" i]',
].join(',');

const FOOTER_WORDS = /网站标识码|ICP备|公网安备|主办单位|主办：|主办:|版权所有|Copyright/i;

/**
 * The footer is found by what it says, not where it sits: templates call it
 * footer, bottom, foot, copyright or nothing at all (layout tables).
 */
function findFooter(doc: Document): { text: string; root: Element | null } {
  const candidates = Array.from(doc.querySelectorAll(FOOTER_SELECTOR)).filter((el) => FOOTER_WORDS.test(el.textContent || ''));
  // Outermost matching blocks, so desktop + mobile footers both count.
  const roots = candidates.filter((el) => !candidates.some((other) => other !== el && other.contains(el)));
  if (roots.length) {
    return { text: roots.map((r) => textOf(r)).join('\n'), root: roots[roots.length - 1] };
  }
  // No named footer: take the smallest element near the end that mentions the identity words.
  const all = Array.from(doc.querySelectorAll('table, div, p, td, center'));
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i];
    const t = el.textContent || '';
    if (FOOTER_WORDS.test(t) && t.length < 3000) return { text: textOf(el), root: el };
  }
  return { text: '', root: null };
}
