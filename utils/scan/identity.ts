import { textOf, type Analysis, type PageModel } from './page';
import type { Steps } from '../steps';

/**
 * The footer identity block (国办发〔2017〕47号: 党政机关网站标识, 政府网站标识码, ICP备案编号,
 * 公安机关备案标识, 主办单位 + 联系方式), parsed once per page and shared by the identity
 * rules through page.memo.
 *
 * Items are searched in the whole page text plus same-origin iframes, not only in the
 * detected footer block: templates split the footer over several blocks (008 keeps the
 * 公网安备 line apart from the rest), and an item printed anywhere on the page is not
 * "missing". Only the sponsor/contact words, which also occur in body text, are limited
 * to the footer zone.
 */

export interface FoundItem {
  /** The text as shown on the page (whitespace folded), or null when absent. */
  text: string | null;
  /** How it was recognised (for the evidence shown to the inspector). */
  how: string | null;
}

export interface SiteCodeInfo {
  /** Well-formed codes shown on the page (lower-case bm), in order of appearance. */
  codes: string[];
  /** A labelled value that is not 10 digits / bm+8 digits, as shown (e.g. "网站标识码：36092200"). */
  malformed: string | null;
  /** <meta name="SiteIDCode">, when well-formed. */
  metaCode: string | null;
  /** sitecode attribute of the 我为政府网站找错 script, when well-formed. */
  jiucuoCode: string | null;
}

export interface Identity {
  /** False when the page shows no footer block and none of the items: a fragment, a frameset… */
  hasFooter: boolean;
  /** Human description of where the items were looked for (evidence "where"). */
  where: string;
  /** The footer block's root element (for marking), if any. */
  footerRoot: Element | null;
  badge: FoundItem;
  siteCode: SiteCodeInfo;
  icp: FoundItem;
  police: FoundItem;
  sponsor: FoundItem;
  contact: FoundItem;
  /** 我为政府网站找错 entry (script, image or link). */
  jiucuo: FoundItem;
  /** Same-origin iframes read; cross-origin ones could not be. */
  framesRead: number;
  framesBlocked: number;
}

export const SITE_CODE_FORMAT = /^(?:\d{10}|bm\d{8})$/i;

const PROVINCE = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const ICP_RE = new RegExp(
  `[${PROVINCE}]\\s*ICP\\s*[备证]\\s*[:：]?\\s*\\d{4,}\\s*号?(?:\\s*-\\s*\\d{1,3})?|ICP\\s*备案?\\s*(?:号|编号|序号)?\\s*[:：]\\s*\\d{6,}\\s*号?(?:-\\d{1,3})?`,
  'i',
);
const POLICE_RE = new RegExp(
  `[${PROVINCE}]?\\s*公\\s*网\\s*安\\s*备\\s*[:：]?\\s*\\d{8,16}\\s*号?|公安(?:机关)?备案(?:号|编号)?\\s*[:：]?\\s*\\d{10,16}\\s*号?`,
);
/** Label, then the value as far as it looks like a code (letters/digits, maybe spaced out). */
const SITE_CODE_RE = /(?:政府)?网站标识码|(?<![A-Za-z\u4e00-\u9fa5])标识码/g;
const SITE_CODE_VALUE = /^\s*[:：]?\s*([A-Za-z]{0,3}[\d\s]{0,16}\d|[A-Za-z]{1,3})?/;
const SPONSOR_RE = /主\s*办\s*(?:单\s*位|方|机\s*关)\s*[:：]?\s*[^\s:：|｜]{2,}|(?:网站)?主\s*办\s*[:：]\s*[^\s:：|｜]{2,}/;
const CONTACT_RE =
  /联系(?:电话|方式|我们|地址)|电\s*话\s*[:：]|Tel|E-?mail|邮\s*箱|信\s*箱|地\s*址\s*[:：]|邮\s*编|邮政编码|(?<!\d)\(?0\d{2,3}\)?[-—\s]?\d{7,8}(?!\d)|[\w.-]+@[\w-]+\.[\w.]+/i;

/** The identity block of a page (site code, ICP, 公网安备, sponsor…); sliced at every step. */
export const IDENTITY: Analysis<Identity> = { name: 'identity', steps: (page) => parseIdentity(page), sliceMs: 0 };

/** Parse the identity block of a page, once per page. */
export function identityOf(page: PageModel): Identity {
  return page.get(IDENTITY);
}

