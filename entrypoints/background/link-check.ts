import { browser } from 'wxt/browser';
import type { InspectorDB } from '../../utils/db/db';
import { saveCheckFindings } from '../../utils/db/checks';
import { runQueue } from '../../utils/net/queue';
import { classifyLink, htmlGist, type LinkVerdict } from '../../utils/net/classify';
import { rule as brokenLink } from '../../utils/scan/rules/broken-link';
import type { CheckRule } from '../../utils/scan/check-rule';
import type { PageLink } from '../../utils/links/collect';
import type { LinkRun } from '../../utils/check-messages';
import { targetsOf } from '../../utils/availability/plan';
import { canReach, request } from './net';

/**
 * 检查链接: the links of one tab's page (or the roster's home pages) checked from the worker,
 * politely (LIMITS), without cookies, and only those addresses. Broken links of a page become
 * broken-link findings, which the page's overlay marks like any other.
 * The run lives in memory: it is short, and what it found is saved when it ends or is stopped.
 */
export const LIMITS = { concurrency: 4, perHostGapMs: 500, timeoutMs: 15_000, runMs: 10 * 60_000 } as const;

type Key = number | 'roster';
const runs = new Map<Key, { run: LinkRun; ctrl: AbortController }>();

export function createLinkChecker(db: InspectorDB) {
  async function checkTab(tabId: number): Promise<LinkRun> {
    stop(tabId);
    let collected: { url: string; title: string; links: PageLink[]; total: number };
    try {
      const [res] = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['/link-collector.js'] });
      collected = res?.result as typeof collected;
      if (!collected?.links) throw new Error('no result');
    } catch (e) {
      throw new Error(`无法读取本页链接：${/permission|access|Cannot access/i.test(String(e)) ? '没有访问该页面的权限（请在该页面点击扩展图标后再试）' : String((e as Error)?.message ?? e)}`);
    }
    return begin(tabId, collected.url, collected.title, collected.links, collected.total, true);
  }

  /** The roster's home pages, as links: a quick look before or beside a monitoring window. */
  async function checkRoster(): Promise<LinkRun> {
    stop('roster');
    const targets = targetsOf(await db.sites.toArray());
    if (!targets.length) throw new Error('名单中没有网站，请先在“网站名单”中导入');
    const links: PageLink[] = targets.map((t) => ({ url: t.url, text: t.name, quote: null, sameSite: true }));
    return begin('roster', '', '网站名单首页', links, links.length, false);
  }

  function begin(key: Key, pageUrl: string, pageTitle: string, links: PageLink[], total: number, save: boolean): LinkRun {
    const ctrl = new AbortController();
    const run: LinkRun = { key, pageUrl, pageTitle, state: 'running', total, planned: links.length, checked: 0, results: [], unchecked: 0, startedAt: Date.now(), endedAt: null, error: '' };
    runs.set(key, { run, ctrl });
    const deadline = setTimeout(() => ctrl.abort(), LIMITS.runMs);
    const hostOf = (l: PageLink) => new URL(l.url).hostname;
    void runQueue(links, (l) => checkLink(l, ctrl.signal), {
      concurrency: LIMITS.concurrency,
      perHostGapMs: LIMITS.perHostGapMs,
      hostOf,
      signal: ctrl.signal,
      onSettled: () => void run.checked++,
    })
      .then(async (results) => {
        results.forEach((r, i) => {
          if (r.status !== 'done' || !r.value) return;
          if (r.value.kind === 'unchecked') run.unchecked++;
          run.results.push({ link: links[i]!, verdict: r.value });
        });
        run.state = ctrl.signal.aborted ? 'stopped' : 'done';
        // Open tabs of the page re-read their marks once the findings are committed (background.ts).
        if (save && pageUrl) await saveCheckFindings(db, brokenLink as CheckRule<never>, { url: pageUrl, title: pageTitle }, brokenLink.check(run.results), Date.now(), run.state === 'done');
      })
      .catch((e: unknown) => {
        run.state = 'failed';
        run.error = String((e as Error)?.message ?? e);
      })
      .finally(() => {
        clearTimeout(deadline);
        run.endedAt = Date.now();
      });
    return run;
  }

  function stop(key: Key) {
    runs.get(key)?.ctrl.abort();
  }

  function status(key: Key): LinkRun | null {
    return runs.get(key)?.run ?? null;
  }

  return { checkTab, checkRoster, stop, status };
}

/**
 * HEAD first (cheap for documents and images); GET when HEAD is refused, fails oddly, or the
 * answer is HTML (a soft 404 is only visible in the page). A connection that cannot be made
 * (DNS, TLS, refused, loop, time-out) is not tried twice. Null when stopped.
 */
async function checkLink(link: PageLink, signal: AbortSignal): Promise<LinkVerdict | null> {
  if (!(await canReach(link.url))) return { broken: false, kind: 'unchecked', reason: '未检查：没有访问该网站的权限（站外网站需在弹窗中授权）' };
  const head = await request(link.url, { method: 'HEAD', timeoutMs: LIMITS.timeoutMs, signal });
  if (head.cancelled) return null;
  const headVerdict = classifyLink({ url: link.url, ...head });
  if (head.status !== null && head.status < 400 && !/html/i.test(head.contentType) && head.contentType) return headVerdict;
  if (head.status === null && ['dns', 'tls', 'refused', 'redirect-loop', 'timeout'].includes(headVerdict.kind)) return headVerdict;
  const get = await request(link.url, { method: 'GET', timeoutMs: LIMITS.timeoutMs, signal, readBody: true });
  if (get.cancelled) return null;
  return classifyLink({ url: link.url, ...get, ...(get.body ? htmlGist(get.body) : {}) });
}
