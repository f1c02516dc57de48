import { browser } from 'wxt/browser';
import type { InspectorDB } from '../../utils/db/db';
import { saveCheckFindings } from '../../utils/db/checks';
import { runQueue } from '../../utils/net/queue';
import { classifyLink, htmlGist, type LinkVerdict } from '../../utils/net/classify';
import { rule as brokenLink } from '../../utils/scan/rules/broken-link';
import type { CheckRule } from '../../utils/scan/check-rule';
import type { PageLink } from '../../utils/links/collect';
import type { LinkPage, LinkRun } from '../../utils/check-messages';
import { targetsOf } from '../../utils/availability/plan';
import { canReach, request } from './net';
import { parseLinks } from '../offscreen/bridge';
import { LINK_LIMITS as LIMITS } from '../../utils/links/limits';

/**
 * 检查链接: the links of one tab's page, or of every roster home page, checked from the worker,
 * politely (LINK_LIMITS, one per-host clock for the whole run), without cookies, and only those
 * addresses. Broken links of a page become broken-link findings on that page, which its overlay
 * marks like any other. A run lives in memory: it is short, and what it found is saved when it
 * ends or is stopped.
 */

type Key = number | 'roster';
interface Job {
  run: LinkRun;
  ctrl: AbortController;
  lastStart: Map<string, number>;
}
interface Item {
  link: PageLink;
  pageUrl: string;
}
const runs = new Map<Key, Job>();
const hostOf = (url: string) => new URL(url).hostname;

export function createLinkChecker(db: InspectorDB) {
  async function checkTab(tabId: number): Promise<LinkRun> {
    let collected: { url: string; title: string; links: PageLink[]; total: number };
    try {
      const [res] = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['/link-collector.js'] });
      collected = res?.result as typeof collected;
      if (!collected?.links) throw new Error('no result');
    } catch (e) {
      throw new Error(`无法读取本页链接：${/permission|access|Cannot access/i.test(String(e)) ? '没有访问该页面的权限（请在该页面点击扩展图标后再试）' : String((e as Error)?.message ?? e)}`);
    }
    const page: LinkPage = { url: collected.url, title: collected.title, state: 'read', reason: '', total: collected.total };
    const job = open(tabId, collected.url, collected.title, [page]);
    drive(job, true, () => checkLinks(job, collected.links.map((link) => ({ link, pageUrl: page.url }))));
    return job.run;
  }

  /**
   * Every roster home page read once (no cookies, bounded size), then the links on them checked
   * like a page's: the home page's broken links become findings on that home page.
   */
  async function checkRoster(): Promise<LinkRun> {
    const targets = targetsOf(await db.sites.toArray());
    if (!targets.length) throw new Error('名单中没有网站，请先在“网站名单”中导入');
    const pages: LinkPage[] = targets.map((t) => ({ url: t.url, title: t.name, state: 'pending', reason: '', total: 0 }));
    const job = open('roster', '', '网站名单首页', pages);
    job.run.planned = pages.length;
    drive(job, true, async () => {
      const { signal } = job.ctrl;
      const items: Item[] = [];
      const read = async (p: LinkPage) => {
        for (const link of await readHomePage(p, signal)) items.push({ link, pageUrl: p.url });
      };
      await runQueue(pages, read, { ...politeness(job), hostOf: (p) => hostOf(p.url), onSettled: () => void job.run.checked++ });
      if (!signal.aborted) await checkLinks(job, items);
    });
    return job.run;
  }

  /** Links a finished run left 未检查 (no host access then), checked now; the other results kept. */
  async function recheck(key: Key): Promise<LinkRun> {
    const prev = runs.get(key)?.run;
    if (!prev || prev.state === 'running') throw new Error('没有可补查的检查结果');
    const skipped = prev.results.filter((r) => r.verdict.kind === 'unchecked');
    const kept = prev.results.filter((r) => r.verdict.kind !== 'unchecked');
    const job = open(key, prev.pageUrl, prev.pageTitle, prev.pages);
    Object.assign(job.run, { total: prev.total, planned: prev.planned, checked: prev.planned - skipped.length, results: kept });
    // Retire old findings only when every link of the pages has now been checked.
    drive(job, prev.state === 'done', () => checkLinks(job, skipped, false));
    return job.run;
  }

  function open(key: Key, pageUrl: string, pageTitle: string, pages: LinkPage[]): Job {
    stop(key);
    const run: LinkRun = { key, pageUrl, pageTitle, state: 'running', total: 0, planned: 0, checked: 0, results: [], pages, unchecked: 0, startedAt: Date.now(), endedAt: null, error: '' };
    const job: Job = { run, ctrl: new AbortController(), lastStart: new Map() };
    runs.set(key, job);
    return job;
  }

  /** Run the job's work under the time bound; save each read page's findings when it ends or stops. */
  function drive(job: Job, retireWhenDone: boolean, work: () => Promise<void>) {
    const { run, ctrl } = job;
    const deadline = setTimeout(() => ctrl.abort(), LIMITS.runMs);
    void work()
      .then(async () => {
        run.state = ctrl.signal.aborted ? 'stopped' : 'done';
        const retire = retireWhenDone && run.state === 'done';
        // Open tabs of the page re-read their marks once the findings are committed (background.ts).
        for (const p of run.pages) {
          if (p.state !== 'read') continue;
          const results = run.results.filter((r) => r.pageUrl === p.url);
          await saveCheckFindings(db, brokenLink as CheckRule<never>, { url: p.url, title: p.title }, brokenLink.check(results), Date.now(), retire);
        }
      })
      .catch((e: unknown) => {
        run.state = 'failed';
        run.error = String((e as Error)?.message ?? e);
      })
      .finally(() => {
        clearTimeout(deadline);
        run.endedAt = Date.now();
      });
  }

  /** The links through the polite queue; results listed as they come (the panel shows them live). */
  async function checkLinks(job: Job, items: Item[], count = true): Promise<void> {
    const { run, ctrl } = job;
    if (count) {
      run.total += run.pages.reduce((n, p) => n + (p.state === 'read' ? p.total : 0), 0);
      run.planned += items.length;
    }
    await runQueue(
      items,
      async ({ link, pageUrl }) => {
        const verdict = await checkLink(link, ctrl.signal);
        if (!verdict) return;
        if (verdict.kind === 'unchecked') run.unchecked++;
        run.results.push({ link, pageUrl, verdict });
      },
      { ...politeness(job), hostOf: (it) => hostOf(it.link.url), onSettled: () => void run.checked++ },
    );
  }

  function stop(key: Key) {
    runs.get(key)?.ctrl.abort();
  }

  function status(key: Key): LinkRun | null {
    return runs.get(key)?.run ?? null;
  }

  return { checkTab, checkRoster, recheck, stop, status };
}

