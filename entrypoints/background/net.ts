import { browser } from 'wxt/browser';

/**
 * Requests the monitor and the link checker make: no cookies, no referrer, no cache, a hard
 * time-out, and the browser's own error name (net::ERR_…) recovered from webRequest when the
 * optional permission is in effect, since fetch() only ever says "Failed to fetch".
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
  /** Failed without any network-layer error: never left the browser, if `diagnosed` (see classifyProbe). */
  notSent: boolean;
  /** webRequest is in effect and has shown our requests: a missing error means something. */
  diagnosed: boolean;
  body: string | null;
}

/** First URL of each of our requests (redirects keep the request id), and the errors seen. */
const firstUrl = new Map<string, string>();
const netErrors = new Map<string, string>();
const MAX_TRACKED = 2000;

/**
 * 网络错误诊断: the optional `webRequest` permission. Holding it makes Chrome route every page load
 * of the browser through webRequest (about 7 % later `load` on the corpus pages, 10 % more with
 * listeners), so it is not in the manifest's required permissions. Chrome takes that decision when
 * the extension is loaded: a grant made now takes effect after the browser restarts. Until then
 * our listeners hear nothing, and a failed fetch without an error proves nothing.
 *
 * Kept in storage.session, which lives exactly as long as that decision (cleared when the browser
 * restarts or the extension is reloaded) and outlives the worker's sleep: `seen`, webRequest has
 * shown one of our requests; `grantedLate`, the permission was granted after the extension loaded.
 */
const SESSION_KEY = 'netDiagnostics';
interface DiagState {
  seen?: boolean;
  grantedLate?: boolean;
}
let state: DiagState = {};
let listening = false;
let ready: Promise<void> = Promise.resolve();

function remember(patch: DiagState) {
  state = { ...state, ...patch };
  void browser.storage.session.set({ [SESSION_KEY]: state }).catch(() => undefined);
}

const heldNow = () => browser.permissions.contains({ permissions: ['webRequest'] }).catch(() => false);

/** Called once when the worker starts: listen if the permission is held, and follow grants and removals. */
export function initNetDiagnostics() {
  browser.permissions.onAdded.addListener((p) => {
    if (!p.permissions?.includes('webRequest')) return;
    remember({ grantedLate: true });
    listen();
  });
  browser.permissions.onRemoved.addListener((p) => {
    if (p.permissions?.includes('webRequest')) stopListening();
  });
  ready = (async () => {
    const saved = ((await browser.storage.session.get(SESSION_KEY).catch(() => undefined)) ?? {})[SESSION_KEY] as DiagState | undefined;
    state = { ...saved, ...state };
    if (await heldNow()) listen();
  })();
}

/** `held`: the permission is granted; `active`: Chrome shows us our requests (or will, as it was held at load). */
export async function netDiagnostics(): Promise<{ held: boolean; active: boolean }> {
  await ready;
  const held = await heldNow();
  return { held, active: held && listening && (!!state.seen || !state.grantedLate) };
}

const ours = (d: { initiator?: string; tabId: number }) => d.tabId === -1 && d.initiator === browser.runtime.getURL('/').replace(/\/$/, '');
// Requests outside any tab only: the inspector's browsing must not wake the worker per request.
const FILTER = { urls: ['<all_urls>'], tabId: -1 };

/** The fields of webRequest's details we read. */
interface Seen {
  requestId: string;
  url: string;
  initiator?: string;
  tabId: number;
}

function onBefore(d: Seen) {
  if (!ours(d)) return undefined;
  if (!state.seen) remember({ seen: true });
  if (!firstUrl.has(d.requestId)) {
    if (firstUrl.size > MAX_TRACKED) firstUrl.clear();
    firstUrl.set(d.requestId, d.url);
  }
  return undefined;
}
function onError(d: Seen & { error: string }) {
  if (!ours(d)) return;
  if (netErrors.size > MAX_TRACKED) netErrors.clear();
  netErrors.set(firstUrl.get(d.requestId) ?? d.url, d.error);
  firstUrl.delete(d.requestId);
}
function onDone(d: Seen) {
  firstUrl.delete(d.requestId);
}

function listen() {
  const wr = browser.webRequest;
  if (listening || !wr?.onErrorOccurred) return;
  wr.onBeforeRequest.addListener(onBefore, FILTER);
  wr.onErrorOccurred.addListener(onError, FILTER);
  wr.onCompleted.addListener(onDone, FILTER);
  listening = true;
}

function stopListening() {
  const wr = browser.webRequest;
  listening = false;
  if (!wr?.onErrorOccurred) return;
  wr.onBeforeRequest.removeListener(onBefore);
  wr.onErrorOccurred.removeListener(onError);
  wr.onCompleted.removeListener(onDone);
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
  const out: Fetched = { status: null, finalUrl: null, contentType: '', ms: 0, timedOut: false, cancelled: false, netError: null, notSent: false, diagnosed: false, body: null };
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
      await ready;
      // Without listeners there is no error to wait for.
      if (listening) out.netError = await netErrorFor(url);
      out.notSent = out.netError === null;
      out.diagnosed = listening && !!state.seen;
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
