/**
 * 微信公众号 article pages (mp.weixin.qq.com/s…): the account name and the publish date, so the
 * 政务新媒体 sheet's "2周内无更新" check can be prefilled from the article the inspector opened.
 *
 * Pure: reads a Document (live DOM in the content script, or parsed HTML in tests). Two sources,
 * because WeChat fills the visible header by script after load:
 *  - the live DOM: `#js_name` (account), `#publish_time` (date text once the page's JS has run);
 *  - the inline script variables the server writes: `var nickname = htmlDecode("…")`,
 *    `var ct = "1741773600"` (publish instant, seconds), `var publish_time = "2025-03-12"`.
 * `og:site_name` is always "微信公众平台" and `meta[name=author]` is the article's author, not the
 * account, so neither is used for the account name.
 */
import { chinaDate } from '../rounds';
import { ymd } from '../dates/parse';

export interface WeixinArticle {
  /** 账号名称 as shown under the title. */
  accountName: string | null;
  /** Publish date in China time, 'YYYY-MM-DD'. */
  publishDate: string | null;
  /** Article title. */
  title: string | null;
  /** Where the date came from, for the inspector's confidence. */
  dateSource: 'script' | 'page' | null;
}

const WEIXIN_HOST = /^mp\.weixin\.qq\.com$/i;

/** An article (not the account's profile or a search page). */
export function isWeixinArticleUrl(raw: string): boolean {
  try {
    const u = new URL(raw);
    return WEIXIN_HOST.test(u.hostname) && (u.pathname === '/s' || u.pathname.startsWith('/s/') || u.pathname.startsWith('/s?'));
  } catch {
    return false;
  }
}

function clean(s: string | null | undefined): string | null {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t ? t : null;
}

/** WeChat's htmlDecode() for the few entities its templates emit. */
function htmlDecode(s: string): string {
  return s
    .replace(/\\x([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

function inlineScripts(doc: Document): string {
  let out = '';
  for (const s of Array.from(doc.querySelectorAll('script:not([src])'))) {
    const t = s.textContent ?? '';
    // Only the page's config scripts carry these variables; skip big library bundles.
    if (/\b(?:ct|nickname|publish_time|create_time)\s*=/.test(t)) out += t + '\n';
  }
  return out;
}

const VALID_MIN = Date.UTC(2012, 0, 1) / 1000; // 公众平台 opened in 2012

function fromEpoch(raw: string | undefined): string | null {
  if (!raw) return null;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < VALID_MIN || n > 4102444800) return null;
  return chinaDate(n * 1000);
}

/** '2025-03-12 18:00', '2025年3月12日 18:00', '2025/3/12' → '2025-03-12'; relative words are not dates. */
export function parseWeixinDateText(text: string): string | null {
  const m = /(20\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(text);
  if (!m) return null;
  return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function parseWeixinArticle(doc: Document): WeixinArticle {
  const scripts = inlineScripts(doc);

  const nameEl = doc.querySelector('#js_name') ?? doc.querySelector('.profile_nickname, #js_profile_qrcode .profile_nickname');
  let accountName = clean(nameEl?.textContent);
  if (!accountName) {
    const m = /var\s+nickname\s*=\s*(?:htmlDecode\()?\s*["']([^"']+)["']/.exec(scripts);
    if (m) accountName = clean(htmlDecode(m[1]!));
  }

  let publishDate: string | null = null;
  let dateSource: WeixinArticle['dateSource'] = null;
  // The server-written instant is exact; the visible text may be relative ("昨天") or absent.
  const ct = /\bvar\s+ct\s*=\s*["']?(\d{9,11})["']?/.exec(scripts) ?? /\bcreate_time\s*=\s*["'](\d{9,11})["']/.exec(scripts);
  publishDate = fromEpoch(ct?.[1]);
  if (!publishDate) {
    const p = /\bvar\s+publish_time\s*=\s*["']([^"']+)["']/.exec(scripts);
    if (p) publishDate = parseWeixinDateText(p[1]!);
  }
  if (publishDate) dateSource = 'script';
  else {
    publishDate = parseWeixinDateText(doc.querySelector('#publish_time')?.textContent ?? '');
    if (publishDate) dateSource = 'page';
  }

  const titleEl = doc.querySelector('#activity-name') ?? doc.querySelector('.rich_media_title');
  const title =
    clean(titleEl?.textContent) ?? clean(doc.querySelector('meta[property="og:title"]')?.getAttribute('content')) ?? null;

  return { accountName, publishDate, title, dateSource };
}