function politeness(job: Job) {
  return { concurrency: LIMITS.concurrency, perHostGapMs: LIMITS.perHostGapMs, signal: job.ctrl.signal, lastStart: job.lastStart };
}

/**
 * One roster home page, fetched like a link (no cookies, time-out) but read whole up to a bound,
 * its links collected by the page action's collector in the offscreen document. A page that does
 * not open is listed with the reason (the availability monitor judges that over a week, not here).
 */
async function readHomePage(p: LinkPage, signal: AbortSignal): Promise<PageLink[]> {
  const fail = (reason: string) => (Object.assign(p, { state: 'failed', reason }), []);
  if (!(await canReach(p.url))) return fail('没有访问该网站的权限（请在“网站名单”中重新导入并允许访问）');
  const r = await request(p.url, { method: 'GET', timeoutMs: LIMITS.timeoutMs, signal, readBody: true, bodyLimit: LIMITS.homePageBytes });
  if (r.cancelled) return [];
  const verdict = classifyLink({ url: p.url, ...r, ...(r.body ? htmlGist(r.body) : {}) });
  if (verdict.broken || verdict.kind === 'unchecked') return fail(verdict.reason);
  if (!r.body) return fail(`首页不是网页（${r.contentType || '无内容类型'}）`);
  // The address the inspector lands on (after redirects): its marks are keyed by it.
  const url = r.finalUrl || p.url;
  let parsed: Awaited<ReturnType<typeof parseLinks>>;
  try {
    parsed = await parseLinks(r.body, url);
  } catch (e) {
    return fail(`无法读取首页链接：${String((e as Error)?.message ?? e)}`);
  }
  Object.assign(p, { url, title: parsed.title || p.title, state: 'read', total: parsed.total });
  return parsed.links;
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