function* parseIdentity(page: PageModel): Steps<Identity> {
  const doc = page.doc;
  const frames = sameOriginFrames(doc);
  const docs = [doc, ...frames.docs];
  const footer = page.footer;

  // Whole-page text for the unmistakable patterns (ICP, 公网安备, 标识码).
  const frameTexts = frames.docs.map((d) => (d.body ? textOf(d.body) : ''));
  const allText = fold([page.text, ...frameTexts].join('\n'));
  yield;
  // Footer zone for the words that also occur in body text (主办, 电话…).
  const tail = page.text.slice(-4000);
  const zone = fold([footer.text, tail, ...frameTexts.map((t) => t.slice(-4000))].join('\n'));

  const icpMatch = ICP_RE.exec(allText);
  const policeMatch = POLICE_RE.exec(allText);
  const sponsorMatch = SPONSOR_RE.exec(zone);
  const contactMatch = CONTACT_RE.exec(zone);
  yield;

  const icp: FoundItem = icpMatch
    ? { text: icpMatch[0].trim(), how: '页面文字' }
    : linkTo(docs, /(^|\.)miit\.gov\.cn$/i, /ICP|备案/i, 'ICP备案链接');
  let police: FoundItem = policeMatch ? { text: policeMatch[0].trim(), how: '页面文字' } : { text: null, how: null };
  if (!police.text) police = linkTo(docs, /(^|\.)beian\.gov\.cn$/i, /公网安备|公安|备案/, '公安备案链接', /recordcode=\d+/i);

  let contact: FoundItem = contactMatch ? { text: contactMatch[0].trim(), how: '页面底部文字' } : { text: null, how: null };
  if (!contact.text) contact = mailtoOrContactLink(footer.root);

  yield;
  const siteCode = parseSiteCode(page, allText, footer.text);
  yield;
  const badge = findBadge(docs, footer.root);
  yield;
  const jiucuo = findJiucuo(docs);

  const anyItem = !!(icp.text || police.text || siteCode.codes.length || siteCode.malformed || badge.text || sponsorMatch);
  const where =
    `页面底部区块（${describeEl(footer.root)}）及全页文字` +
    (frames.docs.length ? `、${frames.docs.length}个同源iframe` : '') +
    (frames.blocked ? `（另有${frames.blocked}个跨域iframe无法读取）` : '');

  return {
    hasFooter: !!footer.root || anyItem,
    where,
    footerRoot: footer.root,
    badge,
    siteCode,
    icp,
    police,
    sponsor: sponsorMatch ? { text: sponsorMatch[0].trim(), how: '页面底部文字' } : { text: null, how: null },
    contact,
    jiucuo,
    framesRead: frames.docs.length,
    framesBlocked: frames.blocked,
  };
}

