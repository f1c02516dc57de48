import { FOOTER, type Analysis, type PageModel } from '../page';
import type { Steps } from '../../steps';
import type { Candidate, Rule } from '../types';
import { hasStrongSpam, isSpam, spamScore, type SpamScore } from './title-hijack';

/**
 * 暗链: links to other sites that visitors cannot see but search engines can.
 * Evidence-heavy because it is a veto: only candidate links (off-site, not government
 * infrastructure, or carrying spam words) ever get a computed style, never every element.
 *
 * Menus, tabs and carousels hide ordinary links with display:none all the time, so plain
 * hiding is not evidence: a veto needs spam words in the link, or a stealth technique
 * (off-screen, 1px font, zero-size box, text coloured like its background, a tiny marquee)
 * on several links to non-government hosts. Anything weaker is 待核实.
 */

/** Hosts whose links are never 暗链 evidence: government domains and the filing/badge services. */
const TRUSTED_HOST = /(^|\.)(gov\.cn|gov|政务|公益|conac\.cn|beian\.gov\.cn|miit\.gov\.cn|12377\.cn|cyberpolice\.cn|cac\.gov\.cn)$/i;

/** Share and statistics widgets that park hidden off-site links after the footer. */
const WIDGET_HOST = /(^|\.)(bshare\.cn|jiathis\.com|baidu\.com|qq\.com|weibo\.com|weibo\.cn|sina\.com\.cn|51\.la|cnzz\.com|kaipuyun\.cn|hanweb\.com|ucap\.com\.cn|trs\.com\.cn)$/i;

const MAX_CANDIDATES = 400;

export interface HiddenReason {
  why: string;
  /** Stealth techniques are deliberate; display:none alone is what menus do. */
  stealth: boolean;
  /** Zero-size boxes are also collapsed accordions: stealth, but never enough for a veto alone. */
  weak?: boolean;
}

interface LinkCandidate {
  a: Element;
  href: string;
  host: string;
  text: string;
  offsite: boolean;
  spam: SpamScore;
}

/** The page's links that could be hidden spam, read in steps (large portals carry tens of thousands). */
const LINK_CANDIDATES: Analysis<LinkCandidate[]> = { name: 'links', steps: (page) => collectCandidates(page) };

export const rule: Rule = {
  meta: {
    id: 'hidden-links',
    title: '页面存在暗链（隐藏的外部链接）',
    indicator: '国办秘函〔2019〕19号 单项否决 V1 安全、泄密事故等严重问题（页面被挂马、内容被篡改）',
    severity: 'veto',
    category: '安全防护',
    description: '指向非政府网站的链接被CSS隐藏（display:none、移出屏幕、字号≤1px、零尺寸、与背景同色、微型滚动条），或链接文字为赌博、色情、违法广告。',
  },
  needs: [LINK_CANDIDATES, FOOTER],
  check(page) {
    const candidates = page.get(LINK_CANDIDATES);
    if (!candidates.length) return [];
    const win = page.doc.defaultView;
    const styleOf = memoStyle(win);
    const layout = hasLayout(page);
    const afterFooter = afterFooterTest(page);
    const out: Candidate[] = [];
    const stealthy: { c: LinkCandidate; reason: HiddenReason }[] = [];
    const softHidden: { c: LinkCandidate; reason: HiddenReason }[] = [];

    for (const c of candidates) {
      const reason = hiddenReason(c.a, styleOf, layout);
      const spamText = isSpam(c.spam) || (!c.spam.context && c.spam.strong.length >= 1 && (!!reason || c.offsite));
      const position = afterFooter(c.a) ? '位于页面底部版权信息之后' : null;
      if (spamText) {
        const why = [reason?.why, `链接文字含${c.spam.strong.join('、')}`, position].filter(Boolean).join('；');
        out.push({
          message: `页面存在${reason ? '隐藏的' : ''}涉赌涉黄链接“${c.text.slice(0, 40)}”（${c.host || c.href}）`,
          quote: reason ? null : c.text.slice(0, 80),
          element: c.a,
          detail: { href: c.href, text: c.text.slice(0, 120), why },
        });
        continue;
      }
      if (!c.offsite || !reason) continue;
      if (reason.stealth) stealthy.push({ c, reason });
      else if (position && !WIDGET_HOST.test(c.host)) softHidden.push({ c, reason: { why: `${reason.why}；${position}`, stealth: false } });
    }

    // Several stealth-hidden links to non-government hosts: the classic 暗链 block.
    const certain = stealthy.filter((s) => !s.reason.weak);
    const hosts = new Set(certain.map((s) => s.c.host));
    const confident = certain.length >= 3 && hosts.size >= 2;
    for (const s of stealthy.slice(0, 20)) {
      out.push({
        message: `页面存在隐藏的外部链接“${s.c.text.slice(0, 40) || s.c.href}”（${s.c.host}），疑似暗链`,
        quote: null,
        element: s.c.a,
        review: !confident || !!s.reason.weak,
        detail: { href: s.c.href, text: s.c.text.slice(0, 120), why: s.reason.why, hiddenOffsiteLinks: stealthy.length },
      });
    }
    // Plain display:none after the footer is what share widgets and mobile menus do; only a
    // block of several links to several unknown hosts is worth a look.
    const softHosts = new Set(softHidden.map((s) => s.c.host));
    const softBlock = softHidden.length >= 3 && softHosts.size >= 2 ? softHidden : [];
    for (const s of softBlock.slice(0, 10)) {
      out.push({
        message: `页面底部之后存在隐藏的外部链接“${s.c.text.slice(0, 40) || s.c.href}”（${s.c.host}），请核实是否为暗链`,
        quote: null,
        element: s.c.a,
        review: true,
        detail: { href: s.c.href, text: s.c.text.slice(0, 120), why: s.reason.why },
      });
    }
    return out;
  },
};


