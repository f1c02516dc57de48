import type { ProbeKind } from '../availability/plan';

/**
 * What one request said about a site or a link, from what the browser lets an extension see:
 * the HTTP status of the final response, or the network error Chromium reports (net::ERR_…,
 * read from webRequest.onErrorOccurred because fetch() itself only says "Failed to fetch"),
 * or our own time-out. Pure, so the wording and the thresholds are tested without a network.
 */
export interface RequestOutcome {
  /** Status of the final response after redirects; null when none arrived. */
  status: number | null;
  /** Chromium's error for the request, e.g. 'net::ERR_NAME_NOT_RESOLVED'. */
  netError?: string | null;
  /** Aborted by our time-out. */
  timedOut?: boolean;
  /**
   * fetch() failed and the network layer reported no error for it. With `diagnosed`, the request
   * never left the browser (Chromium throttles an extension's requests to a URL after repeated
   * 500/503 answers), which says nothing about the site.
   */
  notSent?: boolean;
  /**
   * Network errors of our requests are visible (webRequest is in effect and has shown our
   * requests in this browser session). Without it a failed fetch could be anything: DNS, refused,
   * reset, or a request the browser held back; none can be told apart.
   */
  diagnosed?: boolean;
}

/** Why an undiagnosed failure has no finer kind: webRequest (网络错误诊断) is not in effect. */
export const UNDIAGNOSED_REASON = '网络错误（未开启网络错误诊断，无法区分域名解析失败、连接被拒绝等原因）';

export type NetKind = Exclude<ProbeKind, 'ok' | 'missed'>;

/** Browser network errors by kind; anything else is 'network'. */
export function kindOfNetError(netError: string): NetKind {
  const e = netError.toUpperCase();
  if (/NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|DNS_/.test(e)) return 'dns';
  if (/CERT_|SSL_|_TLS_|TLS13|BAD_SSL/.test(e)) return 'tls';
  if (/TIMED_OUT|TIMEOUT/.test(e)) return 'timeout';
  if (/CONNECTION_REFUSED|ADDRESS_UNREACHABLE/.test(e)) return 'refused';
  if (/CONNECTION_RESET|CONNECTION_CLOSED|EMPTY_RESPONSE|CONNECTION_ABORTED|INVALID_HTTP_RESPONSE/.test(e)) return 'reset';
  return 'network';
}

export const KIND_LABEL: Record<ProbeKind | 'redirect-loop' | 'soft-404' | 'unchecked', string> = {
  ok: '正常',
  dns: '域名解析失败',
  tls: '证书或加密连接错误',
  timeout: '超时无响应',
  refused: '连接被拒绝',
  reset: '连接被重置',
  http: 'HTTP 错误',
  network: '网络错误',
  missed: '未执行（浏览器未运行）',
  'redirect-loop': '重定向循环',
  'soft-404': '跳转或显示错误页面',
  unchecked: '未检查',
};

/** A home-page probe: the site answered (status < 400) or not, and why; or it was never sent. */
export function classifyProbe(o: RequestOutcome): { ok: boolean; kind: ProbeKind; reason: string } {
  if (o.timedOut) return { ok: false, kind: 'timeout', reason: KIND_LABEL.timeout };
  if (o.notSent && o.diagnosed && o.status === null && !o.netError) return { ok: false, kind: 'missed', reason: '浏览器未发出请求（请求被浏览器节流）' };
  if (o.status !== null && o.status > 0) {
    if (o.status < 400) return { ok: true, kind: 'ok', reason: `HTTP ${o.status}` };
    return { ok: false, kind: 'http', reason: `HTTP ${o.status}` };
  }
  if (!o.netError) return { ok: false, kind: 'network', reason: o.diagnosed ? KIND_LABEL.network : UNDIAGNOSED_REASON };
  const kind = kindOfNetError(o.netError);
  return { ok: false, kind, reason: `${KIND_LABEL[kind]}（${o.netError}）` };
}

export type LinkKind = NetKind | 'ok' | 'redirect-loop' | 'soft-404' | 'unchecked';

export interface LinkOutcome extends RequestOutcome {
  url: string;
  /** Address of the final response after redirects. */
  finalUrl?: string | null;
  /** <title> and the start of the visible text of an HTML answer (for soft-404s). */
  title?: string;
  text?: string;
}

export interface LinkVerdict {
  broken: boolean;
  kind: LinkKind;
  /** Chinese reason for the list and the finding's evidence. */
  reason: string;
}