function fold(s: string): string {
  // Full-width letters/digits (ＩＣＰ, １２３) fold to ASCII so one pattern covers both.
  return s.replace(/[\uff01-\uff5e]/g, (c) => (/[\uff1a\uff08\uff09]/.test(c) ? c : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

function sameOriginFrames(doc: Document): { docs: Document[]; blocked: number } {
  const docs: Document[] = [];
  let blocked = 0;
  for (const frame of Array.from(doc.querySelectorAll('iframe, frame'))) {
    try {
      const inner = (frame as HTMLIFrameElement).contentDocument;
      if (inner && inner !== doc && inner.body && inner.body.childNodes.length) docs.push(inner);
      else if (!inner && /^https?:/i.test(frame.getAttribute('src') || '')) blocked++;
    } catch {
      blocked++;
    }
  }
  return { docs, blocked };
}

function parseSiteCode(page: PageModel, allText: string, footerText: string): SiteCodeInfo {
  const codes: string[] = [];
  let malformed: string | null = null;
  let malformedInFooter: string | null = null;
  SITE_CODE_RE.lastIndex = 0;
  for (let m = SITE_CODE_RE.exec(allText); m; m = SITE_CODE_RE.exec(allText)) {
    const after = allText.slice(m.index + m[0].length, m.index + m[0].length + 40);
    const v = SITE_CODE_VALUE.exec(after);
    const value = (v?.[1] || '').replace(/\s+/g, '');
    if (SITE_CODE_FORMAT.test(value)) {
      const code = value.toLowerCase();
      if (!codes.includes(code)) codes.push(code);
    } else if (!malformed) {
      const shown = (m[0] + (v?.[0] || '')).replace(/\s+/g, ' ').trim();
      malformed = shown;
      if (fold(footerText).includes(m[0])) malformedInFooter = shown;
    }
  }
  const metaRaw = (page.meta('SiteIDCode') || '').trim();
  const jiucuoRaw = (page.doc.querySelector('script#_jiucuo_, script[sitecode]')?.getAttribute('sitecode') || '').trim();
  return {
    codes,
    // A label without a code counts only when no valid code is shown anywhere and
    // the label sits in the footer (body text may discuss 网站标识码 in general).
    malformed: codes.length ? null : malformedInFooter,
    metaCode: SITE_CODE_FORMAT.test(metaRaw) ? metaRaw.toLowerCase() : null,
    jiucuoCode: SITE_CODE_FORMAT.test(jiucuoRaw) ? jiucuoRaw.toLowerCase() : null,
  };
}

const BADGE_SELECTOR = [
  '#_ideConac a',
  '#_ideConac img',
  '#imgConac',
  'a[href*="conac.cn" i]',
  'img[src*="conac.cn" i]',
  'script[src*="conac.cn" i]',
  'img[alt*="党政机关"]',
  'img[title*="党政机关"]',
  'img[alt*="事业单位"]',
  'img[src*="dzjg" i]',
].join(',');

/**
 * 党政机关网站标识 in every form it takes on real pages: the rendered badge, its
 * self-hosted copies, and the dcs.conac.cn loader whose document.write never ran
 * in a saved page.
 */
function findBadge(docs: Document[], footerRoot: Element | null): FoundItem {
  for (const [i, d] of docs.entries()) {
    const inFrame = i > 0 ? '（同源iframe内）' : '';
    const el = d.querySelector(BADGE_SELECTOR);
    if (el) return { text: describeBadge(el) + inFrame, how: el.tagName.toLowerCase() === 'script' ? '标识加载脚本' : '标识元素' };
    for (const s of Array.from(d.querySelectorAll('script:not([src])'))) {
      const t = s.textContent || '';
      if (t.includes('_ideConac') || /conac\.cn/i.test(t)) {
        return { text: `内联脚本写入标识（_ideConac / dcs.conac.cn）${inFrame}`, how: '标识加载脚本' };
      }
    }
  }
  // Self-hosted badge image without the conac link: red.png / blue.png in the footer.
  if (footerRoot) {
    for (const img of Array.from(footerRoot.querySelectorAll('img'))) {
      const src = img.getAttribute('src') || '';
      if (/(?:^|\/)(?:red|blue)\.(?:png|gif|jpg)$/i.test(src)) return { text: `页面底部标识图片 ${src}`, how: '标识图片' };
    }
  }
  return { text: null, how: null };
}

function describeBadge(el: Element): string {
  const href = el.getAttribute('href') || el.closest('a')?.getAttribute('href');
  const src = el.getAttribute('src');
  if (href && /conac/i.test(href)) return `标识链接 ${href}`;
  if (src) return `${el.tagName.toLowerCase()} ${src}`;
  return `#${el.id || el.tagName.toLowerCase()}`;
}

function findJiucuo(docs: Document[]): FoundItem {
  for (const d of docs) {
    const el = d.querySelector('#_jiucuo_, #_span_jiucuo, script[src*="jiucuo" i], img[src*="jiucuo" i], a[href*="jiucuo" i]');
    if (el) return { text: el.getAttribute('src') || el.getAttribute('href') || `#${el.id}`, how: '找错入口元素' };
    for (const a of Array.from(d.querySelectorAll('a, img'))) {
      const t = (a.textContent || '') + (a.getAttribute('alt') || '') + (a.getAttribute('title') || '');
      if (/我为政府网站找错|政府网站找错|网站纠错|我要纠错|网站找错/.test(t)) return { text: t.trim().slice(0, 40), how: '找错入口链接' };
    }
    for (const s of Array.from(d.querySelectorAll('script:not([src])'))) {
      if (/_jiucuo_|jiucuo\.js/i.test(s.textContent || '')) return { text: '内联脚本写入找错入口', how: '找错加载脚本' };
    }
  }
  return { text: null, how: null };
}

function linkTo(docs: Document[], host: RegExp, text: RegExp, how: string, hrefExtra?: RegExp): FoundItem {
  for (const d of docs) {
    for (const a of Array.from(d.querySelectorAll('a[href]'))) {
      const href = a.getAttribute('href') || '';
      let h = '';
      try {
        h = new URL(href, 'http://x.invalid/').hostname;
      } catch {
        continue;
      }
      if (!host.test(h)) continue;
      const shown = (a.textContent || '').trim() + (a.querySelector('img')?.getAttribute('alt') || '');
      // A bare link to the filing system is not a filing number; it must say so or carry one.
      if (text.test(shown) || (hrefExtra && hrefExtra.test(href))) return { text: shown || href, how };
    }
  }
  return { text: null, how: null };
}

function mailtoOrContactLink(root: Element | null): FoundItem {
  if (!root) return { text: null, how: null };
  const a = root.querySelector('a[href^="mailto:" i]');
  if (a) return { text: a.getAttribute('href'), how: '邮箱链接' };
  return { text: null, how: null };
}

export function describeEl(el: Element | null): string {
  if (!el) return '未识别到底部区块';
  const id = el.id ? `#${el.id}` : '';
  const cls = (el.getAttribute('class') || '').trim().split(/\s+/).filter(Boolean).slice(0, 2).map((c) => `.${c}`).join('');
  return `${el.tagName.toLowerCase()}${id}${cls}`;
}

/** Smallest element under root whose text contains needle (whitespace folded). */
export function elementContaining(root: Element | null, needle: string): Element | null {
  if (!root || !needle) return null;
  const want = needle.replace(/\s+/g, '');
  if (!(root.textContent || '').replace(/\s+/g, '').includes(want)) return null;
  let best: Element = root;
  for (;;) {
    let next: Element | null = null;
    for (const child of Array.from(best.children)) {
      if ((child.textContent || '').replace(/\s+/g, '').includes(want)) {
        next = child;
        break;
      }
    }
    if (!next) return best;
    best = next;
  }
}
