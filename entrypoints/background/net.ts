import { browser } from 'wxt/browser';

/**
 * Requests the monitor and the link checker make: no cookies, no referrer, no cache, a hard
 * time-out, and the browser's own error name (net::ERR_…) recovered from webRequest, since
 * fetch() only ever says "Failed to fetch".
 */
export interface Fetched {
  status: number | null;
  finalUrl: string | null;
  contentType: string;
  ms: number;
  timedOut: boolean;
  /** Stopped by the caller (stop button), not a verdict on the link. */
  cancelled: boolean;
  netError: string | null;
  /** Failed without any network-layer error: never left the browser (see classifyProbe). */
  notSent: boolean;
  body: string | null;
}

/** First URL of each of our requests (redirects keep the request id), and the errors seen. */
const firstUrl = new Map<string, string>();
const netErrors = new Map<string, string>();
const MAX_TRACKED = 2000;

/** Watch our own requests' network errors; called once when the worker starts. */
export function observeNetErrors() {
  const wr = browser.webRequest;
  if (!wr?.onErrorOccurred) return;
  const self = browser.runtime.getURL('/').replace(/\/$/, '');
  const ours = (d: { initiator?: string; tabId: number }) => d.tabId === -1 && d.initiator === self;
  // Requests outside any tab only: the inspector's browsing must not wake the worker per request.
  const filter = { urls: ['<all_urls>'], tabId: -1 };
  wr.onBeforeRequest.addListener(
    (d) => {
      if (ours(d) && !firstUrl.has(d.requestId)) {
        if (firstUrl.size > MAX_TRACKED) firstUrl.clear();
        firstUrl.set(d.requestId, d.url);
      }
      return undefined;
    },
    filter,
  );
  wr.onErrorOccurred.addListener(
    (d) => {
      if (!ours(d)) return;
      if (netErrors.size > MAX_TRACKED) netErrors.clear();
      netErrors.set(firstUrl.get(d.requestId) ?? d.url, d.error);
      firstUrl.delete(d.requestId);
    },
    filter,
  );
  wr.onCompleted.addListener((d) => void firstUrl.delete(d.requestId), filter);
}

/**
 * The error event may land after fetch rejects (a busy worker receives it late): wait for it up
 * to 2 s, since without it a real failure would be taken for a request never sent.
 */
async function netErrorFor(url: string): Promise<string | null> {
  for (let i = 0; i < 40; i++) {
    const e = netErrors.get(url);
    if (e) {
      netErrors.delete(url);
      return e;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}

const BODY_LIMIT = 64 * 1024;

export async function request(url: string, opts: { method: 'GET' | 'HEAD'; timeoutMs: number; readBody?: boolean; bodyLimit?: number; signal?: AbortSignal }): Promise<Fetched> {
  const ctrl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctrl.abort();
  }, opts.timeoutMs);
  const cancel = () => ctrl.abort();
  opts.signal?.addEventListener('abort', cancel, { once: true });
  netErrors.delete(url);
  const t0 = Date.now();
  const out: Fetched = { status: null, finalUrl: null, contentType: '', ms: 0, timedOut: false, cancelled: false, netError: null, notSent: false, body: null };
  try {
    const res = await fetch(url, { method: opts.method, credentials: 'omit', cache: 'no-store', redirect: 'follow', referrerPolicy: 'no-referrer', signal: ctrl.signal });
    out.ms = Date.now() - t0;
    out.status = res.status;
    out.finalUrl = res.url || url;
    out.contentType = res.headers.get('content-type') ?? '';
    if (opts.readBody && /html|xml|text\/plain/i.test(out.contentType)) out.body = await readText(res, opts.bodyLimit ?? BODY_LIMIT);
    else await res.body?.cancel().catch(() => undefined);
  } catch {
    out.ms = Date.now() - t0;
    out.timedOut = timedOut;
    out.cancelled = !timedOut && !!opts.signal?.aborted;
    if (!out.timedOut && !out.cancelled && out.status === null) {
      out.netError = await netErrorFor(url);
      out.notSent = out.netError === null;
    }
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', cancel);
  }
  return out;
}

/**
 * The first 64 KB of the answer: enough for a title and an error message, never a whole portal
 * (a roster home page, whose links are read, is allowed more: LINK_LIMITS.homePageBytes).
 */
async function readText(res: Response, limit: number): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < limit) {
    const { done, value } = await reader.read();
    if (done || !value) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => undefined);
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  const charset = /charset=([\w-]+)/i.exec(res.headers.get('content-type') ?? '')?.[1] ?? sniffCharset(all);
  try {
    return new TextDecoder(charset).decode(all);
  } catch {
    return new TextDecoder().decode(all);
  }
}

/** <meta charset="gbk">: many gov pages declare GBK only in the page. */
function sniffCharset(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  return /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ?? 'utf-8';
}

/** Host access the extension holds for a URL (gov.cn by manifest, others by the optional grant). */
export async function canReach(url: string): Promise<boolean> {
  try {
    const u = new URL(url);
    return await browser.permissions.contains({ origins: [`${u.protocol}//${u.hostname}/*`] });
  } catch {
    return false;
  }
}