function* collectCandidates(page: PageModel): Steps<LinkCandidate[]> {
  const pageHost = page.url.hostname.toLowerCase();
  const out: LinkCandidate[] = [];
  // On a page whose text has no spam word at all, on-site links cannot be suspicious by their
  // words: skip reading them (large portals carry tens of thousands of links).
  const wordsMatter = hasStrongSpam(page.text);
  let work = 0;
  for (const a of Array.from(page.doc.querySelectorAll('a[href]'))) {
    if (++work % 500 === 0) yield;
    const raw = a.getAttribute('href') || '';
    if (!/^(https?:)?\/\//i.test(raw.trim())) {
      if (!wordsMatter) continue;
      // Relative links are on-site: only their words can make them suspicious.
      const text = linkText(a);
      if (!text) continue;
      const spam = spamScore(text);
      if (spam.strong.length && !spam.context) out.push({ a, href: raw, host: pageHost, text, offsite: false, spam });
      continue;
    }
    let url: URL;
    try {
      url = new URL(raw.trim(), page.url.href);
    } catch {
      continue;
    }
    const host = url.hostname.toLowerCase();
    const offsite = host !== pageHost && !sameSite(host, pageHost) && !TRUSTED_HOST.test(host);
    if (!offsite && !wordsMatter) continue;
    const text = linkText(a);
    const spam = spamScore(text + ' ' + host);
    if (!offsite && !(spam.strong.length && !spam.context)) continue;
    out.push({ a, href: url.href, host, text, offsite, spam });
    if (out.length >= MAX_CANDIDATES) break;
  }
  return out;
}

function linkText(a: Element): string {
  const img = a.querySelector('img');
  return [(a.textContent || '').replace(/\s+/g, ' ').trim(), a.getAttribute('title') || '', img?.getAttribute('alt') || '']
    .filter(Boolean)
    .join(' ')
    .trim();
}

/** www.x.gov.cn and m.x.gov.cn are one site; compare the last three labels. */
function sameSite(a: string, b: string): boolean {
  const tail = (h: string) => h.split('.').slice(-3).join('.');
  return tail(a) === tail(b);
}

type StyleOf = (el: Element) => CSSStyleDeclaration | null;

function memoStyle(win: (Window & typeof globalThis) | null): StyleOf {
  const cache = new Map<Element, CSSStyleDeclaration | null>();
  return (el) => {
    if (!cache.has(el)) {
      let s: CSSStyleDeclaration | null = null;
      try {
        s = win ? win.getComputedStyle(el) : null;
      } catch {
        s = null;
      }
      cache.set(el, s);
    }
    return cache.get(el) ?? null;
  };
}

/** A real browser lays the page out; happy-dom and detached documents do not. */
function hasLayout(page: PageModel): boolean {
  try {
    const r = page.body.getBoundingClientRect();
    return r.width > 0 || r.height > 0;
  } catch {
    return false;
  }
}

function px(v: string | null | undefined): number | null {
  if (!v) return null;
  const m = /^(-?\d+(?:\.\d+)?)px$/.exec(v.trim());
  return m ? Number(m[1]) : null;
}