/** A link that no longer opens: error status, no connection, a redirect loop, or an error page served as 200. */
export function classifyLink(o: LinkOutcome): LinkVerdict {
  if (o.netError && /TOO_MANY_REDIRECTS|REDIRECT_CYCLE/i.test(o.netError)) {
    return { broken: true, kind: 'redirect-loop', reason: `${KIND_LABEL['redirect-loop']}（${o.netError}）` };
  }
  const p = classifyProbe(o);
  if (p.kind === 'missed') return { broken: false, kind: 'unchecked', reason: `未检查：${p.reason}` };
  if (!p.ok) return { broken: true, kind: p.kind === 'ok' ? 'network' : p.kind, reason: p.reason };
  const soft = softErrorReason(o);
  if (soft) return { broken: true, kind: 'soft-404', reason: soft };
  return { broken: false, kind: 'ok', reason: p.reason };
}

/** Error-page wording in titles and short pages, Chinese and English, as gov CMSs and servers write it. */
const ERROR_WORDS =
  /not\s*found|page\s+(not|cannot)|页面(不存在|未找到|找不到|已删除|已过期|无法访问|出错)|(文件|信息|内容|文章|栏目)(不存在|已删除|已撤销|已过期)|找不到(该|您|页面|网页)|无法找到|访问的(页面|网页|地址)(不存在|已删除)|出错了|系统(错误|繁忙)|服务器(错误|繁忙)/i;
/** A status code leading a title or page: "404", "404 - 找不到文件", "HTTP 500 错误". */
const ERROR_CODE = /^(http\s*)?(error\s*)?(400|403|404|410|500|502|503)([^0-9号年]|$)/i;
/** A real error title is short; a notice about error pages is a sentence. */
const TITLE_SEGMENT_MAX = 16;
/** An address a redirect lands on when the target is gone. */
const ERROR_PATH = /(^|[/_.-])(404|error|errors|notfound|not[-_]found|pagenotfound|err)([/_.-]|$)/i;

/**
 * A soft 404: the server answers 200 but the page says it is missing (title or the start of the
 * text), or a redirect dropped the visitor on an error page or on the bare home page. A long
 * article that merely mentions "404" is not one: the body test reads only short pages.
 */
export function softErrorReason(o: Pick<LinkOutcome, 'url' | 'finalUrl' | 'title' | 'text'>): string | null {
  const title = (o.title ?? '').trim();
  // The title's own part, without the "_甲县人民政府" site suffix.
  const head = title.split(/\s*[_|–—]\s*|\s+-\s+/)[0] ?? '';
  if (head && (ERROR_CODE.test(head) || (head.length <= TITLE_SEGMENT_MAX && ERROR_WORDS.test(head)))) return `页面标题为“${title.slice(0, 40)}”，实为错误页面`;
  const text = (o.text ?? '').replace(/\s+/g, ' ').trim();
  if (text && text.length <= 600 && (ERROR_CODE.test(text) || ERROR_WORDS.test(text))) return `页面内容为错误提示：“${text.slice(0, 40)}”`;
  if (o.finalUrl && o.finalUrl !== o.url) {
    let from: URL;
    let to: URL;
    try {
      from = new URL(o.url);
      to = new URL(o.finalUrl);
    } catch {
      return null;
    }
    if (ERROR_PATH.test(to.pathname) && !ERROR_PATH.test(from.pathname)) return `跳转到错误页面 ${to.href}`;
    // A deep link sent to the bare home page of its own site: the target was removed.
    if (to.host === from.host && /^\/(index\.\w+)?$/.test(to.pathname) && from.pathname.length > 1 && !/^\/(index\.\w+)?$/.test(from.pathname)) {
      return `被重定向到首页 ${to.href}（原页面已不存在）`;
    }
  }
  return null;
}

/**
 * Title and the start of the visible text of an HTML answer, without a DOM (the service worker
 * has no DOMParser): enough to recognise an error page, never rendered anywhere.
 */
export function htmlGist(html: string): { title: string; text: string } {
  const title = decodeEntities(/<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '').replace(/\s+/g, ' ').trim();
  const body = /<body[^>]*>([\s\S]*)/i.exec(html)?.[1] ?? html;
  const text = decodeEntities(
    body
      .replace(/<(script|style|noscript|template|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<[^>]+>/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
  return { title, text: text.slice(0, 2000) };
}

function decodeEntities(s: string): string {
  return s.replace(/&(nbsp|amp|lt|gt|quot|#39|#x27);/gi, (m) => ({ '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" })[m.toLowerCase()] ?? m);
}
