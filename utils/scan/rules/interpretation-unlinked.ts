import { MAIN, type PageModel } from '../page';
import type { Candidate, Rule } from '../types';

/**
 * 解读关联: a 政策解读 must link to the document it interprets (通报: “政策解读未与原文关联”).
 * On 文件 pages, an empty “相关解读” block is a hint: the template expects a link that
 * was never filled in.
 */
const ORIGINAL_LABEL = /原文|相关文件|关联文件|相关政策文件|文件链接|政策文件链接|附件[:：]?$/;
const DOC_NUMBER = /[\u4e00-\u9fa5]{1,12}[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d+\s*号/g;

export const rule: Rule = {
  meta: {
    id: 'interpretation-unlinked',
    title: '政策解读未与原文关联',
    indicator: '国办秘函〔2019〕19号 扣分指标 发布解读（解读关联）',
    severity: 'deduct',
    category: '解读关联',
    description: '政策解读页面没有链接到所解读的政策文件原文（原文链接、相关文件、文件标题或文号链接）；文件页的“相关解读”区块为空时给出提示。',
  },
  needs: [MAIN],
  check(page) {
    if (page.pageType === 'home' || page.pageType === 'list') return [];
    const kind = interpretationKind(page);
    if (kind) return checkInterpretation(page, kind);
    return checkEmptyRelated(page);
  },
};

/** 'column' when the page says it is in 政策解读; 'title' when only the title says 解读. */
function interpretationKind(page: PageModel): 'column' | 'title' | null {
  // Cheap titles only: Readability (page.main) runs later, and only on pages that are 解读.
  const title = (page.meta('ArticleTitle') || page.title || '').trim();
  const column = `${page.meta('ColumnName') || ''} ${page.breadcrumb}`;
  const titleSays = /解读/.test(title) && !/^(政策)?解读$/.test(title);
  if (/政策解读|文件解读|图解|解读回应/.test(column) && (titleSays || /图解|一图读懂/.test(title))) return 'column';
  // 解读 of a named document: “《…》政策解读”, “关于…的解读”.
  if (titleSays && /《[^》]{4,}》|关于.{4,}的解读|政策解读|文件解读/.test(title)) return 'title';
  return null;
}

function checkInterpretation(page: PageModel, kind: 'column' | 'title'): Candidate[] {
  const title = (page.meta('ArticleTitle') || page.main.title || page.title || '').trim();
  const names = Array.from(title.matchAll(/《([^》]{4,})》/g)).map((m) => m[1]);
  const mainText = page.main.text || page.text;
  const numbers = Array.from(mainText.matchAll(DOC_NUMBER)).map((m) => m[0].replace(/\s+/g, ''));
  const here = page.url.href.replace(/#.*$/, '');
  for (const a of Array.from(page.doc.querySelectorAll('a[href]'))) {
    const href = (a.getAttribute('href') || '').trim();
    if (!href || /^(javascript:|#)/i.test(href)) continue;
    let abs = href;
    try {
      abs = new URL(href, page.url.href).href.replace(/#.*$/, '');
    } catch {
      /* keep raw */
    }
    if (abs === here) continue;
    const text = (a.textContent || '').replace(/\s+/g, '') + (a.getAttribute('title') || '');
    if (!text) continue;
    if (ORIGINAL_LABEL.test(text) && !isNavigation(a)) return [];
    if (names.some((n) => text.includes(n.replace(/\s+/g, '')) && !/解读/.test(text))) return [];
    if (numbers.some((n) => text.includes(n))) return [];
  }
  return [
    {
      message: names.length
        ? `政策解读未与原文《${names[0]}》关联（页面无原文链接）`
        : '政策解读未与所解读的政策文件原文关联（页面无原文链接）',
      quote: null,
      review: kind === 'title' && !names.length,
      detail: {
        lookedFor: '“原文链接/相关文件/政策原文/文件原文”链接，或文字含所解读文件标题、文号的链接',
        where: '整个页面的链接（导航栏中的“政策文件”栏目链接不计）',
        documentTitle: names[0] ?? null,
        documentNumber: numbers[0] ?? null,
      },
    },
  ];
}

function isNavigation(a: Element): boolean {
  return !!a.closest('nav, header, [class*="nav" i], [id*="nav" i], [class*="menu" i], [id*="menu" i], [class*="header" i], [class*="footer" i]');
}

/** 相关解读 / 政策解读 heading on a document page with no link after it in its block. */
function checkEmptyRelated(page: PageModel): Candidate[] {
  if (page.pageType !== 'article') return [];
  for (const el of Array.from(page.doc.querySelectorAll('h1, h2, h3, h4, h5, span, div, p, strong, b, td, dt, li'))) {
    const own = ownText(el);
    if (!/^(相关解读|解读链接|政策解读|相关政策解读|文件解读)[:：]?$/.test(own)) continue;
    if (isNavigation(el)) continue;
    const block = blockOf(el);
    if (!block) continue;
    // Only what follows the heading inside its block counts as the block's content.
    const following = (n: Node) => !!(el.compareDocumentPosition(n) & 4) && !el.contains(n);
    const links = Array.from(block.querySelectorAll('a[href]')).filter(
      (a) => following(a) && !/^(javascript:|#)/i.test(a.getAttribute('href') || '') && (a.textContent || '').trim(),
    );
    const all = (block.textContent || '').replace(/\s+/g, '');
    const at = all.indexOf(own);
    const rest = at >= 0 ? all.slice(at + own.length) : all;
    if (links.length === 0 && rest.length < 10) {
      return [
        {
          message: `文件页“${own.replace(/[:：]$/, '')}”栏为空，未关联解读材料`,
          quote: own,
          element: el,
          severity: 'hint',
          detail: { lookedFor: '“相关解读”区块中的解读链接', where: `<${block.tagName.toLowerCase()}> 区块` },
        },
      ];
    }
  }
  return [];
}

function ownText(el: Element): string {
  let t = '';
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 3) t += c.nodeValue || '';
  if (!t.trim() && el.children.length === 1 && !el.children[0].children.length) t = el.textContent || '';
  return t.replace(/\s+/g, '');
}

/** The heading's block: climb past wrappers that hold nothing but the heading. */
function blockOf(el: Element): Element | null {
  let block: Element | null = el.parentElement;
  for (let i = 0; block && block.children.length <= 1 && block.parentElement && i < 3; i++) block = block.parentElement;
  return block;
}