/** Why the link cannot be seen, or null. Walks the link and its ancestors up to <body>. */
export function hiddenReason(a: Element, styleOf: StyleOf, layout: boolean): HiddenReason | null {
  let soft: HiddenReason | null = null;
  for (let el: Element | null = a, depth = 0; el && depth < 25; el = el.parentElement, depth++) {
    const tag = el.tagName.toUpperCase();
    if (tag === 'BODY' || tag === 'HTML') break;
    if (tag === 'MARQUEE') {
      const h = Number(el.getAttribute('height') || NaN);
      const w = Number(el.getAttribute('width') || NaN);
      const sh = px(styleOf(el)?.height);
      const amount = Number(el.getAttribute('scrollamount') || 0);
      if ((h <= 5) || (w <= 5) || (sh !== null && sh <= 5) || amount >= 1000) {
        return { why: `位于尺寸极小或高速滚动的 <marquee> 中`, stealth: true };
      }
    }
    const s = styleOf(el);
    if (!s) continue;
    if (s.display === 'none') soft ??= { why: `${describe(el)} 设置 display:none`, stealth: false };
    if (s.visibility === 'hidden' || s.visibility === 'collapse') soft ??= { why: `${describe(el)} 设置 visibility:hidden`, stealth: false };
    const fs = px(s.fontSize);
    if (fs !== null && fs <= 1 && (el === a || el.contains(a))) return { why: `${describe(el)} 字号 ${s.fontSize}`, stealth: true };
    if (s.position === 'absolute' || s.position === 'fixed') {
      const left = px(s.left);
      const top = px(s.top);
      if ((left !== null && left <= -500) || (top !== null && top <= -500)) {
        return { why: `${describe(el)} 绝对定位移出屏幕（left:${s.left}; top:${s.top}）`, stealth: true };
      }
    }
    const indent = px(s.textIndent);
    if (indent !== null && indent <= -500) return { why: `${describe(el)} text-indent:${s.textIndent}`, stealth: true };
    const overflowHidden = s.overflow === 'hidden' || s.overflowY === 'hidden' || s.overflowX === 'hidden';
    const h = px(s.height);
    const w = px(s.width);
    if (overflowHidden && ((h !== null && h <= 1) || (w !== null && w <= 1))) {
      return { why: `${describe(el)} 高度或宽度为 ${h ?? w}px 且 overflow:hidden`, stealth: true, weak: true };
    }
    if (s.opacity === '0' && el !== a) soft ??= { why: `${describe(el)} opacity:0`, stealth: false };
  }
  if (soft) return soft;
  const sameColour = colourLikeBackground(a, styleOf);
  if (sameColour) return { why: sameColour, stealth: true };
  if (layout) {
    const r = a.getBoundingClientRect();
    const sx = a.ownerDocument.defaultView?.scrollX ?? 0;
    const sy = a.ownerDocument.defaultView?.scrollY ?? 0;
    if (r.right + sx < -100 || r.bottom + sy < -100) return { why: `链接位于页面可视区域之外（${Math.round(r.left)}, ${Math.round(r.top)}）`, stealth: true };
  }
  return null;
}

function describe(el: Element): string {
  const id = el.id ? `#${el.id}` : '';
  const cls = (el.getAttribute('class') || '').trim().split(/\s+/).filter(Boolean)[0];
  return `<${el.tagName.toLowerCase()}${id}${cls ? '.' + cls : ''}>`;
}

function rgb(v: string | null | undefined): [number, number, number, number] | null {
  if (!v) return null;
  const m = /rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)(?:[,\s/]+([\d.]+))?\s*\)/i.exec(v);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(v.trim());
  if (hex) {
    const h = hex[1].length === 3 ? hex[1].replace(/./g, (c) => c + c) : hex[1];
    return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16), 1];
  }
  return null;
}

/** Text colour (set on the link or its parent) equal to the nearest opaque background. */
function colourLikeBackground(a: Element, styleOf: StyleOf): string | null {
  const inline = (a as HTMLElement).style?.color || (a.parentElement as HTMLElement | null)?.style?.color;
  const fg = rgb(styleOf(a)?.color) ?? rgb(inline);
  if (!fg || fg[3] === 0) return null;
  for (let el: Element | null = a; el; el = el.parentElement) {
    const bg = rgb(styleOf(el)?.backgroundColor) ?? rgb((el as HTMLElement).style?.backgroundColor);
    if (bg && bg[3] > 0) {
      const d = Math.abs(fg[0] - bg[0]) + Math.abs(fg[1] - bg[1]) + Math.abs(fg[2] - bg[2]);
      // Only an explicit background counts: default white vs default black text is no evidence.
      return d <= 6 ? `链接文字颜色与 ${describe(el)} 背景色相同（${styleOf(a)?.color || inline}）` : null;
    }
  }
  return null;
}

/** Is an element placed after the footer block (where injected blocks end up)? */
function afterFooterTest(page: PageModel): (el: Element) => boolean {
  const footer = page.footer.root;
  if (!footer) return () => false;
  return (el) => !footer.contains(el) && !!(footer.compareDocumentPosition(el) & 4 /* FOLLOWING */);
}
